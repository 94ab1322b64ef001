//! End-to-end tests of `continuum runbook` and `continuum cards`: the files they write, where,
//! and how they fail.

mod common;

use std::path::Path;
use std::process::Output;

fn continuum(home: &Path, cwd: &Path, args: &[&str]) -> Output {
    common::command(home)
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn runbook_writes_the_default_file_in_the_current_directory() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = continuum(
        home.path(),
        work.path(),
        &["runbook", "tokyo", "--date", "2026-11-25"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("tokyo-runbook.pdf"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(files(work.path()), vec!["tokyo-runbook.pdf"]);
    let pdf = std::fs::read(work.path().join("tokyo-runbook.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    // The same data and date give the same bytes.
    let again = continuum(
        home.path(),
        work.path(),
        &[
            "runbook",
            "tokyo",
            "--date",
            "2026-11-25",
            "-o",
            "again.pdf",
        ],
    );
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(std::fs::read(work.path().join("again.pdf")).unwrap(), pdf);
}

#[test]
fn runbook_of_a_plan_to_a_given_path_with_json_output() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let target = work.path().join("sub.pdf");
    let out = continuum(
        home.path(),
        work.path(),
        &[
            "--json",
            "runbook",
            "seoul-bcp",
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["pages"].as_u64().unwrap() >= 5);
    assert_eq!(
        v["bytes"].as_u64().unwrap(),
        std::fs::metadata(&target).unwrap().len()
    );
    assert_eq!(
        files(work.path()),
        vec!["sub.pdf"],
        "only the path given is written"
    );
}

#[test]
fn unknown_site_or_plan_exits_1_with_a_clear_error_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    for args in [&["runbook", "atlantis"][..], &["cards", "atlantis"]] {
        let out = continuum(home.path(), work.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            text(&out.stderr).contains("\"atlantis\""),
            "{}",
            text(&out.stderr)
        );
    }
    assert!(files(work.path()).is_empty());
    assert_eq!(
        continuum(home.path(), work.path(), &["runbook"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        continuum(
            home.path(),
            work.path(),
            &["runbook", "tokyo", "--date", "someday"]
        )
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn cards_write_one_file() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = continuum(home.path(), work.path(), &["cards", "munchen"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(files(work.path()), vec!["munchen-cards.pdf"]);
    for cmd in ["runbook", "cards"] {
        let help = continuum(home.path(), work.path(), &[cmd, "--help"]);
        assert!(
            help.status.success() && text(&help.stdout).contains("Usage:"),
            "{cmd}"
        );
    }
}

/// `--draft`: the runbook of the draft version of a plan being revised, marked DRAFT on every
/// page and naming the version in force; the plan's own runbook stays that of the version in
/// force.
#[test]
fn runbook_draft_writes_the_draft_version_marked_draft() {
    use continuum_core::store::lifecycle::PlanAction;
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let db = home.path().join("c.db");
    {
        let mut store = continuum_core::Store::open(&db).unwrap();
        let day = continuum_core::demo::written_for().unwrap();
        continuum_core::demo::load_demo(&mut store, day).unwrap();
        store.plan_action("tokyo-bcp", PlanAction::Revise).unwrap();
        let mut draft = *store.plan("tokyo-bcp").unwrap().draft.unwrap();
        draft.steps[0].action = "A step only the draft has".into();
        store.save_plan_draft("tokyo", draft).unwrap();
    }
    let db = db.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        continuum(home.path(), work.path(), &all)
    };
    let out = run(&["runbook", "tokyo-bcp", "--draft", "--date", "2026-11-25"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(files(work.path()), vec!["tokyo-bcp-draft-runbook.pdf"]);
    let draft = pdftotext(&work.path().join("tokyo-bcp-draft-runbook.pdf"));
    let pages: Vec<&str> = draft
        .split('\x0c')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() > 2);
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("DRAFT"), "page {} is not marked DRAFT", i + 1);
        assert!(page.contains("NOT IN FORCE"), "page {}", i + 1);
    }
    assert!(draft.contains("A step only the draft has"));

    let out = run(&["runbook", "tokyo-bcp", "--date", "2026-11-25"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let in_force = pdftotext(&work.path().join("tokyo-bcp-runbook.pdf"));
    assert!(!in_force.contains("DRAFT"));
    assert!(!in_force.contains("A step only the draft has"));

    // A site has no draft version; a plan not being revised has none either.
    let out = run(&["--json", "runbook", "tokyo", "--draft"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("\"validation\""),
        "{}",
        text(&out.stderr)
    );
    let out = run(&["--json", "runbook", "tokyo-itdr", "--draft"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("\"not_found\""),
        "{}",
        text(&out.stderr)
    );
}

fn pdftotext(path: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is needed by this test (poppler-utils)");
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}
