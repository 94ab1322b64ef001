//! Keeping the portfolio true: a site's own facts, new and deleted sites, new plans (from a
//! template or another site's plan), deleted plans, the inventory, and a person leaving with
//! their roles handed over. Like every edit, each carries the stamp of the page it was made on
//! and answers with the site page as it now stands (see `edit.rs`).

use continuum_core::edit;
use continuum_core::store::maintain::Successor;
use continuum_core::templates::NewPlan;
use continuum_core::views::SitePage;
use continuum_core::{InventoryItem, SiteData};
use serde_json::Value;

use super::edit::guarded_edit;
use super::{parse_date, with_store};
use crate::error::AppError;
use crate::state::AppState;

/// Saves a site's own facts (name, place, tier, headcount, lead); the id cannot change.
#[tauri::command]
pub async fn save_site(
    state: tauri::State<'_, AppState>,
    stamp: String,
    site: Value,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    let site: continuum_core::Site = edit::from_json("site", site)?;
    let id = site.id.clone();
    guarded_edit(&state, id, stamp, as_of, move |store, _| {
        store.save_site(site)
    })
    .await
}

/// Adds a new site with only its own facts; people, plans and the rest are added on its page.
#[tauri::command]
pub async fn create_site(
    state: tauri::State<'_, AppState>,
    site: Value,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    let site: continuum_core::Site = edit::from_json("site", site)?;
    let as_of = parse_date(as_of.as_deref())?;
    with_store(&state, move |store| {
        let id = site.id.clone();
        store.create_site(SiteData {
            format: Default::default(),
            written_for: None,
            site,
            people: vec![],
            processes: vec![],
            plans: vec![],
            inventory: vec![],
            training: vec![],
            exercises: vec![],
        })?;
        store.site_page(&id, as_of)
    })
    .await
}

/// Deletes a site and everything in it (its history stays in the trail, so it can be undone).
#[tauri::command]
pub async fn delete_site(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
) -> Result<(), AppError> {
    with_store(&state, move |store| {
        store.expect_stamp(&site, &stamp).delete_site(&site)
    })
    .await
}

/// Adds a draft plan of a kind to `site` from that kind's template.
#[tauri::command]
pub async fn new_plan(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
    plan: Value,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    guarded_edit(&state, site, stamp, as_of, move |store, site| {
        let new: NewPlan = edit::from_json("plan", plan)?;
        store.new_plan(site, new)
    })
    .await
}

/// Copies plan `plan` to `site` (the page's site) as a new draft `id` owned by `owner`.
#[tauri::command]
pub async fn duplicate_plan(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
    plan: String,
    id: String,
    owner: String,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    guarded_edit(&state, site, stamp, as_of, move |store, site| {
        store.duplicate_plan(&plan, site, &id, &owner)
    })
    .await
}

/// Deletes a plan of `site`.
#[tauri::command]
pub async fn delete_plan(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
    plan: String,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    guarded_edit(&state, site, stamp, as_of, move |store, _| {
        store.delete_plan(&plan)
    })
    .await
}

/// Replaces the inventory of `site`.
#[tauri::command]
pub async fn save_inventory(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
    items: Value,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    guarded_edit(&state, site, stamp, as_of, move |store, site| {
        let items: Vec<InventoryItem> = edit::from_json("inventory", items)?;
        store.set_inventory(site, items)
    })
    .await
}

/// A person of `site` leaves: each role they hold goes to its successor, and they are marked
/// inactive, in one edit.
#[tauri::command]
pub async fn hand_over(
    state: tauri::State<'_, AppState>,
    site: String,
    stamp: String,
    person: String,
    successors: Value,
    as_of: Option<String>,
) -> Result<SitePage, AppError> {
    guarded_edit(&state, site, stamp, as_of, move |store, _| {
        let successors: Vec<Successor> = edit::from_json("hand-over", successors)?;
        store.hand_over(&person, successors)
    })
    .await
}
