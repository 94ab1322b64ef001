//! Training: the matrix of people × courses for a site, a region or the portfolio, completions
//! recorded for one person or many at once, and the matrix written as CSV where the user chose.

use continuum_core::edit;
use continuum_core::store::training::{self, MatrixScope, TrainingMatrix};
use continuum_core::TrainingRecord;
use serde_json::Value;

use super::{export_path, parse_date, with_store, Exported};
use crate::error::AppError;
use crate::state::AppState;

/// The training matrix of `scope` (`{ site }`, `{ region }` or `{}` for everyone) as of `as_of`.
#[tauri::command]
pub async fn training_matrix(
    state: tauri::State<'_, AppState>,
    scope: Value,
    as_of: Option<String>,
) -> Result<TrainingMatrix, AppError> {
    let as_of = parse_date(as_of.as_deref())?;
    let scope: MatrixScope = edit::from_json("scope", scope)?;
    with_store(&state, move |store| store.training_matrix(&scope, as_of)).await
}

/// Records completions (one person's, or a course run for many) as one change; gives back
/// how many were new.
#[tauri::command]
pub async fn record_training(
    state: tauri::State<'_, AppState>,
    records: Value,
) -> Result<usize, AppError> {
    let records: Vec<TrainingRecord> = edit::from_json("training", records)?;
    with_store(&state, move |store| store.record_completions(records)).await
}

/// Writes the matrix of `scope` as CSV to `path` (chosen in the save dialog).
#[tauri::command]
pub async fn export_training_csv(
    state: tauri::State<'_, AppState>,
    scope: Value,
    path: String,
    as_of: Option<String>,
) -> Result<Exported, AppError> {
    let as_of = parse_date(as_of.as_deref())?;
    let scope: MatrixScope = edit::from_json("scope", scope)?;
    let path = export_path(&path)?;
    let written = path.clone();
    let rows = with_store(&state, move |store| {
        let matrix = store.training_matrix(&scope, as_of)?;
        training::write_matrix_csv(&matrix, &path)
    })
    .await?;
    let bytes = std::fs::metadata(&written).map_or(0, |m| m.len() as usize);
    Ok(state.remember_file(written, rows, bytes))
}
