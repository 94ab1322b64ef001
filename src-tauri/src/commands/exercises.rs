//! Exercises: record or change an exercise of a site (with its participants, results and
//! findings), close a finding's corrective action, and the calendar of when each approved plan
//! falls due for exercise. Edits are guarded by the site page's stamp like every other edit.

use continuum_core::edit;
use continuum_core::store::exercises::{CalendarScope, ExerciseCalendar};
use continuum_core::views::SitePage;
use serde_json::Value;

use super::edit::guarded_edit;
use super::{parse_date, with_store};
use crate::error::AppError;
use crate::state::AppState;

/// Saves an exercise of `site` (new or changed); recovery times as typed (`3h 30m`).
#[tauri::command]
pub async fn save_exercise(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
    exercise: Value,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    guarded_edit(&state, site, stamp, as_of, move |store, site| {
        store.save_exercise(site, edit::from_json("exercise", exercise)?)
    })
    .await
}

/// Closes the corrective action of `finding` (an exercise finding of `site`) on `date`.
#[tauri::command]
pub async fn close_finding(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
    finding: String,
    date: String,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    let date = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| {
        continuum_core::Error::Field {
            entity: "finding",
            field: "closed".into(),
            message: format!("{date:?} is not a date (YYYY-MM-DD)"),
        }
    })?;
    guarded_edit(&state, site, stamp, as_of, move |store, _| {
        store.close_finding(&finding, date)
    })
    .await
}

/// When each approved plan falls due for exercise: of `site`, of `region`, or (neither) of
/// every site, as of `as_of`.
#[tauri::command]
pub async fn exercise_calendar(
    state: tauri::State<'_, AppState>,
    site: Option<String>,
    region: Option<String>,
    as_of: Option<String>,
) -> Result<ExerciseCalendar, AppError> {
    let as_of = parse_date(as_of.as_deref())?;
    let scope = CalendarScope { site, region };
    with_store(&state, move |store| store.exercise_calendar(&scope, as_of)).await
}
