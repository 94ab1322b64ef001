//! The settings page: the portfolio's catalogue (regions, roles, courses) and readiness policy,
//! a preview of what a policy would change, and saving both as one edit.

use continuum_core::edit;
use continuum_core::store::settings::PolicyPreview;
use continuum_core::{Portfolio, ReadinessSettings};
use serde_json::Value;

use super::{parse_date, with_store};
use crate::error::AppError;
use crate::state::AppState;

/// The portfolio file's content as stored: name, catalogues and policy.
#[tauri::command]
pub async fn portfolio(state: tauri::State<'_, AppState>) -> Result<Portfolio, AppError> {
    with_store(&state, |store| store.portfolio()).await
}

/// Which sites a readiness policy would move to another band as of `as_of`; saves nothing.
#[tauri::command]
pub async fn policy_preview(
    state: tauri::State<'_, AppState>,
    settings: Value,
    as_of: Option<String>,
) -> Result<PolicyPreview, AppError> {
    let as_of = parse_date(as_of.as_deref())?;
    let settings: ReadinessSettings = edit::from_json("policy", settings)?;
    with_store(&state, move |store| store.policy_preview(&settings, as_of)).await
}

/// Saves the name, catalogues and policy; answers with the portfolio as stored.
#[tauri::command]
pub async fn save_portfolio(
    state: tauri::State<'_, AppState>,
    portfolio: Value,
) -> Result<Portfolio, AppError> {
    let portfolio: Portfolio = edit::from_json("portfolio", portfolio)?;
    with_store(&state, move |store| {
        store.save_portfolio(portfolio)?;
        store.portfolio()
    })
    .await
}
