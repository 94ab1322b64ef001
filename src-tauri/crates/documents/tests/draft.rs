//! The runbook of a plan being revised: the plan in force is unchanged by its draft, and the
//! draft version's runbook is marked DRAFT on every page and names the version in force.

mod common;

use common::*;
use continuum_core::store::lifecycle::PlanAction;
use continuum_documents::{default_runbook_file, render_runbook, runbook, RunbookModel, Target};

const PLAN: &str = "tokyo-bcp";

fn pages(text: &str) -> Vec<&str> {
    text.split('\x0c')
        .filter(|p| !p.trim().is_empty())
        .collect()
}

#[test]
fn the_runbook_of_a_plan_being_revised_is_the_one_in_force() {
    let mut store = demo_store();
    let plan = Target::Plan(PLAN.into());
    let before = runbook(&store, &plan, demo_date()).unwrap();
    store.plan_action(PLAN, PlanAction::Revise).unwrap();
    let mut draft = *store.plan(PLAN).unwrap().draft.unwrap();
    draft.steps[0].action = "A step only the draft has".into();
    store.save_plan_draft("tokyo", draft).unwrap();
    assert_eq!(runbook(&store, &plan, demo_date()).unwrap(), before);
    let site = Target::Site("tokyo".into());
    let text = pdf_text(&runbook(&store, &site, demo_date()).unwrap(), true);
    assert!(!text.contains("A step only the draft has"));
    assert!(!text.contains("DRAFT"));
}

#[test]
fn the_draft_runbook_is_marked_draft_on_every_page_and_names_the_version_in_force() {
    let mut store = demo_store();
    store.plan_action(PLAN, PlanAction::Revise).unwrap();
    let mut draft = *store.plan(PLAN).unwrap().draft.unwrap();
    draft.steps[0].action = "A step only the draft has".into();
    store.save_plan_draft("tokyo", draft).unwrap();

    let target = Target::resolve(&store, PLAN).unwrap().draft().unwrap();
    assert_eq!(target, Target::Draft(PLAN.into()));
    assert_eq!(default_runbook_file(&target), "tokyo-bcp-draft-runbook.pdf");
    let m = RunbookModel::build(&store, &target, demo_date()).unwrap();
    assert_eq!(m.marking.as_deref(), Some("DRAFT"));
    assert_eq!(m.plans.len(), 1);
    let p = &m.plans[0];
    assert_eq!((p.version.as_str(), p.status.as_str()), ("3.3", "Draft"));
    assert!(!p.approved);
    assert_eq!(p.in_force.as_ref().unwrap().version, "3.2");
    assert_eq!(p.steps[0].action, "A step only the draft has");

    let doc = render_runbook(&m).unwrap();
    qpdf_check(&doc.pdf);
    let text = pdf_text(&doc.pdf, false);
    let pages = pages(&text);
    assert_eq!(pages.len(), doc.pages.len());
    for (i, page) in pages.iter().enumerate() {
        let flat = squash(page);
        assert!(
            flat.contains(&squash("DRAFT — NOT IN FORCE (version 3.2 is)")),
            "page {} lacks the banner:\n{page}",
            i + 1
        );
        assert!(
            flat.contains(&squash("Draft version 3.3")),
            "page {}",
            i + 1
        );
    }
    // The title block on the cover.
    let cover = squash(pages[0]);
    for needle in [
        "DRAFT — not in force; the approved version 3.2 is",
        "3.3 — DRAFT",
        "In force",
        "Version 3.2, approved by",
    ] {
        assert!(
            cover.contains(&squash(needle)),
            "{needle:?} not on the cover:\n{}",
            pages[0]
        );
    }
    assert!(squash(&text).contains(&squash("A step only the draft has")));
}

#[test]
fn a_draft_runbook_needs_a_draft_and_a_plan() {
    let store = demo_store();
    let err = runbook(&store, &Target::Draft(PLAN.into()), demo_date()).unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
    assert!(err.to_string().contains("draft version of plan"), "{err}");
    let err = Target::resolve(&store, "tokyo")
        .unwrap()
        .draft()
        .unwrap_err();
    assert_eq!(err.code(), "validation", "{err}");
}
