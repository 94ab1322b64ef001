//! Unit tests of every rule on a hand-built site whose scores and reasons are worked out by hand
//! in the comments, with as-of dates on both sides of each boundary, and property tests.
//!
//! Every fixture is scored twice, from the plan-file types and from an in-memory store, and the
//! two results must be identical: the bulk SQL loader and the model builder agree.

use chrono::NaiveDate;

use super::*;
use crate::model::*;
use crate::{Span, Store};

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn span(text: &str) -> Span {
    text.parse().unwrap()
}

/// Assessment day of most tests.
const TODAY: &str = "2026-11-25";

fn catalogue() -> Portfolio {
    let role = |id: &str, name: &str, critical: bool| Role {
        id: id.into(),
        name: name.into(),
        critical,
        description: String::new(),
    };
    let course = |id: &str, name: &str, validity: Option<u32>, roles: &[&str]| Course {
        id: id.into(),
        name: name.into(),
        validity_months: validity,
        required_for_roles: roles.iter().map(|r| (*r).into()).collect(),
    };
    Portfolio {
        format: Format::V1,
        written_for: None,
        name: "Test Group".into(),
        regions: vec![Region {
            id: "emea".into(),
            name: "EMEA".into(),
        }],
        roles: vec![
            role("incident-commander", "Incident Commander", true),
            role("it-recovery-lead", "IT Recovery Lead", true),
            role("communications-lead", "Communications Lead", true),
            role("facilities-lead", "Facilities Lead", false),
        ],
        courses: vec![
            course(
                "crisis-leadership",
                "Crisis Leadership",
                Some(24),
                &["incident-commander"],
            ),
            course("it-dr", "IT DR Operations", Some(12), &["it-recovery-lead"]),
            course("awareness", "BCM Awareness", None, &["facilities-lead"]),
            course("first-aid", "First Aid", Some(36), &[]),
        ],
        readiness: None,
    }
}

fn person(id: &str) -> Person {
    Person {
        id: id.into(),
        name: format!("Person {id}"),
        title: String::new(),
        email: String::new(),
        phones: vec![],
        active: true,
    }
}

fn assign(role: &str, person: &str, rank: u32) -> Assignment {
    Assignment {
        role: role.into(),
        person: person.into(),
        rank,
    }
}

fn step(phase: Phase, minutes: &str) -> Step {
    Step {
        phase,
        action: "Do it".into(),
        role: "incident-commander".into(),
        target_time: span(minutes),
    }
}

fn training(person: &str, course: &str, completed: &str) -> TrainingRecord {
    TrainingRecord {
        person: person.into(),
        course: course.into(),
        completed: d(completed),
    }
}

/// The clean site: everything in order on 2026-11-25, so every component is 100.
///
/// - Plan "Testville BCP" (no "plan" in its title), approved 2026-01-10, reviewed 2026-06-01
///   every 12 months (due 2027-06-01); covers Proc A (RTO 4h) and Proc B (RTO 8h): RTO 4h.
/// - Roles: incident commander p1 + alternate p2, IT recovery lead p3 + p4, facilities lead
///   p5 + p6 (one alternate each required).
/// - Training: crisis leadership (24 months) p1 2026-01-15, p2 2025-12-01 (expires 2027-12-01);
///   IT DR (12 months) p3 2026-03-01 (expires 2027-03-01), p4 2026-02-01 (expires 2027-02-01);
///   awareness (never expires) p5, p6.
/// - Recover steps 1h + 2h = 3h (≤ 4h). Needs 10 laptops; holds 10.
/// - Exercised 2026-03-15 (next due 2027-03-15), recovered in 3h 30m (≤ 4h); its one finding
///   was closed on 2026-04-20.
fn clean() -> SiteData {
    SiteData {
        format: Format::V1,
        written_for: None,
        site: Site {
            id: "testville".into(),
            name: "Testville".into(),
            country: "GB".into(),
            region: "emea".into(),
            city: "Testville".into(),
            latitude: 51.0,
            longitude: 0.0,
            time_zone: "Europe/London".into(),
            tier: 2,
            headcount: 100,
            lead: Some("p1".into()),
        },
        people: (1..=8).map(|i| person(&format!("p{i}"))).collect(),
        processes: vec![
            Process {
                id: "proc-a".into(),
                name: "Proc A".into(),
                owner: "p1".into(),
                criticality: Criticality::Critical,
                rto: span("4h"),
                rpo: span("1h"),
                mtpd: span("8h"),
                dependencies: vec![],
                minimum_staff: 2,
            },
            Process {
                id: "proc-b".into(),
                name: "Proc B".into(),
                owner: "p1".into(),
                criticality: Criticality::High,
                rto: span("8h"),
                rpo: span("1h"),
                mtpd: span("1day"),
                dependencies: vec![],
                minimum_staff: 2,
            },
        ],
        plans: vec![plan("bcp", "Testville BCP")],
        inventory: vec![InventoryItem {
            kind: "laptop".into(),
            quantity: 10,
            location: "Store".into(),
        }],
        training: vec![
            training("p1", "crisis-leadership", "2026-01-15"),
            training("p2", "crisis-leadership", "2025-12-01"),
            training("p3", "it-dr", "2026-03-01"),
            training("p4", "it-dr", "2026-02-01"),
            training("p5", "awareness", "2020-01-01"),
            training("p6", "awareness", "2021-01-01"),
        ],
        exercises: vec![Exercise {
            id: "ex1".into(),
            title: "Tabletop".into(),
            date: d("2026-03-15"),
            kind: ExerciseKind::Tabletop,
            plans: vec!["bcp".into()],
            outcome: Outcome::PassedWithFindings,
            summary: String::new(),
            participants: Vec::new(),
            scenario: String::new(),
            results: vec![ExerciseResult {
                plan: "bcp".into(),
                recovery_time: span("3h 30m"),
            }],
            findings: vec![finding(
                "f1",
                Severity::Medium,
                "2026-05-01",
                Some("2026-04-20"),
            )],
        }],
    }
}

