//! Tauri commands: async adapters that run the core on a blocking thread and map its errors.

use std::sync::{Arc, Mutex};

use continuum_core::{SiteSummary, Store};

use crate::error::AppError;
use crate::state::AppState;

/// All sites with their plan and people counts, for the site list.
#[tauri::command]
pub async fn list_sites(state: tauri::State<'_, AppState>) -> Result<Vec<SiteSummary>, AppError> {
    with_store(&state, |store| store.list_sites()).await
}

/// Runs `f` with the locked store on tokio's blocking pool, so SQLite never blocks the main
/// (UI) thread or the async workers.
async fn with_store<T, F>(state: &AppState, f: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut Store) -> Result<T, continuum_core::Error> + Send + 'static,
{
    let store: Arc<Mutex<Store>> = state.store()?;
    tauri::async_runtime::spawn_blocking(move || {
        let mut store = store.lock().map_err(|_| AppError::Poisoned)?;
        f(&mut store).map_err(AppError::from)
    })
    .await
    .map_err(|err| AppError::Task(err.to_string()))?
}
