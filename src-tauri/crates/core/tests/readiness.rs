//! The readiness engine on the demo portfolio, through the public API: every band is shown,
//! each of the demo's designed gaps is found and explained, clean sites are ready, and the JSON
//! shape the app renders is what docs/readiness.md documents.

use chrono::NaiveDate;
use continuum_core::readiness::{ComponentName, Level, Policy, ReasonCode, SiteReadiness, Status};
use continuum_core::{demo, Store};

fn demo_store(day: NaiveDate) -> Store {
    let mut store = Store::in_memory().unwrap();
    demo::load_demo(&mut store, day).unwrap();
    store
}

fn written_for() -> NaiveDate {
    demo::written_for().unwrap()
}

fn demo_sites() -> Vec<SiteReadiness> {
    let store = demo_store(written_for());
    store
        .readiness_with(written_for(), &Policy::default())
        .unwrap()
}

fn site<'a>(sites: &'a [SiteReadiness], id: &str) -> &'a SiteReadiness {
    sites
        .iter()
        .find(|s| s.site_id == id)
        .unwrap_or_else(|| panic!("{id} assessed"))
}

/// The reasons of a site with this code, as (plan, people, message).
fn with_code(s: &SiteReadiness, code: ReasonCode) -> Vec<(Option<String>, Vec<String>, String)> {
    s.components
        .iter()
        .flat_map(|c| &c.reasons)
        .filter(|r| r.code == code)
        .map(|r| (r.plan_id.clone(), r.person_ids.clone(), r.message.clone()))
        .collect()
}

#[test]
fn the_demo_shows_every_band() {
    let sites = demo_sites();
    assert_eq!(sites.len(), 20);
    for band in [Status::Ready, Status::AtRisk, Status::NotReady] {
        assert!(
            sites.iter().any(|s| s.status == band),
            "no site is {band:?}"
        );
    }
}

#[test]
fn clean_demo_sites_are_ready_with_nothing_against_them() {
    let sites = demo_sites();
    for id in [
        "london",
        "new-york",
        "singapore",
        "zurich",
        "toronto",
        "dublin",
        "hong-kong",
        "sydney",
        "bengaluru",
    ] {
        let s = site(&sites, id);
        assert_eq!(
            (s.score, s.status),
            (100, Status::Ready),
            "{id}: {:?}",
            s.reasons
        );
        assert!(s.reasons.is_empty());
    }
}

#[test]
fn each_designed_gap_is_found_and_explained() {
    let sites = demo_sites();
    let at_risk = |id: &str| {
        let s = site(&sites, id);
        assert_eq!(
            s.status,
            Status::AtRisk,
            "{id}: {} {}",
            s.score,
            s.status_reason
        );
        assert!(s.blockers.is_empty(), "{id}");
        s
    };

    let dubai = site(&sites, "dubai");
    assert_eq!(dubai.status, Status::NotReady);
    assert_eq!(dubai.blockers.len(), 1);
    assert_eq!(dubai.blockers[0].code, ReasonCode::NoApprovedPlan);
    assert_eq!(dubai.blockers[0].severity, Level::Blocker);
    assert!(
        dubai.status_reason.starts_with("Blocked: No approved plan"),
        "{}",
        dubai.status_reason
    );

    let munchen = at_risk("munchen");
    assert_eq!(
        with_code(munchen, ReasonCode::ReviewOverdue),
        vec![(
            Some("munchen-itdr".into()),
            vec![],
            "Munich IT Disaster Recovery Plan last reviewed 2025-06-01, review due every 12 months: 5 months overdue".into()
        )]
    );
    let action = &with_code(munchen, ReasonCode::ActionOverdue)[0].2;
    assert!(
        action.starts_with("High-severity corrective action 4 months overdue (due 2026-06-30)"),
        "{action}"
    );

    let paris = at_risk("paris");
    assert_eq!(
        with_code(paris, ReasonCode::AlternateMissing),
        vec![(
            Some("paris-bcp".into()),
            vec![],
            "Facilities Lead for Paris Business Continuity Plan has no alternate".into()
        )]
    );

    let jnb = at_risk("johannesburg");
    assert_eq!(
        with_code(jnb, ReasonCode::PrimaryMissing)[0].2,
        "Site Security Lead for Johannesburg Business Continuity Plan has no primary"
    );
    let inactive = with_code(jnb, ReasonCode::InactiveAssignee);
    assert!(
        !inactive.is_empty()
            && inactive
                .iter()
                .all(|(_, people, m)| people == &["jnb-006"] && m.contains("is no longer active"))
    );

    let mexico = at_risk("ciudad-de-mexico");
    let spof = with_code(mexico, ReasonCode::SinglePointOfFailure);
    assert_eq!(spof.len(), 1);
    assert_eq!(spof[0].1, vec!["mex-001".to_string()]);
    assert!(
        spof[0].2.contains("is the primary for 3 critical roles"),
        "{}",
        spof[0].2
    );

    for id in ["tokyo", "seoul"] {
        let s = at_risk(id);
        assert!(
            !with_code(s, ReasonCode::TrainingExpired).is_empty(),
            "{id}"
        );
        assert!(s.component(ComponentName::Training).score < 80);
    }
    let tokyo = site(&sites, "tokyo");
    assert_eq!(
        with_code(tokyo, ReasonCode::TrainingExpired)[0].2,
        "2 of 4 people in recovery roles have expired Crisis Leadership and Incident Command training (expired 2026-09-30 to 2026-10-15)"
    );

    let krakow = at_risk("krakow");
    assert_eq!(
        with_code(krakow, ReasonCode::ResourceShort),
        vec![(
            Some("krakow-bcp".into()),
            vec![],
            "Kraków Business Continuity Plan needs 40 × laptop; the site holds 25 (15 short)"
                .into()
        )]
    );

    let shanghai = at_risk("shanghai");
    assert_eq!(
        with_code(shanghai, ReasonCode::RunbookOverRto)[0].2,
        "The recover steps of Shanghai Business Continuity Plan add up to 14h 5m, more than its RTO of 8h (Order-to-cash processing): the runbook cannot meet its RTO"
    );
    assert_eq!(
        with_code(shanghai, ReasonCode::RecoveryOverRto)[0].2,
        "Shanghai IT Disaster Recovery Plan recovered in 14h in the exercise of 2026-06-20, against an RTO of 8h (Order-to-cash processing): 6h over"
    );

    let chicago = at_risk("chicago");
    assert_eq!(
        with_code(chicago, ReasonCode::ExerciseOverdue),
        vec![(
            Some("chicago-itdr".into()),
            vec![],
            "Chicago IT Disaster Recovery Plan last exercised 2025-09-20, exercise due every 12 months: 2 months overdue".into()
        )]
    );
}