fn plan(id: &str, title: &str) -> Plan {
    Plan {
        id: id.into(),
        title: title.into(),
        kind: PlanKind::BusinessContinuity,
        owner: "p1".into(),
        version: "1.0".into(),
        status: PlanStatus::Approved,
        approver: Some("p1".into()),
        approved_on: Some(d("2026-01-10")),
        last_reviewed: Some(d("2026-06-01")),
        review_interval_months: 12,
        purpose: "Test".into(),
        scope: "Test".into(),
        objectives: vec![],
        assumptions: vec![],
        scenarios: vec![],
        activation_criteria: vec![],
        activated_by: vec![],
        stood_down_by: vec![],
        processes: vec!["proc-a".into(), "proc-b".into()],
        roles: ["incident-commander", "it-recovery-lead", "facilities-lead"]
            .iter()
            .map(|r| RequiredRole {
                role: (*r).into(),
                alternates: 1,
            })
            .collect(),
        assignments: vec![
            assign("incident-commander", "p1", 0),
            assign("incident-commander", "p2", 1),
            assign("it-recovery-lead", "p3", 0),
            assign("it-recovery-lead", "p4", 1),
            assign("facilities-lead", "p5", 0),
            assign("facilities-lead", "p6", 1),
        ],
        steps: vec![
            step(Phase::Respond, "30m"),
            step(Phase::Recover, "1h"),
            step(Phase::Recover, "2h"),
            step(Phase::Restore, "1h"),
        ],
        resources: vec![ResourceNeed {
            kind: "laptop".into(),
            quantity: 10,
        }],
        communications: vec![],
        relocation: None,
        vital_records: vec![],
        contacts: vec![],
        distribution: vec![],
        revisions: vec![],
        draft: None,
    }
}

fn finding(id: &str, severity: Severity, due: &str, closed: Option<&str>) -> Finding {
    Finding {
        id: id.into(),
        description: "Something went wrong".into(),
        severity,
        action: format!("Fix {id}"),
        owner: "p2".into(),
        due: d(due),
        closed: closed.map(d),
    }
}

/// Scores a site from the model and from a store; both must agree exactly.
fn score_with(
    portfolio: &Portfolio,
    site: &SiteData,
    as_of: &str,
    policy: &Policy,
) -> SiteReadiness {
    let from_model = assess_portfolio(portfolio, std::slice::from_ref(site), d(as_of), policy);
    let mut store = Store::in_memory().unwrap();
    let p = portfolio.clone();
    store
        .edit_portfolio(move |x| {
            *x = p;
            Ok(())
        })
        .unwrap();
    store.create_site(site.clone()).unwrap();
    let from_store = store.readiness_with(d(as_of), policy).unwrap();
    assert_eq!(from_model, from_store, "model and store disagree");
    let one = store
        .site_readiness_with(&site.site.id, d(as_of), policy)
        .unwrap();
    assert_eq!(one, from_store[0], "assess_site disagrees with assess");
    from_store.into_iter().next().unwrap()
}

fn score(site: &SiteData, as_of: &str) -> SiteReadiness {
    score_with(&catalogue(), site, as_of, &Policy::default())
}

fn component(r: &SiteReadiness, name: ComponentName) -> (u8, Vec<(ReasonCode, u32, String)>) {
    let c = r.component(name);
    (
        c.score,
        c.reasons
            .iter()
            .map(|x| (x.code, x.points, x.message.clone()))
            .collect(),
    )
}

fn messages(r: &SiteReadiness) -> Vec<String> {
    r.components
        .iter()
        .flat_map(|c| c.reasons.iter().map(|x| x.message.clone()))
        .collect()
}

#[test]
fn the_clean_site_is_ready_with_nothing_to_say() {
    let r = score(&clean(), TODAY);
    assert_eq!(r.score, 100);
    assert_eq!(r.status, Status::Ready);
    assert!(
        r.components.iter().all(|c| c.score == 100),
        "{:?}",
        messages(&r)
    );
    assert!(r.reasons.is_empty() && r.blockers.is_empty());
    assert_eq!(
        r.status_reason,
        "Score 100, and every component at 80 or above"
    );
    assert_eq!(r.components.len(), 7);
    assert_eq!(
        (r.site_id.as_str(), r.region.as_str(), r.tier, r.headcount),
        ("testville", "emea", 2, 100)
    );
}

// ------------------------------------------------------------------------------------------
// Plans
// ------------------------------------------------------------------------------------------

#[test]
fn no_approved_plan_is_a_blocker() {
    let mut site = clean();
    site.plans[0].status = PlanStatus::InReview;
    let r = score(&site, TODAY);
    // Plans 0 (−100); every other component 100 (an unapproved plan is not exercised or proven):
    // (0×20 + 100×80) / 100 = 80, capped at not ready.
    assert_eq!(
        component(&r, ComponentName::Plans),
        (
            0,
            vec![(
                ReasonCode::NoApprovedPlan,
                100,
                "No approved plan: Testville BCP is in review".into()
            )]
        )
    );
    assert_eq!(r.score, 80);
    assert_eq!(r.status, Status::NotReady);
    assert_eq!(r.blockers.len(), 1);
    assert_eq!(r.blockers[0].severity, Level::Blocker);
    assert_eq!(
        r.status_reason,
        "Blocked: No approved plan: Testville BCP is in review"
    );
    assert_eq!(r.reasons[0].code, ReasonCode::NoApprovedPlan);

    site.plans.clear();
    site.exercises.clear();
    let r = score(&site, TODAY);
    assert_eq!(
        r.blockers[0].message,
        "No approved plan: the site has no plan at all"
    );
}

#[test]
fn drafts_count_against_the_site_and_retired_plans_not_at_all() {
    let mut site = clean();
    let mut draft = plan("ccp", "Testville Crisis Communications Plan");
    draft.status = PlanStatus::Draft;
    draft.approver = None;
    draft.approved_on = None;
    draft.assignments.clear(); // also unstaffed: roles count for drafts too
    site.plans.push(draft);
    let r = score(&site, TODAY);
    // Plans 100 − 10 = 90. Roles: three roles without primary (3 × 50) and alternate (3 × 25): 0.
    assert_eq!(
        component(&r, ComponentName::Plans),
        (
            90,
            vec![(
                ReasonCode::PlanNotApproved,
                10,
                "Testville Crisis Communications Plan is a draft, not yet approved".into()
            )]
        )
    );
    assert_eq!(r.component(ComponentName::Roles).score, 0);
    assert_eq!(
        r.status,
        Status::NotReady,
        "its incident commander is unfilled: a blocker"
    );

    let mut site = clean();
    let mut retired = plan("old", "Old Plan");
    retired.status = PlanStatus::Retired;
    retired.assignments.clear();
    retired.resources = vec![ResourceNeed {
        kind: "generator".into(),
        quantity: 5,
    }];
    site.plans.push(retired);
    let r = score(&site, TODAY);
    assert_eq!(r.score, 100, "{:?}", messages(&r));
}

