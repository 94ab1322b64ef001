//! Stored readiness reviews (ISO 22301 §9.3): list, start, the review page with its gathered
//! inputs, decisions and actions, sign-off, and the stored review's PDF written where the user
//! chose. Review ids are SQLite row ids (small integers), sent as numbers.

use continuum_core::store::{
    NewAction, Review, ReviewItem, ReviewItemKind, ReviewPage, ReviewScope,
};
use continuum_documents as documents;

use super::{export_path, parse_date, with_store, Exported};
use crate::error::AppError;
use crate::state::AppState;

/// Every stored review, newest first.
#[tauri::command]
pub async fn list_reviews(state: tauri::State<'_, AppState>) -> Result<Vec<Review>, AppError> {
    with_store(&state, move |store| store.reviews()).await
}

/// Starts a review of `scope` (`{ kind: "portfolio" }`, `{ kind: "region", id }` or
/// `{ kind: "site", id }`) as of `as_of` (default today).
#[tauri::command]
pub async fn start_review(
    state: tauri::State<'_, AppState>,
    scope: ReviewScope,
    as_of: Option<String>,
) -> Result<Review, AppError> {
    let as_of = parse_date(as_of.as_deref())?;
    with_store(&state, move |store| store.start_review(scope, as_of)).await
}

/// A review with its decisions, actions, the previous review's actions and the inputs.
#[tauri::command]
pub async fn review_page(
    state: tauri::State<'_, AppState>,
    id: i64,
) -> Result<ReviewPage, AppError> {
    with_store(&state, move |store| store.review_page(id)).await
}

/// Records a decision (`kind` "decision": `text`) or an action (`kind` "action": `text`,
/// `owner`, `due` YYYY-MM-DD) in an open review.
#[tauri::command]
pub async fn add_review_item(
    state: tauri::State<'_, AppState>,
    review: i64,
    kind: ReviewItemKind,
    text: String,
    owner: Option<String>,
    due: Option<String>,
) -> Result<ReviewItem, AppError> {
    match kind {
        ReviewItemKind::Decision => {
            with_store(&state, move |store| store.add_decision(review, &text)).await
        }
        ReviewItemKind::Action => {
            let due = match due.as_deref() {
                None | Some("") => {
                    return Err(continuum_core::Error::Field {
                        entity: "action",
                        field: "due".into(),
                        message: "an action needs a due date".into(),
                    }
                    .into())
                }
                Some(_) => parse_date(due.as_deref())?,
            };
            let action = NewAction {
                text,
                owner: owner.unwrap_or_default(),
                due,
            };
            with_store(&state, move |store| store.add_action(review, action)).await
        }
    }
}

/// Marks an action done on `done` (default today), or reopens it with `reopen`.
#[tauri::command]
pub async fn complete_review_action(
    state: tauri::State<'_, AppState>,
    action: i64,
    done: Option<String>,
    reopen: Option<bool>,
) -> Result<ReviewItem, AppError> {
    let done = match reopen.unwrap_or(false) {
        true => None,
        false => Some(parse_date(done.as_deref())?),
    };
    with_store(&state, move |store| store.complete_action(action, done)).await
}

/// Signs a review off (records a readiness snapshot, freezes the review).
#[tauri::command]
pub async fn sign_off_review(
    state: tauri::State<'_, AppState>,
    id: i64,
    signed_by: Vec<String>,
) -> Result<Review, AppError> {
    with_store(&state, move |store| store.sign_off(id, signed_by)).await
}

/// Writes the stored review's PDF to `path` (chosen in the save dialog).
#[tauri::command]
pub async fn export_stored_review(
    state: tauri::State<'_, AppState>,
    id: i64,
    path: String,
) -> Result<Exported, AppError> {
    let path = export_path(&path)?;
    let written = with_store(&state, move |store| {
        documents::write_stored_review(store, id, &path)
    })
    .await?;
    Ok(state.remember(written))
}
