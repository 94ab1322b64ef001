//! Continuum desktop app: a thin Tauri shell over `continuum-core`.
//!
//! The shell opens the store once at start-up and keeps it in managed state; commands are async
//! adapters of a few lines that move the blocking SQLite work to a blocking thread, call the core
//! and map its error to the `{ code, message }` the UI branches on. No business logic lives here.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod bindings;
mod commands;
mod error;
mod state;

use tauri_plugin_window_state::StateFlags;

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            use tauri::Manager as _;
            app.manage(state::AppState::open());
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        // Size, position and maximised state; never visibility (the window always shows).
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(StateFlags::all() - StateFlags::VISIBLE)
                .build(),
        )
        .invoke_handler(tauri::generate_handler![
            commands::dashboard,
            commands::outlook,
            commands::search,
            commands::site_page,
            commands::export_runbook,
            commands::export_review,
            commands::export_cards,
            commands::import_plans,
            commands::export_plans,
            commands::open_document,
            commands::edit::save_person,
            commands::edit::save_process,
            commands::edit::save_plan,
            commands::edit::save_plan_draft,
            commands::edit::plan_action,
            commands::edit::role_candidates,
            commands::edit::check_plan,
            commands::maintain::save_site,
            commands::maintain::create_site,
            commands::maintain::delete_site,
            commands::maintain::new_plan,
            commands::maintain::duplicate_plan,
            commands::maintain::delete_plan,
            commands::maintain::save_inventory,
            commands::maintain::hand_over,
            commands::settings::portfolio,
            commands::settings::policy_preview,
            commands::settings::save_portfolio,
            commands::training::training_matrix,
            commands::training::record_training,
            commands::training::export_training_csv,
            commands::csv::csv_preview,
            commands::csv::csv_import,
            commands::exercises::save_exercise,
            commands::exercises::close_finding,
            commands::exercises::exercise_calendar,
            commands::history::history,
            commands::history::next_undo,
            commands::history::undo,
            commands::reviews::list_reviews,
            commands::reviews::start_review,
            commands::reviews::review_page,
            commands::reviews::add_review_item,
            commands::reviews::complete_review_action,
            commands::reviews::sign_off_review,
            commands::reviews::export_stored_review,
        ])
        .build(tauri::generate_context!())
        .expect("error while building Continuum")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                use tauri::Manager as _;
                if let Some(state) = app.try_state::<state::AppState>() {
                    state.close();
                }
            }
        });
}