#[test]
fn review_due_day_is_on_time_and_the_day_after_is_overdue() {
    let site = clean(); // reviewed 2026-06-01, every 12 months: due 2027-06-01
    let plans = |date| component(&score(&site, date), ComponentName::Plans);
    assert_eq!(plans("2027-06-01").0, 100);
    assert_eq!(
        plans("2027-06-02"),
        (80, vec![(ReasonCode::ReviewOverdue, 20, "Plan Testville BCP last reviewed 2026-06-01, review due every 12 months: 1 day overdue".into())])
    );
    // 20 + 5 per whole month overdue.
    assert_eq!(plans("2027-06-30").1[0].1, 20);
    assert_eq!(plans("2027-07-01").1[0].1, 25);
    assert_eq!(
        plans("2027-08-15").1[0].2,
        "Plan Testville BCP last reviewed 2026-06-01, review due every 12 months: 2 months overdue"
    );
    assert_eq!(plans("2027-08-15").1[0].1, 30);
    // Capped at 50.
    assert_eq!(plans("2029-06-02").1[0].1, 50);

    let r = score(&site, "2027-06-02");
    let reason = &r.component(ComponentName::Plans).reasons[0];
    assert_eq!(
        (reason.plan_id.as_deref(), reason.due, reason.severity),
        (Some("bcp"), Some(d("2027-06-01")), Level::High)
    );
}

#[test]
fn a_plan_never_reviewed_counts_from_its_approval() {
    let mut site = clean();
    site.plans[0].last_reviewed = None; // approved 2026-01-10: review due 2027-01-10
    let plans = |date| component(&score(&site, date), ComponentName::Plans);
    assert_eq!(plans("2027-01-10").0, 100);
    assert_eq!(plans("2027-01-11").1[0].2, "Plan Testville BCP approved 2026-01-10 and not reviewed since, review due every 12 months: 1 day overdue");
}

// ------------------------------------------------------------------------------------------
// Roles
// ------------------------------------------------------------------------------------------

#[test]
fn a_missing_alternate_puts_the_site_at_risk() {
    let mut site = clean();
    site.plans[0]
        .assignments
        .retain(|a| !(a.role == "incident-commander" && a.rank == 1));
    let r = score(&site, TODAY);
    // Roles 100 − 25 = 75; overall (75×20 + 100×80) / 100 = 95, but 75 is below the floor of 80.
    assert_eq!(
        component(&r, ComponentName::Roles),
        (
            75,
            vec![(
                ReasonCode::AlternateMissing,
                25,
                "Incident Commander for plan Testville BCP has no alternate".into()
            )]
        )
    );
    assert_eq!(r.score, 95);
    assert_eq!(r.status, Status::AtRisk);
    assert_eq!(
        r.status_reason,
        "Roles scores 75, below the 80 every component needs to be ready"
    );
    let reason = &r.reasons[0];
    assert_eq!(
        (
            reason.role_id.as_deref(),
            reason.plan_id.as_deref(),
            reason.impact
        ),
        (Some("incident-commander"), Some("bcp"), 5.0)
    );
}

#[test]
fn an_unfilled_incident_commander_is_a_blocker_other_roles_are_not() {
    let mut site = clean();
    site.plans[0]
        .assignments
        .retain(|a| !(a.role == "incident-commander" && a.rank == 0));
    let r = score(&site, TODAY);
    // Roles 100 − 50 = 50: overall 90, but blocked.
    assert_eq!(
        component(&r, ComponentName::Roles),
        (
            50,
            vec![(
                ReasonCode::PrimaryMissing,
                50,
                "Incident Commander for plan Testville BCP has no primary".into()
            )]
        )
    );
    assert_eq!((r.score, r.status), (90, Status::NotReady));
    assert_eq!(r.blockers[0].code, ReasonCode::PrimaryMissing);

    let mut site = clean();
    site.plans[0]
        .assignments
        .retain(|a| !(a.role == "facilities-lead" && a.rank == 0));
    let r = score(&site, TODAY);
    assert_eq!((r.score, r.status), (90, Status::AtRisk));
    assert!(r.blockers.is_empty());
    assert_eq!(r.reasons[0].severity, Level::High);
}

#[test]
fn inactive_people_do_not_fill_a_role() {
    let mut site = clean();
    site.people[4].active = false; // p5, the facilities lead
    site.people[1].active = false; // p2, the incident commander's alternate
    let r = score(&site, TODAY);
    // −50 (primary) −25 (alternate) = 25. Inactive people's training is not checked.
    assert_eq!(
        component(&r, ComponentName::Roles),
        (
            25,
            vec![
                (ReasonCode::InactiveAssignee, 50, "Facilities Lead for plan Testville BCP: the primary, Person p5 (p5), is no longer active".into()),
                (ReasonCode::InactiveAssignee, 25, "Incident Commander for plan Testville BCP: the alternate Person p2 (p2) is no longer active".into()),
            ]
        )
    );
    assert_eq!(
        r.component(ComponentName::Roles).reasons[0].person_ids,
        vec!["p5".to_string()]
    );
    assert_eq!(r.status, Status::AtRisk);

    // A second, active alternate covers for the inactive one.
    site.plans[0]
        .assignments
        .push(assign("incident-commander", "p7", 2));
    let r = score(&site, TODAY);
    // p7 is now in a role requiring crisis leadership and has never done it: training −15.
    assert_eq!(r.component(ComponentName::Roles).score, 50);
    assert_eq!(
        component(&r, ComponentName::Training),
        (
            85,
            vec![(
                ReasonCode::TrainingMissing,
                15,
                "Person p7 (p7, Incident Commander) has never completed Crisis Leadership training"
                    .into()
            )]
        )
    );
}

#[test]
fn two_alternates_required_and_the_primary_listed_twice() {
    let mut site = clean();
    site.plans[0].roles[1].alternates = 2; // IT recovery lead: p3 + p4, needs a second alternate
    site.plans[0]
        .assignments
        .push(assign("it-recovery-lead", "p3", 2)); // the primary again
    let r = score(&site, TODAY);
    assert_eq!(
        component(&r, ComponentName::Roles),
        (
            75,
            vec![(
                ReasonCode::AlternateMissing,
                25,
                "IT Recovery Lead for plan Testville BCP has 1 of 2 required alternates (the primary is also listed as an alternate)".into()
            )]
        )
    );
}