#[test]
fn the_demo_looks_the_same_whatever_day_it_is_loaded() {
    let reference = demo_sites();
    let later: NaiveDate = "2027-08-09".parse().unwrap();
    let store = demo_store(later);
    let shifted = store.readiness_with(later, &Policy::default()).unwrap();
    let bands = |sites: &[SiteReadiness]| {
        sites
            .iter()
            .map(|s| (s.site_id.clone(), s.score, s.status))
            .collect::<Vec<_>>()
    };
    assert_eq!(bands(&shifted), bands(&reference));
}

#[test]
fn one_site_at_a_time_and_unknown_sites() {
    let store = demo_store(written_for());
    let all = store
        .readiness_with(written_for(), &Policy::default())
        .unwrap();
    let tokyo = store
        .site_readiness_with("tokyo", written_for(), &Policy::default())
        .unwrap();
    assert_eq!(&tokyo, site(&all, "tokyo"));
    let err = store
        .site_readiness_with("atlantis", written_for(), &Policy::default())
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
    assert_eq!(err.to_string(), "site \"atlantis\" not found");
}

#[test]
fn the_json_shape_is_the_documented_one() {
    let sites = demo_sites();
    let json = serde_json::to_value(&sites).unwrap();
    let list = json.as_array().unwrap();
    assert_eq!(list.len(), 20);
    let keys = |v: &serde_json::Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let munchen = list.iter().find(|s| s["site_id"] == "munchen").unwrap();
    assert_eq!(
        keys(munchen),
        [
            "as_of",
            "blockers",
            "components",
            "headcount",
            "reasons",
            "region",
            "region_name",
            "score",
            "site_id",
            "site_name",
            "status",
            "status_reason",
            "tier"
        ]
    );
    assert_eq!(munchen["site_name"], "München");
    assert!(munchen["score"].as_u64().unwrap() <= 100);
    assert_eq!(munchen["status"], "at_risk");
    assert_eq!(munchen["as_of"], "2026-11-25");
    let components = munchen["components"].as_array().unwrap();
    let names: Vec<&str> = components
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "plans",
            "roles",
            "training",
            "exercises",
            "resources",
            "recovery_proven",
            "recovery_time"
        ]
    );
    assert_eq!(
        keys(&components[0]),
        ["label", "name", "reasons", "score", "weight"]
    );
    let review = &components[0]["reasons"][0];
    assert_eq!(
        keys(review),
        [
            "code",
            "component",
            "due",
            "impact",
            "message",
            "plan_id",
            "points",
            "severity"
        ]
    );
    assert_eq!(review["code"], "review_overdue");
    assert_eq!(review["component"], "plans");
    assert_eq!(review["severity"], "high");
    assert_eq!(review["due"], "2026-06-01");
    assert_eq!(review["plan_id"], "munchen-itdr");
    assert_eq!(review["points"], 45);
    assert_eq!(review["impact"], 9.0);
    assert_eq!(munchen["reasons"][0], *review, "the costliest reason leads");
    let dubai = list.iter().find(|s| s["site_id"] == "dubai").unwrap();
    assert_eq!(dubai["status"], "not_ready");
    assert_eq!(dubai["blockers"][0]["severity"], "blocker");
    // It reads back.
    let back: Vec<SiteReadiness> = serde_json::from_value(json).unwrap();
    assert_eq!(back, sites);
}
