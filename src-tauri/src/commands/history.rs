//! The audit trail, read-only (nothing here or anywhere can change it), and undo through it.

use continuum_core::audit::{AuditEntry, ChangeSet, HistoryFilter, UndoneChange};

use super::with_store;
use crate::error::AppError;
use crate::state::AppState;

/// The newest entries first, of a site or of one plan (or of everything), at most `limit`.
#[tauri::command]
pub async fn history(
    state: tauri::State<'_, AppState>,
    site: Option<String>,
    plan: Option<String>,
    limit: Option<usize>,
) -> Result<Vec<AuditEntry>, AppError> {
    let filter = HistoryFilter {
        site,
        plan,
        since: None,
        limit: Some(limit.unwrap_or(200).min(5000)),
    };
    with_store(&state, move |store| store.history(filter)).await
}

/// The action Ctrl+Z would undo, for the "Undo …" label; null when there is none.
#[tauri::command]
pub async fn next_undo(state: tauri::State<'_, AppState>) -> Result<Option<ChangeSet>, AppError> {
    with_store(&state, move |store| store.next_undo()).await
}

/// Undoes the latest action (an edit or an import), recorded as a new action of its own.
#[tauri::command]
pub async fn undo(state: tauri::State<'_, AppState>) -> Result<Option<UndoneChange>, AppError> {
    with_store(&state, move |store| store.undo_last()).await
}