#[test]
fn a_person_primary_for_too_many_critical_roles_is_a_single_point_of_failure() {
    let mut site = clean();
    let bcp = &mut site.plans[0];
    bcp.roles.push(RequiredRole {
        role: "communications-lead".into(),
        alternates: 1,
    });
    bcp.assignments.push(assign("communications-lead", "p1", 0));
    bcp.assignments.push(assign("communications-lead", "p7", 1));
    // Two critical roles as primary (incident commander, communications lead): allowed.
    assert_eq!(
        score(&site, TODAY).component(ComponentName::Roles).score,
        100
    );
    // A third, in another plan.
    let mut itdr = plan("itdr", "Testville IT DR Plan");
    itdr.kind = PlanKind::ItDisasterRecovery;
    itdr.roles = vec![RequiredRole {
        role: "it-recovery-lead".into(),
        alternates: 1,
    }];
    itdr.assignments = vec![
        assign("it-recovery-lead", "p1", 0),
        assign("it-recovery-lead", "p4", 1),
    ];
    itdr.steps = vec![];
    site.plans.push(itdr);
    site.training.push(training("p1", "it-dr", "2026-06-01"));
    site.exercises[0].plans.push("itdr".into());
    site.exercises[0].results.push(ExerciseResult {
        plan: "itdr".into(),
        recovery_time: span("2h"),
    });
    let r = score(&site, TODAY);
    assert_eq!(
        component(&r, ComponentName::Roles),
        (
            70,
            vec![(
                ReasonCode::SinglePointOfFailure,
                30,
                "Person p1 (p1) is the primary for 3 critical roles across this site's plans (Incident Commander, IT Recovery Lead, Communications Lead); at most 2 allowed: a single point of failure".into()
            )]
        )
    );
    // The policy may allow more.
    let policy = Policy {
        max_critical_roles: 3,
        ..Policy::default()
    };
    assert_eq!(
        score_with(&catalogue(), &site, TODAY, &policy)
            .component(ComponentName::Roles)
            .score,
        100
    );
}

// ------------------------------------------------------------------------------------------
// Training
// ------------------------------------------------------------------------------------------

#[test]
fn training_expires_on_its_expiry_day() {
    let site = clean(); // p4 (IT recovery alternate) completed IT DR (12 months) on 2026-02-01
    let training = |date| component(&score(&site, date), ComponentName::Training);
    assert_eq!(training("2027-01-31").0, 100);
    assert_eq!(
        training("2027-02-01"),
        (85, vec![(ReasonCode::TrainingExpired, 15, "Person p4 (p4, IT Recovery Lead) has expired IT DR Operations training (expired 2027-02-01)".into())])
    );
}

#[test]
fn a_primary_without_training_costs_more_and_people_are_grouped_per_course() {
    let mut site = clean();
    site.training[0] = training("p1", "crisis-leadership", "2024-11-24"); // expires 2026-11-24
    let r = score(&site, "2026-11-23");
    assert_eq!(r.component(ComponentName::Training).score, 100);
    let r = score(&site, "2026-11-24");
    // The incident commander is a primary: −25. Training 75, below the floor: at risk.
    assert_eq!(
        component(&r, ComponentName::Training),
        (75, vec![(ReasonCode::TrainingExpired, 25, "Person p1 (p1, Incident Commander) has expired Crisis Leadership training (expired 2026-11-24)".into())])
    );
    assert_eq!(r.status, Status::AtRisk);
    let reason = &r.component(ComponentName::Training).reasons[0];
    assert_eq!(
        (reason.severity, reason.course_id.as_deref(), reason.due),
        (
            Level::High,
            Some("crisis-leadership"),
            Some(d("2026-11-24"))
        )
    );

    site.training[1] = training("p2", "crisis-leadership", "2024-10-01"); // expired 2026-10-01
    let r = score(&site, TODAY);
    // 25 (primary) + 15 (alternate) = 40, in one reason.
    assert_eq!(
        component(&r, ComponentName::Training),
        (
            60,
            vec![(
                ReasonCode::TrainingExpired,
                40,
                "2 of 2 people in recovery roles have expired Crisis Leadership training (expired 2026-10-01 to 2026-11-24)".into()
            )]
        )
    );
    assert_eq!(
        r.component(ComponentName::Training).reasons[0].person_ids,
        vec!["p1".to_string(), "p2".to_string()]
    );
}

#[test]
fn training_never_done_or_done_after_the_as_of_date_is_missing() {
    let mut site = clean();
    site.training.retain(|t| t.person != "p6"); // facilities alternate: awareness never done
    let r = score(&site, TODAY);
    assert_eq!(
        component(&r, ComponentName::Training),
        (
            85,
            vec![(
                ReasonCode::TrainingMissing,
                15,
                "Person p6 (p6, Facilities Lead) has never completed BCM Awareness training".into()
            )]
        )
    );
    assert_eq!(r.status, Status::Ready, "85 is above the floor; overall 98");
    assert_eq!(r.score, 98);

    // As of a day before p3 completed IT DR, p3 had not done it (and the exercise had not been
    // held, nor its review: the plan counts from its approval).
    let r = score(&clean(), "2026-02-28");
    assert_eq!(
        component(&r, ComponentName::Training).1,
        vec![(
            ReasonCode::TrainingMissing,
            25,
            "Person p3 (p3, IT Recovery Lead) has never completed IT DR Operations training".into()
        )]
    );
}

// ------------------------------------------------------------------------------------------
// Exercises
// ------------------------------------------------------------------------------------------

#[test]
fn exercise_due_day_is_on_time_and_the_day_after_is_overdue() {
    let site = clean(); // exercised 2026-03-15: due 2027-03-15
    let exercises = |date| component(&score(&site, date), ComponentName::Exercises);
    assert_eq!(exercises("2027-03-15").0, 100);
    assert_eq!(
        exercises("2027-03-16"),
        (70, vec![(ReasonCode::ExerciseOverdue, 30, "Plan Testville BCP last exercised 2026-03-15, exercise due every 12 months: 1 day overdue".into())])
    );

    // Never exercised: counted from approval (2026-01-10).
    let mut site = clean();
    site.exercises.clear();
    let exercises = |date| component(&score(&site, date), ComponentName::Exercises);
    assert_eq!(exercises("2027-01-10").0, 100);
    assert_eq!(
        exercises("2027-01-11").1,
        vec![(ReasonCode::ExerciseOverdue, 30, "Plan Testville BCP has not been exercised since its approval on 2026-01-10, exercise due every 12 months: 1 day overdue".into())]
    );

    // The interval is the policy's.
    let policy = Policy {
        exercise_interval_months: 6,
        ..Policy::default()
    };
    assert_eq!(
        score_with(&catalogue(), &clean(), "2026-09-16", &policy)
            .component(ComponentName::Exercises)
            .score,
        70
    );
}

