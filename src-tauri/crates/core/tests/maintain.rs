//! Keeping the portfolio true: site facts, plans from templates and from other sites, a person
//! leaving with a hand-over, the settings page's catalogue and policy (with its preview).

mod common;

use common::demo_store;
use continuum_core::model::*;
use continuum_core::readiness::Status;
use continuum_core::store::maintain::Successor;
use continuum_core::templates::NewPlan;
use continuum_core::{demo, Error};

fn day() -> chrono::NaiveDate {
    demo::written_for().unwrap()
}

#[test]
fn every_template_gives_a_plan_that_saves_as_it_stands() {
    let mut store = demo_store();
    for (i, kind) in [
        PlanKind::BusinessContinuity,
        PlanKind::ItDisasterRecovery,
        PlanKind::CrisisCommunications,
        PlanKind::Pandemic,
        PlanKind::EmergencyResponse,
        PlanKind::SupplierContinuity,
    ]
    .into_iter()
    .enumerate()
    {
        let id = format!("london-new-{i}");
        store
            .new_plan(
                "london",
                NewPlan {
                    kind,
                    id: id.clone(),
                    title: format!("New {}", kind.label()),
                    owner: "lon-001".into(),
                },
            )
            .unwrap();
        let plan = store.plan(&id).unwrap();
        assert_eq!(plan.status, PlanStatus::Draft);
        assert_eq!(plan.kind, kind);
        assert!(!plan.steps.is_empty(), "{kind:?} has steps");
        assert!(!plan.purpose.is_empty() && !plan.activation_criteria.is_empty());
        assert!(
            plan.assignments.is_empty(),
            "nobody is assigned by a template"
        );
    }
    // The same id again is refused at the field.
    let again = store.new_plan(
        "london",
        NewPlan {
            kind: PlanKind::Pandemic,
            id: "london-new-0".into(),
            title: "Again".into(),
            owner: "lon-001".into(),
        },
    );
    assert!(
        matches!(again, Err(Error::Field { ref field, .. }) if field == "id"),
        "{again:?}"
    );
}

#[test]
fn a_template_only_uses_roles_the_catalogue_has() {
    let mut catalogue = demo_store().portfolio().unwrap();
    catalogue.roles.retain(|r| r.id == "hr-lead");
    let plan = continuum_core::templates::plan_from_template(
        &NewPlan {
            kind: PlanKind::ItDisasterRecovery,
            id: "x".into(),
            title: "x".into(),
            owner: "p".into(),
        },
        &catalogue,
    );
    assert_eq!(plan.roles.len(), 1);
    assert!(plan.steps.iter().all(|s| s.role == "hr-lead"));
    assert_eq!(plan.activated_by, ["hr-lead"]);
}

#[test]
fn duplicating_a_plan_keeps_its_structure_and_clears_its_people() {
    let mut store = demo_store();
    let original = store.plan("london-bcp").unwrap();
    store
        .duplicate_plan("london-bcp", "paris", "paris-bcp-copy", "par-001")
        .unwrap();
    let copy = store.plan("paris-bcp-copy").unwrap();
    assert_eq!(store.plan_site("paris-bcp-copy").unwrap(), "paris");
    assert_eq!(copy.steps, original.steps);
    assert_eq!(copy.roles, original.roles);
    assert_eq!(copy.owner, "par-001");
    assert_eq!(copy.status, PlanStatus::Draft);
    assert!(copy.assignments.is_empty() && copy.distribution.is_empty());
    assert!(copy.revisions.is_empty() && copy.approver.is_none());
    // An owner from another site is refused as the import refuses it; nothing is added.
    let wrong = store.duplicate_plan("london-bcp", "paris", "paris-bcp-2", "lon-001");
    assert!(wrong.is_err());
    assert!(store.plan("paris-bcp-2").is_err());
}

