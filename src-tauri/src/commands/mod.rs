//! Tauri commands: async adapters that run the core on a blocking thread and map its errors.
//!
//! The export commands write the PDF in Rust at the path the user chose in the native save
//! dialog (opened by the UI) and hand back only that path with the page and byte counts; the
//! PDF bytes never cross the IPC bridge.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use continuum_core::portfolio_io::ExportSummary;
use continuum_core::views::{Dashboard, Outlook, SearchHit, SitePage};
use continuum_core::{ImportSummary, Store};
use continuum_documents::{self as documents, Target};

use crate::error::AppError;
use crate::state::AppState;

pub mod csv;
pub mod edit;
pub mod exercises;
pub mod history;
pub mod maintain;
pub mod reviews;
pub mod settings;
pub mod training;

/// The first screen as of `as_of` (YYYY-MM-DD, default today): a card per site, roll-ups,
/// regions.
#[tauri::command]
pub async fn dashboard(
    state: tauri::State<'_, AppState>,
    as_of: Option<String>,
) -> Result<Dashboard, AppError> {
    let as_of = parse_date(as_of.as_deref())?;
    with_store(&state, move |store| {
        let dashboard = store.dashboard(as_of, today());
        give_back_memory();
        dashboard
    })
    .await
}

/// The sites that drop a band in the `days` after `as_of`, soonest first, and why.
#[tauri::command]
pub async fn outlook(
    state: tauri::State<'_, AppState>,
    as_of: Option<String>,
    days: u32,
) -> Result<Outlook, AppError> {
    let as_of = parse_date(as_of.as_deref())?;
    let days = days.min(3660);
    with_store(&state, move |store| {
        let outlook = store.outlook(as_of, days);
        give_back_memory();
        outlook
    })
    .await
}

/// Sites and people matching what was typed in the search box.
#[tauri::command]
pub async fn search(
    state: tauri::State<'_, AppState>,
    query: String,
) -> Result<Vec<SearchHit>, AppError> {
    with_store(&state, move |store| store.search(&query)).await
}

/// Everything the site page shows, as of `as_of`.
#[tauri::command]
pub async fn site_page(
    state: tauri::State<'_, AppState>,
    site: String,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    let as_of = parse_date(as_of.as_deref())?;
    with_store(&state, move |store| store.site_page(&site, as_of)).await
}

/// Writes the runbook of a site or plan (`target` is its id) to `path`; with `draft`, the
/// runbook of the plan's draft (marked DRAFT on every page) instead of the version in force.
#[tauri::command]
pub async fn export_runbook(
    state: tauri::State<'_, AppState>,
    target: String,
    path: String,
    draft: Option<bool>,
) -> Result<Exported, AppError> {
    let path = export_path(&path)?;
    let draft = draft.unwrap_or(false);
    let written = with_store(&state, move |store| {
        write_runbook(store, &target, draft, today(), path)
    })
    .await?;
    Ok(state.remember(written))
}

/// Writes the readiness-review report of the portfolio, as of `as_of`, to `path`.
#[tauri::command]
pub async fn export_review(
    state: tauri::State<'_, AppState>,
    path: String,
    as_of: Option<String>,
) -> Result<Exported, AppError> {
    let as_of = parse_date(as_of.as_deref())?;
    let path = export_path(&path)?;
    let written = with_store(&state, move |store| write_review(store, as_of, path)).await?;
    Ok(state.remember(written))
}

/// Writes the role cards of a site to `path`.
#[tauri::command]
pub async fn export_cards(
    state: tauri::State<'_, AppState>,
    site: String,
    path: String,
) -> Result<Exported, AppError> {
    let path = export_path(&path)?;
    let written = with_store(&state, move |store| {
        write_cards(store, &site, today(), path)
    })
    .await?;
    Ok(state.remember(written))
}

