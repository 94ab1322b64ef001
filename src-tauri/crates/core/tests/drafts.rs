//! An approved plan stays in force while it is revised: "Revise" starts a draft version, edits
//! go to it, readiness keeps using the approved plan, and approving the draft replaces it.

use continuum_core::audit::HistoryFilter;
use continuum_core::store::lifecycle::{Approval, PlanAction};
use continuum_core::{demo, Assignment, Error, PlanStatus, Store};
mod common;
use common::demo_store;

const PLAN: &str = "tokyo-bcp";

fn approval(store: &Store, summary: &str) -> Approval {
    let people = store.site("tokyo").unwrap().people;
    Approval {
        approver: people[0].id.clone(),
        author: people[1].id.clone(),
        summary: summary.into(),
        date: demo::written_for().unwrap(),
    }
}

/// Tokyo as stored, without the draft: what runbooks and readiness read.
fn in_force(store: &Store) -> continuum_core::Plan {
    let mut plan = store.plan(PLAN).unwrap();
    plan.draft = None;
    plan
}

#[test]
fn revise_starts_a_draft_and_the_approved_plan_stays_in_force() {
    let mut store = demo_store();
    let day = demo::written_for().unwrap();
    let before = store.plan(PLAN).unwrap();
    assert_eq!(
        (before.status, before.version.as_str()),
        (PlanStatus::Approved, "3.2")
    );
    let readiness = store.site_readiness("tokyo", day).unwrap();

    store.plan_action(PLAN, PlanAction::Revise).unwrap();

    let plan = store.plan(PLAN).unwrap();
    assert_eq!(in_force(&store), before, "the plan in force is unchanged");
    let draft = plan.draft.as_deref().expect("a draft version");
    assert_eq!(draft.status, PlanStatus::Draft);
    assert_eq!((draft.id.as_str(), draft.version.as_str()), (PLAN, "3.2"));
    assert_eq!((draft.approver.as_ref(), draft.approved_on), (None, None));
    assert_eq!(draft.steps, before.steps);
    assert!(draft.draft.is_none());
    assert_eq!(store.site_readiness("tokyo", day).unwrap(), readiness);
    // The dashboard, read from the readiness cache, agrees.
    let card = store
        .dashboard(day, day)
        .unwrap()
        .sites
        .into_iter()
        .find(|s| s.id == "tokyo")
        .unwrap();
    assert_eq!(
        (card.score, card.status),
        (readiness.score, readiness.status)
    );

    // The site page says what is in force and what is being written.
    let page = store.site_page("tokyo", day).unwrap();
    assert_eq!(page.drafts.len(), 1);
    let d = &page.drafts[0];
    assert_eq!(d.plan_id, PLAN);
    assert_eq!(
        (d.in_force_version.as_str(), d.version.as_str()),
        ("3.2", "3.3")
    );
    assert_eq!(d.status, PlanStatus::Draft);
    assert_eq!(d.timing.elapsed.len(), before.steps.len());

    // One draft at a time; only an approved plan is revised this way.
    let again = store.plan_action(PLAN, PlanAction::Revise).unwrap_err();
    assert_eq!(again.code(), "conflict", "{again}");
    assert!(again.to_string().contains("already has a draft"), "{again}");
    let first_draft = store
        .plan_action("seoul-pandemic", PlanAction::Revise)
        .unwrap_err();
    assert_eq!(first_draft.code(), "conflict", "{first_draft}");
}