#[test]
fn overdue_corrective_actions_cost_by_severity() {
    for (severity, points, word) in [
        (Severity::Critical, 50, "Critical"),
        (Severity::High, 30, "High"),
        (Severity::Medium, 15, "Medium"),
        (Severity::Low, 5, "Low"),
    ] {
        let mut site = clean();
        site.exercises[0]
            .findings
            .push(finding("f2", severity, "2026-12-01", None));
        let exercises = |date| component(&score(&site, date), ComponentName::Exercises);
        assert_eq!(exercises("2026-12-01").0, 100);
        assert_eq!(
            exercises("2027-01-05"),
            (100 - points as u8, vec![(ReasonCode::ActionOverdue, points, format!("{word}-severity corrective action 1 month overdue (due 2026-12-01): Fix f2"))])
        );
        let r = score(&site, "2026-12-02");
        let reason = &r.component(ComponentName::Exercises).reasons[0];
        assert_eq!(
            reason.message,
            format!("{word}-severity corrective action 1 day overdue (due 2026-12-01): Fix f2")
        );
        assert_eq!(
            (reason.finding_id.as_deref(), reason.exercise_id.as_deref()),
            (Some("f2"), Some("ex1"))
        );
        assert_eq!(reason.person_ids, vec!["p2".to_string()]);
    }

    // Closed after the as-of date: still open as of then.
    let mut site = clean();
    site.exercises[0].findings.push(finding(
        "f2",
        Severity::High,
        "2026-10-01",
        Some("2026-12-10"),
    ));
    assert_eq!(
        score(&site, TODAY)
            .component(ComponentName::Exercises)
            .score,
        70
    );
    assert_eq!(
        score(&site, "2026-12-10")
            .component(ComponentName::Exercises)
            .score,
        100
    );
}

// ------------------------------------------------------------------------------------------
// Resources, recovery
// ------------------------------------------------------------------------------------------

#[test]
fn resources_short_of_the_largest_need_of_any_plan() {
    let mut site = clean();
    site.inventory[0].quantity = 4;
    site.plans[0].resources.push(ResourceNeed {
        kind: "generator".into(),
        quantity: 2,
    });
    let r = score(&site, TODAY);
    // Laptops: 6 of 10 short: −60. Generators: none held: −100. Resources 0.
    assert_eq!(
        component(&r, ComponentName::Resources),
        (
            0,
            vec![
                (
                    ReasonCode::ResourceShort,
                    100,
                    "Plan Testville BCP needs 2 × generator; the site holds 0 (2 short)".into()
                ),
                (
                    ReasonCode::ResourceShort,
                    60,
                    "Plan Testville BCP needs 10 × laptop; the site holds 4 (6 short)".into()
                ),
            ]
        )
    );
    let generator = &r.component(ComponentName::Resources).reasons[0];
    assert_eq!(
        (generator.resource.as_deref(), generator.severity),
        (Some("generator"), Level::High)
    );

    // Two plans needing laptops: only the larger need counts, once.
    let mut site = clean();
    let mut ccp = plan("ccp", "Crisis Comms Plan");
    ccp.kind = PlanKind::CrisisCommunications;
    ccp.resources = vec![ResourceNeed {
        kind: "laptop".into(),
        quantity: 12,
    }];
    site.plans.push(ccp);
    assert_eq!(
        component(&score(&site, TODAY), ComponentName::Resources).1,
        vec![(
            ReasonCode::ResourceShort,
            17,
            "Crisis Comms Plan needs 12 × laptop; the site holds 10 (2 short)".into()
        )]
    );
}

#[test]
fn recovery_proven_by_the_last_exercise_result() {
    let mut site = clean();
    site.exercises[0].results[0].recovery_time = span("5h");
    let r = score(&site, TODAY);
    assert_eq!(
        component(&r, ComponentName::RecoveryProven),
        (
            50,
            vec![(
                ReasonCode::RecoveryOverRto,
                50,
                "Plan Testville BCP recovered in 5h in the exercise of 2026-03-15, against an RTO of 4h (Proc A): 1h over".into()
            )]
        )
    );
    // Exactly the RTO is fine.
    site.exercises[0].results[0].recovery_time = span("4h");
    assert_eq!(
        score(&site, TODAY)
            .component(ComponentName::RecoveryProven)
            .score,
        100
    );

    // A later exercise that proved it counts, not the older failure.
    site.exercises[0].results[0].recovery_time = span("5h");
    let mut later = site.exercises[0].clone();
    later.id = "ex2".into();
    later.date = d("2026-09-01");
    later.findings.clear();
    later.results[0].recovery_time = span("3h");
    site.exercises.push(later);
    assert_eq!(
        score(&site, TODAY)
            .component(ComponentName::RecoveryProven)
            .score,
        100
    );
    assert_eq!(
        score(&site, "2026-08-31")
            .component(ComponentName::RecoveryProven)
            .score,
        50
    );

    // No result at all: unproven, for business continuity and IT DR plans only.
    let mut site = clean();
    site.exercises[0].results.clear();
    assert_eq!(
        component(&score(&site, TODAY), ComponentName::RecoveryProven),
        (75, vec![(ReasonCode::RecoveryUnproven, 25, "Plan Testville BCP has no recovery time recorded in an exercise to prove its RTO of 4h (Proc A)".into())])
    );
    site.plans[0].kind = PlanKind::CrisisCommunications;
    assert_eq!(
        score(&site, TODAY)
            .component(ComponentName::RecoveryProven)
            .score,
        100
    );
}