/// Imports every plan file of the folder chosen in the folder dialog: all or nothing, every
/// problem of every file listed in the error.
#[tauri::command]
pub async fn import_plans(
    state: tauri::State<'_, AppState>,
    folder: String,
) -> Result<ImportSummary, AppError> {
    let folder = chosen_path(&folder)?;
    with_store(&state, move |store| {
        let summary = continuum_core::import(store, &[folder]);
        give_back_memory();
        summary
    })
    .await
}

/// Writes the portfolio as plan files into the folder chosen in the folder dialog.
#[tauri::command]
pub async fn export_plans(
    state: tauri::State<'_, AppState>,
    folder: String,
) -> Result<ExportSummary, AppError> {
    let folder = chosen_path(&folder)?;
    with_store(&state, move |store| continuum_core::export(store, &folder)).await
}

/// Opens a PDF this app wrote (in this session) in the system's viewer. Any other path is
/// refused, so the web view cannot make the app open arbitrary files.
#[tauri::command]
pub async fn open_document(
    app: tauri::AppHandle,
    state: tauri::State<'_, AppState>,
    path: String,
) -> Result<(), AppError> {
    use tauri_plugin_opener::OpenerExt as _;
    let path = state.written(&path)?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|err| AppError::Open(err.to_string()))
}

/// What an export wrote: `{ "path", "pages", "bytes" }`, as `continuum runbook --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Exported {
    pub path: String,
    pub pages: usize,
    pub bytes: usize,
}

impl From<&documents::Written> for Exported {
    fn from(w: &documents::Written) -> Self {
        Exported {
            path: w.path.to_string_lossy().into_owned(),
            pages: w.pages,
            bytes: w.bytes,
        }
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn parse_date(text: Option<&str>) -> Result<NaiveDate, AppError> {
    match text {
        None | Some("") => Ok(today()),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            continuum_core::Error::Invalid(format!("{text:?} is not a date (YYYY-MM-DD)")).into()
        }),
    }
}

/// A dialog gives an absolute path; anything else did not come from one.
fn chosen_path(path: &str) -> Result<PathBuf, AppError> {
    let path = PathBuf::from(path);
    if !path.is_absolute() {
        return Err(continuum_core::Error::Invalid(format!(
            "{} is not a folder chosen in the folder dialog",
            path.display()
        ))
        .into());
    }
    Ok(path)
}

/// The save dialog gives an absolute path; anything else did not come from it.
fn export_path(path: &str) -> Result<PathBuf, AppError> {
    let path = PathBuf::from(path);
    if path.as_os_str().is_empty() || !path.is_absolute() || path.file_name().is_none() {
        return Err(continuum_core::Error::Invalid(format!(
            "{} is not a file path chosen in the save dialog",
            path.display()
        ))
        .into());
    }
    Ok(path)
}

// The blocking bodies, kept free of Tauri so the tests can call them on a plain store.

fn write_runbook(
    store: &Store,
    target: &str,
    draft: bool,
    date: NaiveDate,
    path: PathBuf,
) -> Result<documents::Written, documents::Error> {
    let mut target = Target::resolve(store, target)?;
    if draft {
        target = target.draft()?;
    }
    documents::write_runbook(store, &target, date, &path)
}

fn write_cards(
    store: &Store,
    site: &str,
    date: NaiveDate,
    path: PathBuf,
) -> Result<documents::Written, documents::Error> {
    documents::write_cards(store, site, date, &path)
}

fn write_review(
    store: &Store,
    as_of: NaiveDate,
    path: PathBuf,
) -> Result<documents::Written, documents::Error> {
    documents::write_review(store, as_of, &path)
}

