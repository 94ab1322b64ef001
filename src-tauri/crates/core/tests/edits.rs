//! Editing as the app does it: stale edits refused, the plan lifecycle, entities read from JSON.

use continuum_core::store::lifecycle::{Approval, PlanAction};
use continuum_core::store::stamp::stamp;
use continuum_core::{demo, edit, Error, PlanStatus, Store};
mod common;
use common::demo_store;

fn export(store: &Store, site: &str) -> String {
    serde_json::to_string(&store.site(site).unwrap()).unwrap()
}

#[test]
fn an_edit_on_a_stale_page_is_a_conflict_and_changes_nothing() {
    let mut store = demo_store();
    let read = store.site_stamp("tokyo").unwrap();
    // Someone else changes Tokyo after the page was read.
    let mut other = store.site("tokyo").unwrap().processes[0].clone();
    other.minimum_staff += 1;
    store.save_process("tokyo", other).unwrap();
    let after_other = export(&store, "tokyo");

    let mut mine = store.site("tokyo").unwrap().processes[1].clone();
    mine.name = "Renamed on a stale page".into();
    let err = store
        .expect_stamp("tokyo", &read)
        .save_process("tokyo", mine.clone())
        .unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
    assert!(err.to_string().contains("changed elsewhere"), "{err}");
    assert_eq!(export(&store, "tokyo"), after_other, "nothing changed");

    // With the current stamp it goes through, and the expectation is used up by one edit.
    let fresh = store.site_stamp("tokyo").unwrap();
    store
        .expect_stamp("tokyo", &fresh)
        .save_process("tokyo", mine)
        .unwrap();
    assert_ne!(store.site_stamp("tokyo").unwrap(), fresh);
    assert_eq!(
        stamp(&store.site("tokyo").unwrap()),
        store.site_stamp("tokyo").unwrap()
    );
}

#[test]
fn a_stamp_for_another_site_does_not_guard_this_one() {
    let mut store = demo_store();
    let london = store.site_stamp("london").unwrap();
    let mut p = store.site("tokyo").unwrap().processes[0].clone();
    p.minimum_staff += 2;
    store
        .expect_stamp("london", &london)
        .save_process("tokyo", p)
        .unwrap();
}

#[test]
fn approving_a_draft_appends_a_revision_and_moves_the_version_on() {
    let mut store = demo_store();
    let plan = store.plan("seoul-pandemic").unwrap();
    assert_eq!(plan.status, PlanStatus::Draft);
    let people = store.site("seoul").unwrap().people;
    let approver = people[0].id.clone();
    let day = demo::written_for().unwrap();
    store
        .plan_action("seoul-pandemic", PlanAction::Submit)
        .unwrap();
    assert_eq!(
        store.plan("seoul-pandemic").unwrap().status,
        PlanStatus::InReview
    );
    store
        .plan_action(
            "seoul-pandemic",
            PlanAction::Approve(Approval {
                approver: approver.clone(),
                author: people[1].id.clone(),
                summary: "First approved issue.".into(),
                date: day,
            }),
        )
        .unwrap();
    let approved = store.plan("seoul-pandemic").unwrap();
    assert_eq!(approved.status, PlanStatus::Approved);
    assert_eq!(approved.version, "0.5");
    assert_eq!(approved.approver.as_deref(), Some(approver.as_str()));
    assert_eq!(approved.approved_on, Some(day));
    let last = approved.revisions.last().unwrap();
    assert_eq!((last.version.as_str(), last.date), ("0.5", day));
    assert_eq!(last.summary, "First approved issue.");

    // Approving again needs a revision first.
    let again = store.plan_action(
        "seoul-pandemic",
        PlanAction::Approve(Approval {
            approver,
            author: people[1].id.clone(),
            summary: "Again".into(),
            date: day,
        }),
    );
    assert_eq!(again.unwrap_err().code(), "conflict");
    // Revising starts a draft version; the approved one stays in force (tests/drafts.rs).
    store
        .plan_action("seoul-pandemic", PlanAction::Revise)
        .unwrap();
    let revised = store.plan("seoul-pandemic").unwrap();
    assert_eq!(revised.status, PlanStatus::Approved);
    assert_eq!(revised.draft.unwrap().status, PlanStatus::Draft);
}

#[test]
fn an_approver_from_nowhere_is_refused_and_nothing_changes() {
    let mut store = demo_store();
    let before = export(&store, "seoul");
    let err = store
        .plan_action(
            "seoul-pandemic",
            PlanAction::Approve(Approval {
                approver: "nobody-here".into(),
                author: "nobody-here".into(),
                summary: "x".into(),
                date: demo::written_for().unwrap(),
            }),
        )
        .unwrap_err();
    assert_eq!(err.code(), "validation", "{err}");
    assert_eq!(export(&store, "seoul"), before);
}

#[test]
fn plan_actions_read_from_the_apps_json() {
    let action: PlanAction = edit::from_json(
        "approval",
        serde_json::json!({ "approve": {
            "approver": "a", "author": "b", "summary": "s", "date": "2026-12-02"
        }}),
    )
    .unwrap();
    assert!(matches!(action, PlanAction::Approve(_)));
    let bad = edit::from_json::<PlanAction>(
        "approval",
        serde_json::json!({ "approve": { "approver": "a", "author": "b",
            "summary": "s", "date": "2026-02-30" }}),
    )
    .unwrap_err();
    assert!(matches!(bad, Error::Field { .. }), "{bad:?}");
    assert!(
        matches!(&bad, Error::Field { field, .. } if field == "approve.date"),
        "{bad:?}"
    );
    assert!(bad.to_string().contains("not a real date"), "{bad}");
    let submit: PlanAction = edit::from_json("approval", serde_json::json!("submit")).unwrap();
    assert_eq!(submit, PlanAction::Submit);
    let discard: PlanAction =
        edit::from_json("approval", serde_json::json!("discard_draft")).unwrap();
    assert_eq!(discard, PlanAction::DiscardDraft);
}

#[test]
fn saving_a_plan_changes_nothing_else() {
    let mut store = demo_store();
    let before = store.site("johannesburg").unwrap();
    let mut plan = before.plans[0].clone();
    plan.purpose.push_str(" (edited)");
    store.save_plan("johannesburg", plan).unwrap();
    let after = store.site("johannesburg").unwrap();
    assert_eq!(after.people, before.people);
    assert_eq!(after.processes, before.processes);
    assert_eq!(after.plans[1..], before.plans[1..]);
}

#[test]
fn a_checkpoint_empties_the_write_ahead_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let mut store = Store::open(&db).unwrap();
    demo::load_demo(&mut store, demo::written_for().unwrap()).unwrap();
    let wal = dir.path().join("c.db-wal");
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "the import left a log"
    );
    store.checkpoint().unwrap();
    assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0);
    assert_eq!(store.site_ids().unwrap().len(), 20, "nothing lost");
}
