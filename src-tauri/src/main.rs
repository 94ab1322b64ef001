//! Continuum desktop app: a thin Tauri shell over `continuum-core`.
//!
//! The shell opens the store once at start-up and keeps it in managed state; commands are async
//! adapters of a few lines that move the blocking SQLite work to a blocking thread, call the core
//! and map its error to the `{ code, message }` the UI branches on. No business logic lives here.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod state;

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            use tauri::Manager as _;
            app.manage(state::AppState::open());
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(tauri::generate_handler![
            commands::list_sites,
            commands::readiness,
            commands::export_runbook,
            commands::export_review,
            commands::export_cards,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Continuum");
}