#[test]
fn edits_go_to_the_draft_and_readiness_ignores_them() {
    let mut store = demo_store();
    let day = demo::written_for().unwrap();
    let readiness = store.site_readiness("tokyo", day).unwrap();
    store.plan_action(PLAN, PlanAction::Revise).unwrap();
    let before = in_force(&store);

    let mut draft = *store.plan(PLAN).unwrap().draft.unwrap();
    draft.steps[0].action = "Call the incident commander at once".into();
    // Dropping every assignment of the draft would score very badly if readiness read it.
    draft.assignments.clear();
    store.save_plan_draft("tokyo", draft.clone()).unwrap();

    assert_eq!(in_force(&store), before);
    assert_eq!(store.plan(PLAN).unwrap().draft.as_deref(), Some(&draft));
    assert_eq!(store.site_readiness("tokyo", day).unwrap(), readiness);

    // The trail names the draft's fields by path, under the plan.
    let history = store
        .history(HistoryFilter {
            plan: Some(PLAN.into()),
            limit: Some(200),
            ..HistoryFilter::default()
        })
        .unwrap();
    let step = history
        .iter()
        .find(|e| e.field == "draft.steps[0].action")
        .expect("an entry for the draft's step");
    assert_eq!((step.entity.as_str(), step.id.as_str()), ("plan", PLAN));
    assert_eq!(
        step.new,
        serde_json::json!("Call the incident commander at once")
    );
    assert!(history
        .iter()
        .any(|e| e.field.starts_with("draft.assignments[")));
    // Revise itself: one entry, the draft added whole.
    assert!(history
        .iter()
        .any(|e| e.field == "draft" && e.old.is_null() && e.new.is_object()));

    // A whole-plan save that knows nothing of drafts keeps the draft.
    let mut plan = in_force(&store);
    plan.purpose.push_str(" (in force, corrected)");
    store.save_plan("tokyo", plan.clone()).unwrap();
    assert_eq!(in_force(&store), plan);
    assert_eq!(store.plan(PLAN).unwrap().draft.as_deref(), Some(&draft));
}

#[test]
fn a_draft_is_checked_like_a_plan_and_named_by_its_path() {
    let mut store = demo_store();
    store.plan_action(PLAN, PlanAction::Revise).unwrap();
    let stored = store.site("tokyo").unwrap();
    let index = stored.plans.iter().position(|p| p.id == PLAN).unwrap();

    let mut draft = *store.plan(PLAN).unwrap().draft.unwrap();
    draft.steps[0].role = "no-such-role".into();
    let err = store.save_plan_draft("tokyo", draft).unwrap_err();
    assert_eq!(err.code(), "validation", "{err}");
    assert!(
        err.to_string()
            .contains(&format!("plans[{index}].draft.steps[0].role")),
        "{err}"
    );
    assert_eq!(store.site("tokyo").unwrap(), stored, "nothing changed");

    // A draft of a draft, a draft approved within its plan: refused.
    let mut draft = *store.plan(PLAN).unwrap().draft.unwrap();
    draft.draft = Some(Box::new(draft.clone()));
    let err = store.save_plan_draft("tokyo", draft).unwrap_err();
    assert!(err.to_string().contains("draft.draft"), "{err}");
    let mut draft = *store.plan(PLAN).unwrap().draft.unwrap();
    draft.status = PlanStatus::Approved;
    let err = store.save_plan_draft("tokyo", draft).unwrap_err();
    assert!(err.to_string().contains("draft.status"), "{err}");

    // Nobody is deleted while a draft names them.
    let mut draft = *store.plan(PLAN).unwrap().draft.unwrap();
    let newcomer = common::person("tyo-newcomer");
    store.save_person("tokyo", newcomer).unwrap();
    draft.distribution.push("tyo-newcomer".into());
    store.save_plan_draft("tokyo", draft).unwrap();
    let err = store.delete_person("tyo-newcomer").unwrap_err();
    assert!(err.to_string().contains("draft.distribution"), "{err}");

    // Without a draft there is nothing to save into.
    let err = store
        .save_plan_draft("tokyo", store.plan("tokyo-itdr").unwrap())
        .unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
}