#[test]
fn recover_steps_must_fit_the_smallest_rto() {
    let mut site = clean();
    site.plans[0].steps.push(step(Phase::Recover, "1h")); // 1h + 2h + 1h = 4h = RTO: fits
    assert_eq!(
        score(&site, TODAY)
            .component(ComponentName::RecoveryTime)
            .score,
        100
    );
    site.plans[0].steps.push(step(Phase::Recover, "30m")); // 4h 30m
    assert_eq!(
        component(&score(&site, TODAY), ComponentName::RecoveryTime),
        (
            50,
            vec![(
                ReasonCode::RunbookOverRto,
                50,
                "The recover steps of plan Testville BCP add up to 4h 30m, more than its RTO of 4h (Proc A): the runbook cannot meet its RTO".into()
            )]
        )
    );
    // Respond and restore steps do not count.
    let mut site = clean();
    site.plans[0].steps.push(step(Phase::Restore, "10h"));
    assert_eq!(
        score(&site, TODAY)
            .component(ComponentName::RecoveryTime)
            .score,
        100
    );
}

// ------------------------------------------------------------------------------------------
// Overall, policy
// ------------------------------------------------------------------------------------------

#[test]
fn overall_is_the_weighted_average_and_low_scores_are_not_ready() {
    let mut site = clean();
    site.inventory.clear(); // resources 0
    site.exercises[0].results[0].recovery_time = span("5h"); // recovery proven 50
    site.plans[0].steps.push(step(Phase::Recover, "2h")); // recovery time 50
    site.training.retain(|t| t.person != "p1"); // training 75
    let r = score(&site, TODAY);
    // (100×20 + 100×20 + 75×15 + 100×15 + 0×10 + 50×10 + 50×10) / 100 = 76.25 → 76: at risk.
    assert_eq!(r.score, 76);
    assert_eq!(r.status, Status::AtRisk);
    assert_eq!(
        r.status_reason,
        "Score 76 is below the 85 needed to be ready"
    );
    // Top reasons by impact on the overall score: resources (100 × 10/100 = 10), then the 50s
    // of recovery (5 each), then training (25 × 15/100 = 3.75 → 3.8).
    let top: Vec<(ReasonCode, f64)> = r.reasons.iter().map(|x| (x.code, x.impact)).collect();
    assert_eq!(
        top,
        vec![
            (ReasonCode::ResourceShort, 10.0),
            (ReasonCode::RecoveryOverRto, 5.0),
            (ReasonCode::RunbookOverRto, 5.0),
            (ReasonCode::TrainingMissing, 3.8)
        ]
    );

    site.plans[0]
        .assignments
        .retain(|a| a.role != "facilities-lead");
    let r = score(&site, TODAY);
    // Roles 100 − 50 − 25 = 25: overall 61 (76.25 − 15); facilities training no longer needed.
    assert_eq!((r.score, r.status), (61, Status::AtRisk));
    site.plans[0]
        .assignments
        .retain(|a| a.role != "it-recovery-lead");
    let r = score(&site, TODAY);
    // Roles 0, training back to 100 (only the incident commander left, missing crisis leadership: 75).
    assert_eq!(r.component(ComponentName::Roles).score, 0);
    assert_eq!((r.score, r.status), (56, Status::NotReady));
    assert_eq!(r.status_reason, "Score 56 is below 60");
}

#[test]
fn weights_and_thresholds_come_from_the_portfolio_file() {
    let settings: ReadinessSettings = serde_json::from_str(
        r#"{ "weights": { "resources": 0 }, "ready_at": 99, "component_floor": 50,
             "points": { "missing_alternate": 10 } }"#,
    )
    .unwrap();
    let policy = Policy::from_settings(Some(&settings));
    assert_eq!(policy.weights, [20, 20, 15, 15, 0, 10, 10]);
    assert_eq!(
        (policy.ready_at, policy.at_risk_at, policy.component_floor),
        (99, 60, 50)
    );
    assert_eq!(policy.points.missing_alternate, 10);
    assert_eq!(policy.points.missing_primary, 50);

    let mut portfolio = catalogue();
    portfolio.readiness = Some(settings);
    let mut site = clean();
    site.inventory.clear();
    site.plans[0]
        .assignments
        .retain(|a| !(a.role == "incident-commander" && a.rank == 1));
    let r = score_with(&portfolio, &site, TODAY, &policy);
    // Resources weigh nothing; roles 90: (20×100 + 20×90 + 15×100 + 15×100 + 10×100 + 10×100) / 90 = 97.8 → 98.
    assert_eq!(r.component(ComponentName::Resources).score, 0);
    assert_eq!(r.component(ComponentName::Roles).score, 90);
    assert_eq!(r.score, 98);
    assert_eq!(r.status, Status::AtRisk, "below the ready_at of 99");

    // The store keeps the section and gives back the same policy.
    let mut store = Store::in_memory().unwrap();
    let p = portfolio.clone();
    store
        .edit_portfolio(move |x| {
            *x = p;
            Ok(())
        })
        .unwrap();
    assert_eq!(store.portfolio().unwrap(), portfolio);
    assert_eq!(store.policy().unwrap(), policy);
    assert_eq!(
        Store::in_memory().unwrap().policy().unwrap(),
        Policy::default()
    );
}

#[test]
fn a_policy_that_makes_no_sense_is_refused() {
    let mut portfolio = catalogue();
    portfolio.readiness = Some(ReadinessSettings {
        ready_at: Some(50),
        at_risk_at: Some(70),
        component_floor: Some(120),
        blocking_roles: Some(vec!["ghost".into()]),
        weights: Some(ReadinessWeights {
            plans: Some(0),
            roles: Some(0),
            training: Some(0),
            exercises: Some(0),
            resources: Some(0),
            recovery_proven: Some(0),
            recovery_time: Some(0),
        }),
        ..ReadinessSettings::default()
    });
    let mut store = Store::in_memory().unwrap();
    let err = store
        .edit_portfolio(move |x| {
            *x = portfolio;
            Ok(())
        })
        .unwrap_err()
        .to_string();
    for expected in [
        "readiness.component_floor: 120 is not a score",
        "readiness.at_risk_at: 70 is above ready_at 50",
        "readiness.weights: at least one component",
        "readiness.blocking_roles[0]: unknown role \"ghost\"",
    ] {
        assert!(err.contains(expected), "{expected:?} missing from {err}");
    }
}

