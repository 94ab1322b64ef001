//! CSV import from HR and learning systems, for the app's wizard: a preview of what a file
//! would do (read with the wizard's column mapping and date format; nothing written) and the
//! import itself (all or nothing, one action in the audit trail). The file is one the user
//! chose in the open dialog.

use continuum_core::csv_import::{self, CsvKind, CsvOptions, CsvPlan, CsvSummary};
use continuum_core::edit;
use serde_json::Value;

use super::{chosen_path, with_store};
use crate::error::AppError;
use crate::state::AppState;

/// Rows of the preview sent to the window; the counts cover the whole file.
const PREVIEW_ROWS: usize = 200;

/// What importing a file would do, with its first rows.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct CsvPreview {
    pub plan: CsvPlan,
    /// Rows in the file (the plan carries at most the first 200).
    #[ts(type = "number")]
    pub rows_total: usize,
}

/// Reads `path` as a `kind` file with `options` and says what importing it would do.
#[tauri::command]
pub async fn csv_preview(
    state: tauri::State<'_, AppState>,
    kind: CsvKind,
    path: String,
    options: Value,
) -> Result<CsvPreview, AppError> {
    let path = chosen_path(&path)?;
    let options: CsvOptions = edit::from_json("options", options)?;
    with_store(&state, move |store| {
        let mut plan = read_plan(store, kind, &path, &options)?;
        let rows_total = plan.rows.len();
        plan.rows.truncate(PREVIEW_ROWS);
        Ok::<_, continuum_core::Error>(CsvPreview { plan, rows_total })
    })
    .await
}

/// Imports `path` as a `kind` file with `options`: all or nothing.
#[tauri::command]
pub async fn csv_import(
    state: tauri::State<'_, AppState>,
    kind: CsvKind,
    path: String,
    options: Value,
) -> Result<CsvSummary, AppError> {
    let path = chosen_path(&path)?;
    let options: CsvOptions = edit::from_json("options", options)?;
    with_store(&state, move |store| {
        let plan = read_plan(store, kind, &path, &options)?;
        store.apply_csv(&plan)
    })
    .await
}

fn read_plan(
    store: &continuum_core::Store,
    kind: CsvKind,
    path: &std::path::Path,
    options: &CsvOptions,
) -> continuum_core::Result<CsvPlan> {
    match kind {
        CsvKind::People => csv_import::plan_people(store, path, options),
        CsvKind::Training => csv_import::plan_training(store, path, options),
    }
}