/// Hands the heap memory a large command freed back to the system. glibc keeps freed memory
/// for reuse, so the app's memory stayed at its peak: 616 MB idle at 20,000 sites, 116 MB after
/// `malloc_trim(0)` (docs/performance.md). Called after the commands that allocate most (the
/// dashboard, the forecast, an import), on another blocking thread so that the answer does not
/// wait for it; elsewhere it is a no-op.
fn give_back_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    tauri::async_runtime::spawn_blocking(|| {
        // SAFETY: malloc_trim only returns free memory of the allocator to the system; it has no
        // preconditions and is thread-safe.
        unsafe {
            libc::malloc_trim(0);
        }
    });
}

/// Runs `f` with the locked store on tokio's blocking pool, so SQLite and PDF work never block
/// the main (UI) thread or the async workers.
async fn with_store<T, E, F>(state: &AppState, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    E: Into<AppError>,
    F: FnOnce(&mut Store) -> Result<T, E> + Send + 'static,
{
    let store: Arc<Mutex<Store>> = state.store()?;
    tauri::async_runtime::spawn_blocking(move || {
        let mut store = store.lock().map_err(|_| AppError::Poisoned)?;
        f(&mut store).map_err(Into::into)
    })
    .await
    .map_err(|err| AppError::Task(err.to_string()))?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_store() -> Store {
        let mut store = Store::in_memory().expect("in-memory store");
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        continuum_core::demo::load_demo_if_empty(&mut store, today).expect("demo loads");
        store
    }

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn dashboard_has_every_band_for_the_demo() {
        let dashboard = demo_store().dashboard(date(), date()).expect("dashboard");
        let json = serde_json::to_value(&dashboard).unwrap();
        let statuses: Vec<&str> = json["sites"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["status"].as_str().unwrap())
            .collect();
        for band in ["ready", "at_risk", "not_ready"] {
            assert!(statuses.contains(&band), "no {band} site in {statuses:?}");
        }
        assert_eq!(statuses.len(), 20);
    }

    #[test]
    fn dates_and_paths_are_checked() {
        assert_eq!(
            parse_date(Some("2026-01-31")).unwrap(),
            NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()
        );
        let err = serde_json::to_value(parse_date(Some("31/01/2026")).unwrap_err()).unwrap();
        assert_eq!(err["code"], "validation");
        for bad in ["", "relative/tokyo-runbook.pdf", "/"] {
            let err = serde_json::to_value(export_path(bad).unwrap_err()).unwrap();
            assert_eq!(err["code"], "validation", "{bad:?}");
        }
        assert!(export_path("/tmp/tokyo-runbook.pdf").is_ok());
    }

    #[test]
    fn exports_write_pdfs_and_report_path_pages_bytes() {
        let store = demo_store();
        let dir = tempfile::tempdir().unwrap();
        let runbook = dir.path().join("tokyo-runbook.pdf");
        let cards = dir.path().join("tokyo-cards.pdf");
        let review = dir.path().join("readiness-review.pdf");
        for (exported, path) in [
            (
                write_runbook(&store, "tokyo", false, date(), runbook.clone()).unwrap(),
                &runbook,
            ),
            (
                write_cards(&store, "tokyo", date(), cards.clone()).unwrap(),
                &cards,
            ),
            (
                write_review(&store, date(), review.clone()).unwrap(),
                &review,
            ),
        ] {
            assert_eq!(&exported.path, path);
            let exported = Exported::from(&exported);
            assert!(exported.pages >= 1);
            let on_disk = std::fs::read(path).unwrap();
            assert_eq!(on_disk.len(), exported.bytes);
            assert!(on_disk.starts_with(b"%PDF"));
            let json = serde_json::to_value(&exported).unwrap();
            let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            assert_eq!(keys, ["bytes", "pages", "path"]);
        }
    }

    #[test]
    fn unknown_runbook_target_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_runbook(
            &demo_store(),
            "atlantis",
            false,
            date(),
            dir.path().join("x.pdf"),
        )
        .map_err(AppError::from)
        .unwrap_err();
        let json = serde_json::to_value(err).unwrap();
        assert_eq!(json["code"], "not_found");
        assert!(!dir.path().join("x.pdf").exists());
    }
}