#[test]
fn month_arithmetic() {
    use super::rules::{add_months, overdue, whole_months};
    assert_eq!(add_months(d("2024-01-31"), 1), d("2024-02-29"));
    assert_eq!(whole_months(d("2026-06-01"), d("2026-11-25")), 5);
    assert_eq!(whole_months(d("2026-06-01"), d("2026-07-01")), 1);
    assert_eq!(whole_months(d("2026-06-01"), d("2026-06-30")), 0);
    assert_eq!(whole_months(d("2026-01-31"), d("2026-02-28")), 1);
    assert_eq!(whole_months(d("2026-06-01"), d("2026-05-01")), 0);
    assert_eq!(overdue(d("2026-06-01"), d("2026-06-02")), "1 day overdue");
    assert_eq!(
        overdue(d("2025-06-01"), d("2026-11-25")),
        "17 months overdue"
    );
}

// ------------------------------------------------------------------------------------------
// Forecast
// ------------------------------------------------------------------------------------------

#[test]
fn the_forecast_finds_the_day_a_site_drops_a_band() {
    let mut site = clean();
    site.training[0] = training("p1", "crisis-leadership", "2024-12-20"); // expires 2026-12-20
    site.exercises[0]
        .findings
        .push(finding("f2", Severity::Medium, "2027-01-10", None));
    let mut store = Store::in_memory().unwrap();
    let p = catalogue();
    store
        .edit_portfolio(move |x| {
            *x = p;
            Ok(())
        })
        .unwrap();
    store.create_site(site).unwrap();
    let f = store
        .forecast_with(d(TODAY), 90, &Policy::default())
        .unwrap();
    assert_eq!(f.len(), 1);
    let f = &f[0];
    assert_eq!((f.from, f.to), (d(TODAY), d("2027-02-23")));
    assert_eq!((f.score, f.status), (100, Status::Ready));
    let events: Vec<(NaiveDate, EventKind, u8, Status, &str)> = f
        .events
        .iter()
        .map(|e| (e.date, e.kind, e.score, e.status, e.message.as_str()))
        .collect();
    assert_eq!(
        events,
        vec![
            (
                d("2026-12-20"),
                EventKind::TrainingExpires,
                96,
                Status::AtRisk,
                "Person p1 (p1, Incident Commander): Crisis Leadership training expires"
            ),
            (
                d("2027-01-11"),
                EventKind::ActionOverdue,
                94,
                Status::AtRisk,
                "Corrective action falls overdue (due 2027-01-10): Fix f2"
            ),
            // IT DR of p4 expires 2027-02-01 (alternate): −15 more.
            (
                d("2027-02-01"),
                EventKind::TrainingExpires,
                92,
                Status::AtRisk,
                "Person p4 (p4, IT Recovery Lead): IT DR Operations training expires"
            ),
        ]
    );
    assert_eq!(
        f.drops,
        vec![BandDrop {
            date: d("2026-12-20"),
            from: Status::Ready,
            to: Status::AtRisk,
            score: 96
        }]
    );
    assert_eq!(f.drops_on, Some(d("2026-12-20")));
    // Training 100 − 25 − 15 = 60; exercises 85: (20×100 + 20×100 + 15×60 + 15×85 + 30×100) / 100 = 91.75.
    assert_eq!((f.end_score, f.end_status), (92, Status::AtRisk));

    // Re-assessing on the drop date agrees with the forecast.
    let again = store
        .readiness_with(d("2026-12-20"), &Policy::default())
        .unwrap();
    assert_eq!((again[0].score, again[0].status), (96, Status::AtRisk));
    // 30 days ahead: only the first event.
    let short = store
        .forecast_with(d(TODAY), 30, &Policy::default())
        .unwrap();
    assert_eq!(short[0].events.len(), 1);
}

#[test]
fn the_forecast_steps_through_the_months_a_review_stays_overdue() {
    let mut site = clean();
    site.plans[0].approved_on = Some(d("2025-09-01"));
    site.plans[0].last_reviewed = Some(d("2025-10-01")); // due 2026-10-01: 1 month overdue today
    let mut store = Store::in_memory().unwrap();
    let p = catalogue();
    store
        .edit_portfolio(move |x| {
            *x = p;
            Ok(())
        })
        .unwrap();
    store.create_site(site).unwrap();
    let f = &store
        .forecast_with(d(TODAY), 90, &Policy::default())
        .unwrap()[0];
    // Plans 75 today (20 + 5): at risk; 2026-12-01 → 70, 2027-01-01 → 65, 2027-02-01 → 60 (and p4's training).
    assert_eq!((f.score, f.status), (95, Status::AtRisk));
    assert!(f.drops.is_empty());
    let assessed = store.readiness_with(f.to, &Policy::default()).unwrap();
    assert_eq!(
        (f.end_score, f.end_status),
        (assessed[0].score, assessed[0].status)
    );
}

// ------------------------------------------------------------------------------------------
// Demo portfolio (as written), roll-up, snapshots
// ------------------------------------------------------------------------------------------

fn demo() -> Store {
    let mut store = Store::in_memory().unwrap();
    crate::demo::load_demo(&mut store, crate::demo::written_for().unwrap()).unwrap();
    store
}

#[test]
fn store_and_model_agree_on_the_demo() {
    let store = demo();
    let day = crate::demo::written_for().unwrap();
    let portfolio = store.portfolio().unwrap();
    let sites: Vec<SiteData> = store
        .site_ids()
        .unwrap()
        .iter()
        .map(|id| store.site(id).unwrap())
        .collect();
    let policy = Policy::default();
    for date in [day, d("2027-03-01"), d("2026-01-01")] {
        let a = store.readiness_with(date, &policy).unwrap();
        let b = assess_portfolio(&portfolio, &sites, date, &policy);
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            for (cx, cy) in x.components.iter().zip(&y.components) {
                assert_eq!(cx, cy, "{date} {}", x.site_id);
            }
            assert_eq!(x, y, "{date}");
        }
    }
}