#[test]
fn submitting_and_approving_act_on_the_draft_which_then_replaces_the_plan() {
    let mut store = demo_store();
    let day = demo::written_for().unwrap();
    let before = store.plan(PLAN).unwrap();
    store.plan_action(PLAN, PlanAction::Revise).unwrap();
    let mut draft = *store.plan(PLAN).unwrap().draft.unwrap();
    draft.steps[0].action = "Revised first step".into();
    store.save_plan_draft("tokyo", draft).unwrap();

    store.plan_action(PLAN, PlanAction::Submit).unwrap();
    let plan = store.plan(PLAN).unwrap();
    assert_eq!(
        plan.status,
        PlanStatus::Approved,
        "in force, still approved"
    );
    assert_eq!(plan.draft.as_ref().unwrap().status, PlanStatus::InReview);
    let page = store.site_page("tokyo", day).unwrap();
    assert_eq!(page.drafts[0].status, PlanStatus::InReview);

    let a = approval(&store, "Steps rewritten after the exercise.");
    store
        .plan_action(PLAN, PlanAction::Approve(a.clone()))
        .unwrap();
    let plan = store.plan(PLAN).unwrap();
    assert!(plan.draft.is_none());
    assert_eq!(plan.status, PlanStatus::Approved);
    assert_eq!(plan.version, "3.3");
    assert_eq!(plan.steps[0].action, "Revised first step");
    assert_eq!(plan.approver.as_deref(), Some(a.approver.as_str()));
    assert_eq!(
        (plan.approved_on, plan.last_reviewed),
        (Some(day), Some(day))
    );
    assert_eq!(plan.revisions.len(), before.revisions.len() + 1);
    assert_eq!(
        plan.revisions[..before.revisions.len()],
        before.revisions[..]
    );
    let last = plan.revisions.last().unwrap();
    assert_eq!(
        (
            last.version.as_str(),
            last.author.as_str(),
            last.summary.as_str()
        ),
        (
            "3.3",
            a.author.as_str(),
            "Steps rewritten after the exercise."
        )
    );
    assert!(store.site_page("tokyo", day).unwrap().drafts.is_empty());
    // Approved again: nothing to approve until the next revise.
    let err = store.plan_action(PLAN, PlanAction::Approve(a)).unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
}

#[test]
fn discarding_a_draft_leaves_the_plan_as_it_was() {
    let mut store = demo_store();
    let before = store.site("tokyo").unwrap();
    store.plan_action(PLAN, PlanAction::Revise).unwrap();
    let mut draft = *store.plan(PLAN).unwrap().draft.unwrap();
    draft.title = "Something else".into();
    store.save_plan_draft("tokyo", draft).unwrap();
    store.plan_action(PLAN, PlanAction::DiscardDraft).unwrap();
    assert_eq!(store.site("tokyo").unwrap(), before);
    let err = store
        .plan_action(PLAN, PlanAction::DiscardDraft)
        .unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
}

#[test]
fn undo_takes_a_revise_back() {
    let mut store = demo_store();
    let before = store.site("tokyo").unwrap();
    store.plan_action(PLAN, PlanAction::Revise).unwrap();
    let mut draft = *store.plan(PLAN).unwrap().draft.unwrap();
    draft.purpose = "Rewritten".into();
    store.save_plan_draft("tokyo", draft).unwrap();
    let with_draft = store.site("tokyo").unwrap();

    store.plan_action(PLAN, PlanAction::DiscardDraft).unwrap();
    store.undo_last().unwrap().unwrap();
    assert_eq!(
        store.site("tokyo").unwrap(),
        with_draft,
        "the discard undone"
    );
    store.undo_last().unwrap().unwrap();
    assert_eq!(
        store.plan(PLAN).unwrap().draft.unwrap().purpose,
        before.plans.iter().find(|p| p.id == PLAN).unwrap().purpose,
        "the draft edit undone"
    );
    let undone = store.undo_last().unwrap().unwrap();
    assert!(undone.undone.summary.contains("revise"), "{undone:?}");
    assert_eq!(store.site("tokyo").unwrap(), before, "the revise undone");
}