#[test]
fn a_person_leaving_hands_every_role_over_in_one_edit() {
    let mut store = demo_store();
    // lon-002 holds incident-commander #1 and deputy-incident-commander #0 in london-bcp.
    let held: Vec<(String, String, u32)> = store
        .site("london")
        .unwrap()
        .plans
        .iter()
        .flat_map(|p| {
            p.assignments
                .iter()
                .filter(|a| a.person == "lon-002")
                .map(move |a| (p.id.clone(), a.role.clone(), a.rank))
        })
        .collect();
    assert!(held.len() >= 2, "{held:?}");

    // Missing a successor for one of them: refused, nothing changes.
    let before = store.site("london").unwrap();
    let partial = vec![Successor {
        plan: held[0].0.clone(),
        role: held[0].1.clone(),
        person: "lon-011".into(),
    }];
    let err = store.hand_over("lon-002", partial).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Field {
                entity: "hand-over",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(store.site("london").unwrap(), before);

    // A successor who is not of the site: refused.
    let foreign = held
        .iter()
        .map(|(plan, role, _)| Successor {
            plan: plan.clone(),
            role: role.clone(),
            person: "par-001".into(),
        })
        .collect();
    assert!(store.hand_over("lon-002", foreign).is_err());
    assert_eq!(store.site("london").unwrap(), before);

    let all = held
        .iter()
        .map(|(plan, role, _)| Successor {
            plan: plan.clone(),
            role: role.clone(),
            person: "lon-011".into(),
        })
        .collect();
    store.hand_over("lon-002", all).unwrap();
    let after = store.site("london").unwrap();
    let lon2 = after.people.iter().find(|p| p.id == "lon-002").unwrap();
    assert!(!lon2.active, "deactivated");
    for (plan, role, rank) in &held {
        let p = after.plans.iter().find(|p| &p.id == plan).unwrap();
        assert!(p.assignments.iter().all(|a| a.person != "lon-002"));
        let holder = p
            .assignments
            .iter()
            .find(|a| &a.role == role && a.rank == *rank);
        assert_eq!(
            holder.map(|a| a.person.as_str()),
            Some("lon-011"),
            "{plan} {role} #{rank}"
        );
    }
    // One action in the trail, undone as one.
    store.undo_last().unwrap();
    assert_eq!(store.site("london").unwrap(), before);
}

#[test]
fn a_successor_already_in_the_role_moves_up_instead_of_holding_it_twice() {
    let mut store = demo_store();
    // london-bcp incident-commander: lon-001 #0, lon-002 #1, lon-010 #2. lon-001 leaves and
    // lon-010 (#2) succeeds as primary: the role is then lon-010 #0, lon-002 #1.
    store
        .hand_over(
            "lon-001",
            store
                .site("london")
                .unwrap()
                .plans
                .iter()
                .flat_map(|p| {
                    p.assignments
                        .iter()
                        .filter(|a| a.person == "lon-001")
                        .map(move |a| Successor {
                            plan: p.id.clone(),
                            role: a.role.clone(),
                            person: if a.role == "incident-commander" {
                                "lon-010".into()
                            } else {
                                "lon-011".into()
                            },
                        })
                })
                .collect(),
        )
        .unwrap();
    let plan = store.plan("london-bcp").unwrap();
    let mut ic: Vec<(u32, String)> = plan
        .assignments
        .iter()
        .filter(|a| a.role == "incident-commander")
        .map(|a| (a.rank, a.person.clone()))
        .collect();
    ic.sort();
    assert_eq!(ic, [(0, "lon-010".to_string()), (1, "lon-002".to_string())]);
}

#[test]
fn site_facts_are_edited_but_not_the_id() {
    let mut store = demo_store();
    let mut site = store.site("london").unwrap().site;
    site.headcount = 999;
    site.tier = 2;
    store.save_site(site.clone()).unwrap();
    assert_eq!(store.site("london").unwrap().site.headcount, 999);
    site.tier = 9;
    assert!(
        store.save_site(site).is_err(),
        "tier 9 is refused as an import refuses it"
    );
    assert_eq!(store.site("london").unwrap().site.tier, 2);
}

#[test]
fn the_policy_preview_names_the_sites_that_change_band_and_saves_nothing() {
    let mut store = demo_store();
    let before = store.readiness(day()).unwrap();
    let strict = ReadinessSettings {
        ready_at: Some(100),
        at_risk_at: Some(99),
        ..Default::default()
    };
    let preview = store.policy_preview(&strict, day()).unwrap();
    assert_eq!(preview.sites, before.len());
    let expected: Vec<&str> = before
        .iter()
        .filter(|r| r.status != Status::NotReady && r.score < 99)
        .map(|r| r.site_id.as_str())
        .collect();
    assert!(!expected.is_empty());
    for id in &expected {
        let change = preview.changes.iter().find(|c| c.site_id == *id);
        assert_eq!(change.map(|c| c.after), Some(Status::NotReady), "{id}");
    }
    assert_eq!(
        store.readiness(day()).unwrap(),
        before,
        "a preview saves nothing"
    );

    // What the import refuses is refused here, with its message.
    let wrong = ReadinessSettings {
        ready_at: Some(50),
        at_risk_at: Some(70),
        ..Default::default()
    };
    assert!(matches!(
        store.policy_preview(&wrong, day()),
        Err(Error::PlanFiles(_))
    ));

    // Saving it through the settings page makes the preview true.
    let mut portfolio = store.portfolio().unwrap();
    portfolio.readiness = Some(strict);
    store.save_portfolio(portfolio).unwrap();
    let now = store.readiness(day()).unwrap();
    for id in &expected {
        let r = now.iter().find(|r| r.site_id == *id).unwrap();
        assert_eq!(r.status, Status::NotReady, "{id}");
    }
}

#[test]
fn the_catalogue_cannot_lose_an_entry_a_site_uses() {
    let mut store = demo_store();
    let mut portfolio = store.portfolio().unwrap();
    portfolio.regions.push(Region {
        id: "antarctica".into(),
        name: "Antarctica".into(),
    });
    store.save_portfolio(portfolio.clone()).unwrap();
    assert!(store
        .portfolio()
        .unwrap()
        .regions
        .iter()
        .any(|r| r.id == "antarctica"));
    portfolio.roles.retain(|r| r.id != "incident-commander");
    portfolio
        .courses
        .iter_mut()
        .for_each(|c| c.required_for_roles.retain(|r| r != "incident-commander"));
    let err = store.save_portfolio(portfolio).unwrap_err();
    assert!(
        matches!(err, Error::Conflict(_) | Error::PlanFiles(_)),
        "{err:?}"
    );
    assert!(store
        .portfolio()
        .unwrap()
        .roles
        .iter()
        .any(|r| r.id == "incident-commander"));
}

#[test]
fn a_plan_being_edited_is_checked_at_its_field_and_timed_without_saving() {
    let store = demo_store();
    let mut plan = store.plan("london-bcp").unwrap();
    let timing = store.check_plan("london", plan.clone()).unwrap();
    assert_eq!(timing.elapsed.len(), plan.steps.len());
    let total: i64 = plan.steps.iter().map(|s| s.target_time.minutes()).sum();
    assert_eq!(timing.elapsed.last().unwrap().minutes(), total);

    plan.steps[1].role = "astronaut".into();
    let err = store.check_plan("london", plan.clone()).unwrap_err();
    match err {
        Error::Field { field, message, .. } => {
            assert_eq!(field, "steps[1].role");
            assert!(message.contains("astronaut"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_ne!(store.plan("london-bcp").unwrap(), plan, "nothing saved");
}