#[test]
fn rollup_counts_every_site_once() {
    let store = demo();
    let sites = store
        .readiness_with(crate::demo::written_for().unwrap(), &Policy::default())
        .unwrap();
    let r = rollup(&sites);
    let w = &r.worldwide;
    assert_eq!(w.sites as usize, sites.len());
    assert_eq!(
        w.counts.ready + w.counts.at_risk + w.counts.not_ready,
        sites.len() as u64
    );
    assert_eq!(
        w.headcount.ready + w.headcount.at_risk + w.headcount.not_ready,
        sites.iter().map(|s| u64::from(s.headcount)).sum::<u64>()
    );
    assert_eq!(r.regions.iter().map(|g| g.sites).sum::<u32>(), w.sites);
    assert_eq!(
        r.regions.iter().map(|g| g.counts.not_ready).sum::<u64>(),
        w.counts.not_ready
    );
    assert!(!w.top_gaps.is_empty() && w.top_gaps.len() <= rollup::TOP_GAPS);
    assert!(w.top_gaps.windows(2).all(|p| p[0].impact >= p[1].impact));
    let dubai = sites.iter().find(|s| s.site_id == "dubai").unwrap();
    // Tokyo (tier 1, weight 4): 7.5 + 2.3; Seoul (tier 3, weight 2): 3.8. (9.8 × 4 + 3.8 × 2 = 46.8)
    let top = &w.top_gaps[0];
    assert_eq!(
        (top.code, top.sites, top.impact),
        (ReasonCode::TrainingExpired, 2, 46.8)
    );
    assert_eq!(top.site_ids, vec!["seoul".to_string(), "tokyo".to_string()]);
    assert_eq!(top.label, "Expired training");
    assert_eq!(
        r.regions
            .iter()
            .map(|g| g.region.as_deref().unwrap())
            .collect::<Vec<_>>(),
        vec!["americas", "emea", "apac"]
    );
    let emea = &r.regions[1];
    assert!(emea.counts.not_ready == 1 && dubai.region == "emea");
}

#[test]
fn snapshots_keep_history_and_give_the_trend() {
    let mut store = demo();
    let policy = Policy::default();
    let day = crate::demo::written_for().unwrap();
    let first = store.record_snapshot(day).unwrap();
    assert_eq!((first.sites, first.replaced, first.trend.len()), (20, 0, 0));
    let again = store.record_snapshot(day).unwrap();
    assert_eq!(again.replaced, 20, "the same day is replaced, not doubled");
    let later = d("2027-03-01");
    let second = store.record_snapshot(later).unwrap();
    assert_eq!(second.trend.len(), 20);
    let tokyo = second.trend.iter().find(|t| t.site_id == "tokyo").unwrap();
    assert_eq!(tokyo.since, day);
    assert_eq!(
        tokyo.change,
        i16::from(tokyo.score) - i16::from(tokyo.previous_score)
    );

    let history = store.snapshots(Some("tokyo")).unwrap();
    assert_eq!(
        history.iter().map(|s| s.date).collect::<Vec<_>>(),
        vec![day, later]
    );
    assert_eq!(history[0].components.len(), 7);
    assert_eq!(store.snapshots(None).unwrap().len(), 40);
    let now = store.readiness_with(later, &policy).unwrap();
    let trend = store.trend(&now).unwrap();
    assert_eq!(trend.len(), 20);
    assert!(
        trend.iter().all(|t| t.since == day),
        "the latest snapshot before the assessment day"
    );
}

// ------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------

mod properties {
    use proptest::prelude::*;
    use rand::SeedableRng;

    use super::*;

    fn generated(seed: u64) -> (Portfolio, SiteData) {
        let today = d(TODAY);
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        (
            crate::generate::portfolio(today),
            crate::generate::site(0, today, &mut rng),
        )
    }

    fn band(portfolio: &Portfolio, site: &SiteData) -> (u8, Status, Vec<u8>) {
        let r = assess_portfolio(
            portfolio,
            std::slice::from_ref(site),
            d(TODAY),
            &Policy::default(),
        )
        .remove(0);
        (
            r.score,
            r.status,
            r.components.iter().map(|c| c.score).collect(),
        )
    }

    /// A completion of `course` by `person` that is current today.
    fn current(
        portfolio: &Portfolio,
        person: &str,
        course: usize,
        days_ago: u64,
    ) -> TrainingRecord {
        let course = &portfolio.courses[course];
        let max = course.validity_months.map_or(3000, |m| u64::from(m) * 28);
        TrainingRecord {
            person: person.into(),
            course: course.id.clone(),
            completed: d(TODAY) - chrono::Days::new(days_ago % max),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn a_current_training_record_never_lowers_a_score(seed in 0u64..1_000, who in 0usize..1_000, course in 0usize..100, ago in 0u64..10_000) {
            let (portfolio, mut site) = generated(seed);
            let before = band(&portfolio, &site);
            let person = site.people[who % site.people.len()].id.clone();
            let record = current(&portfolio, &person, course % portfolio.courses.len(), ago);
            site.training.retain(|t| !(t.person == record.person && t.course == record.course && t.completed == record.completed));
            let without = band(&portfolio, &site);
            site.training.push(record);
            let after = band(&portfolio, &site);
            prop_assert!(after.0 >= without.0 && after.1 >= without.1, "{without:?} → {after:?}");
            for (a, b) in after.2.iter().zip(&without.2) {
                prop_assert!(a >= b);
            }
            let _ = before;
        }

        #[test]
        fn an_alternate_never_lowers_a_score(seed in 0u64..1_000, plan in 0usize..100, role in 0usize..100, who in 0usize..1_000, ago in 0u64..10_000) {
            let (portfolio, mut site) = generated(seed);
            let plan = plan % site.plans.len();
            let role = site.plans[plan].roles[role % site.plans[plan].roles.len()].role.clone();
            let person = site.people[who % site.people.len()].id.clone();
            // The alternate holds current training for what the role requires.
            for (i, course) in portfolio.courses.iter().enumerate() {
                if course.required_for_roles.contains(&role) {
                    site.training.push(current(&portfolio, &person, i, ago));
                }
            }
            let before = band(&portfolio, &site);
            let rank = site.plans[plan].assignments.iter().filter(|a| a.role == role).map(|a| a.rank + 1).max().unwrap_or(1).max(1);
            site.plans[plan].assignments.push(Assignment { role, person, rank });
            let after = band(&portfolio, &site);
            prop_assert!(after.0 >= before.0 && after.1 >= before.1, "{before:?} → {after:?}");
        }
    }
}

#[test]
fn parallel_keeps_the_order() {
    let items: Vec<u32> = (0..1001).collect();
    let out = parallel(items, |i, x| (i as u32, x * 2));
    assert_eq!(out.len(), 1001);
    assert!(out
        .iter()
        .enumerate()
        .all(|(i, (j, x))| *j as usize == i && *x == 2 * i as u32));
    assert_eq!(parallel(Vec::<u8>::new(), |_, x| x), Vec::<u8>::new());
}
