//! Continuum documents: the PDF runbook, role cards and readiness-review report.
//!
//! Each document is built in two steps (as mdBook's renderers do): a plain-data model from the
//! store ([`RunbookModel`], [`CardsModel`]), then a renderer that lays the model out on pages
//! ([`layout`]) and writes them with printpdf ([`pdf`]). The generation date is a parameter, so
//! the same data and date give the same bytes.
//!
//! ```no_run
//! # fn main() -> continuum_documents::Result<()> {
//! let store = continuum_core::Store::open("continuum.db".as_ref())?;
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
//! let target = continuum_documents::Target::resolve(&store, "tokyo")?;
//! continuum_documents::write_runbook(&store, &target, today, "tokyo-runbook.pdf".as_ref())?;
//! # Ok(()) }
//! ```

mod assemble;
mod cards;
mod error;
pub mod fonts;
pub mod layout;
pub mod model;
pub mod pdf;
mod review;
mod runbook;

use std::path::Path;

use chrono::NaiveDate;
use continuum_core::Store;

pub use error::{Error, Result};
pub use layout::Page;
pub use model::{CardsModel, RunbookModel, Target};
pub use review::ReviewModel;
pub use runbook::CLASSIFICATION;

use fonts::{CjkFlavour, Fonts};

/// A laid-out document: its pages (for inspection) and its PDF bytes.
pub struct Document {
    pub pages: Vec<Page>,
    pub pdf: Vec<u8>,
}

impl Document {
    /// Writes the PDF to `path` atomically and says what was written.
    pub fn write(&self, path: &Path) -> Result<Written> {
        write_atomically(path, &self.pdf)?;
        Ok(Written {
            path: path.to_owned(),
            pages: self.pages.len(),
            bytes: self.pdf.len(),
        })
    }
}

/// What a `write_*` function wrote: `{ "path", "pages", "bytes" }` — what the CLI prints with
/// `--json` and what the app hands back to the UI.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Written {
    pub path: std::path::PathBuf,
    pub pages: usize,
    pub bytes: usize,
}

/// Lays out and writes a runbook model.
pub fn render_runbook(model: &RunbookModel) -> Result<Document> {
    let fonts = Fonts::new(CjkFlavour::for_country(&model.site.country));
    let doc = runbook::render(&fonts, model)?;
    let title = match (&model.plan_id, model.plans.first()) {
        (Some(_), Some(plan)) => format!("{} — {} runbook", model.site.name, plan.title),
        _ => format!("{} — site runbook", model.site.name),
    };
    let info = pdf::Info {
        title: &title,
        subject: runbook::CLASSIFICATION,
        author: &model.organisation,
        date: model.generated,
    };
    let bytes = pdf::write(&doc.pages, &info, &doc.bookmarks);
    Ok(Document {
        pages: doc.pages,
        pdf: bytes,
    })
}

/// The runbook of a site (all its approved plans, or its drafts marked DRAFT), of one plan, or
/// of the draft version of a plan being revised (`Target::Draft`, marked DRAFT), as PDF bytes.
pub fn runbook(store: &Store, target: &Target, generated: NaiveDate) -> Result<Vec<u8>> {
    Ok(render_runbook(&RunbookModel::build(store, target, generated)?)?.pdf)
}

/// Writes the runbook to `path` (atomically: a temporary file renamed into place).
pub fn write_runbook(
    store: &Store,
    target: &Target,
    generated: NaiveDate,
    path: &Path,
) -> Result<Written> {
    render_runbook(&RunbookModel::build(store, target, generated)?)?.write(path)
}

/// Lays out and writes the role cards of a site.
pub fn render_cards(model: &CardsModel) -> Result<Document> {
    let fonts = Fonts::new(CjkFlavour::for_country(&model.site.country));
    let pages = cards::render(&fonts, model)?;
    let title = format!("{} — role cards", model.site.name);
    let info = pdf::Info {
        title: &title,
        subject: runbook::CLASSIFICATION,
        author: &model.organisation,
        date: model.generated,
    };
    let bookmarks: Vec<(String, usize)> = cards::bookmarks(model, &pages);
    let bytes = pdf::write(&pages, &info, &bookmarks);
    Ok(Document { pages, pdf: bytes })
}

/// One A6 card per person in a recovery role of the site, as PDF bytes.
pub fn cards(store: &Store, site: &str, generated: NaiveDate) -> Result<Vec<u8>> {
    Ok(render_cards(&CardsModel::build(store, site, generated)?)?.pdf)
}

/// Writes the role cards of a site to `path` (atomically).
pub fn write_cards(
    store: &Store,
    site: &str,
    generated: NaiveDate,
    path: &Path,
) -> Result<Written> {
    render_cards(&CardsModel::build(store, site, generated)?)?.write(path)
}

/// Lays out and writes the readiness-review report.
pub fn render_review(model: &ReviewModel) -> Result<Document> {
    let fonts = Fonts::new(CjkFlavour::Japanese);
    let doc = review::render(&fonts, model)?;
    let title = format!(
        "{} — readiness review as of {}",
        model.organisation, model.as_of
    );
    let info = pdf::Info {
        title: &title,
        subject: "Management review input (ISO 22301 9.3)",
        author: &model.organisation,
        date: model.as_of,
    };
    let bytes = pdf::write(&doc.pages, &info, &doc.bookmarks);
    Ok(Document {
        pages: doc.pages,
        pdf: bytes,
    })
}

/// The readiness-review report of the portfolio as of a date, as PDF bytes. Needs the readiness
/// engine of the core (scores, roll-ups, trend since the last snapshot, 90-day forecast).
pub fn review(store: &Store, as_of: NaiveDate) -> Result<Vec<u8>> {
    Ok(render_review(&ReviewModel::build(store, as_of)?)?.pdf)
}

/// Writes the readiness-review report to `path` (atomically).
pub fn write_review(store: &Store, as_of: NaiveDate, path: &Path) -> Result<Written> {
    render_review(&ReviewModel::build(store, as_of)?)?.write(path)
}

/// Writes the report of a stored review (its decisions, actions and sign-off, and the status of
/// the previous review's actions) to `path` (atomically).
pub fn write_stored_review(store: &Store, id: i64, path: &Path) -> Result<Written> {
    render_review(&ReviewModel::build_stored(store, id)?)?.write(path)
}

/// `review-7.pdf`
pub fn default_stored_review_file(id: i64) -> String {
    format!("review-{id}.pdf")
}

/// `readiness-review-2026-11-25.pdf`
pub fn default_review_file(as_of: NaiveDate) -> String {
    format!("readiness-review-{as_of}.pdf")
}

/// The file name used when none is given: `tokyo-runbook.pdf`, `tokyo-bcp-runbook.pdf`,
/// `tokyo-bcp-draft-runbook.pdf`.
pub fn default_runbook_file(target: &Target) -> String {
    match target {
        Target::Draft(id) => format!("{id}-draft-runbook.pdf"),
        _ => format!("{}-runbook.pdf", target.id()),
    }
}

pub fn default_cards_file(site: &str) -> String {
    format!("{site}-cards.pdf")
}

/// Writes bytes so that a crash or a full disk never leaves half a file: a temporary file beside
/// the target is written, synced and renamed over it.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(source) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::Io {
            path: path.to_owned(),
            source,
        });
    }
    Ok(())
}
