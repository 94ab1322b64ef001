//! Editing commands. Each saves one change as one transaction of the core (checked as an import
//! would check it, recorded in the audit trail) and answers with the site page as it now
//! stands, so the readiness the window shows is the new one at once.
//!
//! Every edit carries the `stamp` of the site page it was made on: if the site changed since
//! (the CLI, an import, another window), the core refuses it as a `conflict` instead of
//! overwriting. Entities arrive as JSON and are read by the core with the plan-file rules, so a
//! wrong field gets the import's message and its name (`AppError.field`).

use continuum_core::edit;
use continuum_core::store::lifecycle::PlanAction;
use continuum_core::views::SitePage;
use continuum_core::Store;
use serde_json::Value;

use super::{parse_date, with_store};
use crate::error::AppError;
use crate::state::AppState;

/// Saves a person of `site` (new or changed).
#[tauri::command]
pub async fn save_person(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
    person: Value,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    guarded_edit(&state, site, stamp, as_of, move |store, site| {
        store.save_person(site, edit::from_json("person", person)?)
    })
    .await
}

/// Saves a process (BIA) of `site`: RTO, RPO and MTPD as typed (`4h`, `1h 30m`, `2days`).
#[tauri::command]
pub async fn save_process(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
    process: Value,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    guarded_edit(&state, site, stamp, as_of, move |store, site| {
        store.save_process(site, edit::process_from_json(process)?)
    })
    .await
}

/// Saves a whole plan of `site`: its fields, steps (in order), roles and assignments.
#[tauri::command]
pub async fn save_plan(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
    plan: Value,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    guarded_edit(&state, site, stamp, as_of, move |store, site| {
        store.save_plan(site, edit::from_json("plan", plan)?)
    })
    .await
}

/// Saves the draft of a plan being revised (its approved version stays in force).
#[tauri::command]
pub async fn save_plan_draft(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
    plan: Value,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    guarded_edit(&state, site, stamp, as_of, move |store, site| {
        store.save_plan_draft(site, edit::from_json("plan", plan)?)
    })
    .await
}

/// One lifecycle step of a plan: submit for review, approve, revise, discard the draft, retire.
#[tauri::command]
pub async fn plan_action(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
    plan: String,
    action: Value,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    guarded_edit(&state, site, stamp, as_of, move |store, _| {
        let action: PlanAction = edit::from_json("approval", action)?;
        store.plan_action(&plan, action)
    })
    .await
}

/// Runs one edit of `site`, guarded by the `stamp` its page was read with, and answers with
/// the site page as of `as_of` as it now stands.
pub(super) async fn guarded_edit(
    state: &AppState,
    site: String,
    stamp: String,
    as_of: Option<String>,
    change: impl FnOnce(&mut Store, &str) -> continuum_core::Result<()> + Send + 'static,
) -> Result<SitePage, AppError> {
    let as_of = parse_date(as_of.as_deref())?;
    with_store(state, move |store| {
        change(store.expect_stamp(&site, &stamp), &site)?;
        store.site_page(&site, as_of)
    })
    .await
}

/// Checks a plan being edited as saving it would, saving nothing: a problem comes back named
/// by its field; otherwise the plan's steps against its RTO (the running total the editor shows).
#[tauri::command]
pub async fn check_plan(
    state: tauri::State<'_, AppState>,
    site: String,
    plan: Value,
) -> Result<continuum_core::views::PlanTiming, AppError> {
    let plan = edit::from_json("plan", plan)?;
    with_store(&state, move |store| store.check_plan(&site, plan)).await
}

/// The people of `site` who could fill `role`, with training currency and critical roles held.
#[tauri::command]
pub async fn role_candidates(
    state: tauri::State<'_, AppState>,
    site: String,
    role: String,
    as_of: Option<String>,
) -> Result<Vec<continuum_core::views::TeamMember>, AppError> {
    let as_of = parse_date(as_of.as_deref())?;
    with_store(&state, move |store| {
        store.role_candidates(&site, &role, as_of)
    })
    .await
}