#[test]
fn retiring_a_plan_drops_its_draft() {
    let mut store = demo_store();
    store.plan_action(PLAN, PlanAction::Revise).unwrap();
    store.plan_action(PLAN, PlanAction::Retire).unwrap();
    let plan = store.plan(PLAN).unwrap();
    assert_eq!(plan.status, PlanStatus::Retired);
    assert!(plan.draft.is_none());
    let undone = store.undo_last().unwrap().unwrap();
    assert!(undone.undone.summary.contains("retire"));
    assert!(store.plan(PLAN).unwrap().draft.is_some());
}

#[test]
fn a_hand_over_reaches_the_draft_too() {
    let mut store = demo_store();
    store.plan_action(PLAN, PlanAction::Revise).unwrap();
    let newcomer = common::person("tyo-newcomer");
    store.save_person("tokyo", newcomer).unwrap();
    let role = store.plan(PLAN).unwrap().roles[0].role.clone();
    let assignment = Assignment {
        role: role.clone(),
        person: "tyo-newcomer".into(),
        rank: 0,
    };
    store.assign(PLAN, assignment.clone()).unwrap();
    let plan = store.plan(PLAN).unwrap();
    assert!(plan.assignments.contains(&assignment));
    assert!(plan
        .draft
        .as_ref()
        .unwrap()
        .assignments
        .contains(&assignment));
    store.unassign(PLAN, &role, 0).unwrap();
    let plan = store.plan(PLAN).unwrap();
    assert!(!plan
        .assignments
        .iter()
        .any(|a| a.role == role && a.rank == 0));
    assert!(!plan
        .draft
        .unwrap()
        .assignments
        .iter()
        .any(|a| a.role == role && a.rank == 0));
}

#[test]
fn a_plan_file_with_a_draft_round_trips_and_old_files_still_import() {
    let mut store = demo_store();
    // The demo's files have no draft: they import (demo_store did), and export without one.
    let plain = serde_json::to_value(store.site("tokyo").unwrap()).unwrap();
    assert!(plain["plans"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p.get("draft").is_none()));

    store.plan_action(PLAN, PlanAction::Revise).unwrap();
    let mut draft = *store.plan(PLAN).unwrap().draft.unwrap();
    draft.steps.pop();
    store.save_plan_draft("tokyo", draft).unwrap();
    store.plan_action(PLAN, PlanAction::Submit).unwrap();

    let dir = tempfile::tempdir().unwrap();
    continuum_core::export(&store, dir.path()).unwrap();
    let text = std::fs::read_to_string(dir.path().join("tokyo.json")).unwrap();
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    let plan = file["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == PLAN)
        .unwrap();
    assert_eq!(plan["status"], "approved");
    assert_eq!(plan["draft"]["status"], "in_review");

    let mut other = Store::in_memory().unwrap();
    continuum_core::import(&mut other, &[dir.path().to_owned()]).unwrap();
    assert_eq!(other.site("tokyo").unwrap(), store.site("tokyo").unwrap());
}

#[test]
fn a_plan_file_with_a_misplaced_draft_is_refused() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    continuum_core::export(&store, dir.path()).unwrap();
    let path = dir.path().join("tokyo.json");
    let mut file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // A draft under a plan that is not approved, with another id.
    let plans = file["plans"].as_array_mut().unwrap();
    let mut draft = plans[0].clone();
    draft["id"] = "elsewhere".into();
    draft["status"] = "draft".into();
    plans[0]["status"] = "in_review".into();
    plans[0]["draft"] = draft;
    std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    let mut other = Store::in_memory().unwrap();
    let err = continuum_core::import(&mut other, &[dir.path().to_owned()]).unwrap_err();
    let Error::PlanFiles(problems) = &err else {
        panic!("{err}")
    };
    let text = err.to_string();
    assert!(
        text.contains("plans[0].draft: only an approved plan"),
        "{text}"
    );
    assert!(text.contains("plans[0].draft.id"), "{text}");
    assert!(problems.iter().all(|p| p.path.ends_with("tokyo.json")));
}
