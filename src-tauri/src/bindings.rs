//! The UI's TypeScript types (`ui/src/bindings/`) are generated from the Rust types that cross
//! the IPC bridge, never written by hand. This test regenerates them into a scratch directory
//! and fails when the committed files differ; `CONTINUUM_BLESS=1 cargo test -p continuum-app
//! bindings` rewrites them (as the JSON Schema test does for docs/schema).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

use crate::commands::csv::CsvPreview;
use crate::commands::Exported;
use crate::error::{ErrorCode, ErrorPayload};
use continuum_core::audit::{AuditEntry, ChangeSet, UndoneChange};
use continuum_core::csv_import::{CsvOptions, CsvSummary};
use continuum_core::portfolio_io::ExportSummary;
use continuum_core::store::exercises::ExerciseCalendar;
use continuum_core::store::lifecycle::PlanAction;
use continuum_core::store::maintain::Successor;
use continuum_core::store::settings::PolicyPreview;
use continuum_core::store::training::{MatrixScope, TrainingMatrix};
use continuum_core::store::{Review, ReviewItem, ReviewItemKind, ReviewPage, ReviewScope};
use continuum_core::templates::NewPlan;
use continuum_core::views::{Dashboard, Outlook, SearchHit, SitePage};
use continuum_core::{Exercise, ImportSummary, Portfolio, TrainingRecord};

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings")
}

/// Every type a command takes or returns, with everything they refer to.
fn export_all(dir: &Path) {
    // Integers in these types are counts and scores: `number`, not `bigint`.
    let cfg = Config::new().with_large_int("number").with_out_dir(dir);
    Dashboard::export_all(&cfg).unwrap();
    Outlook::export_all(&cfg).unwrap();
    SearchHit::export_all(&cfg).unwrap();
    SitePage::export_all(&cfg).unwrap();
    ImportSummary::export_all(&cfg).unwrap();
    ExportSummary::export_all(&cfg).unwrap();
    Exported::export_all(&cfg).unwrap();
    ErrorPayload::export_all(&cfg).unwrap();
    ErrorCode::export_all(&cfg).unwrap();
    AuditEntry::export_all(&cfg).unwrap();
    ChangeSet::export_all(&cfg).unwrap();
    UndoneChange::export_all(&cfg).unwrap();
    PlanAction::export_all(&cfg).unwrap();
    NewPlan::export_all(&cfg).unwrap();
    Successor::export_all(&cfg).unwrap();
    PolicyPreview::export_all(&cfg).unwrap();
    Portfolio::export_all(&cfg).unwrap();
    CsvPreview::export_all(&cfg).unwrap();
    CsvOptions::export_all(&cfg).unwrap();
    CsvSummary::export_all(&cfg).unwrap();
    TrainingMatrix::export_all(&cfg).unwrap();
    MatrixScope::export_all(&cfg).unwrap();
    TrainingRecord::export_all(&cfg).unwrap();
    Review::export_all(&cfg).unwrap();
    ReviewPage::export_all(&cfg).unwrap();
    ReviewItem::export_all(&cfg).unwrap();
    ReviewItemKind::export_all(&cfg).unwrap();
    ReviewScope::export_all(&cfg).unwrap();
    Exercise::export_all(&cfg).unwrap();
    ExerciseCalendar::export_all(&cfg).unwrap();
}

fn files(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ts"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

#[test]
fn bindings_match_the_rust_types() {
    let scratch = tempfile::tempdir().unwrap();
    export_all(scratch.path());
    let fresh = files(scratch.path());
    assert!(fresh.contains_key("Dashboard.ts") && fresh.contains_key("Span.ts") == false);
    let committed_dir = committed_dir();
    if std::env::var_os("CONTINUUM_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).unwrap();
        for (name, text) in &fresh {
            std::fs::write(committed_dir.join(name), text).unwrap();
        }
        return;
    }
    let committed = files(&committed_dir);
    let stale: Vec<&String> = fresh
        .keys()
        .chain(committed.keys())
        .filter(|name| fresh.get(*name) != committed.get(*name))
        .collect();
    assert!(
        stale.is_empty(),
        "ui/src/bindings is out of date with the Rust types ({stale:?}); \
         run CONTINUUM_BLESS=1 cargo test -p continuum-app bindings"
    );
}
