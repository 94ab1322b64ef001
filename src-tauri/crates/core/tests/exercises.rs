//! Exercises: participants and scenario stored and validated, carried through the plan file,
//! and the calendar of when each approved plan falls due for exercise.

use chrono::NaiveDate;
use continuum_core::store::exercises::CalendarScope;
use continuum_core::{export, import, Exercise, Store};
mod common;
use common::demo_store;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn scope(site: Option<&str>, region: Option<&str>) -> CalendarScope {
    CalendarScope {
        site: site.map(Into::into),
        region: region.map(Into::into),
    }
}

fn tokyo_exercise(store: &Store) -> Exercise {
    let mut e = store.site("tokyo").unwrap().exercises[0].clone();
    e.participants = vec!["tyo-001".into(), "tyo-006".into()];
    e.scenario = "An overnight fire makes the building unusable".into();
    e
}

#[test]
fn participants_and_scenario_are_stored_and_participants_must_be_people_of_the_site() {
    let mut store = demo_store();
    let e = tokyo_exercise(&store);
    store.save_exercise("tokyo", e.clone()).unwrap();
    let back = store.site("tokyo").unwrap();
    assert_eq!(back.exercises[0], e);

    let mut bad = e.clone();
    bad.participants.push("ghost".into());
    let err = store.save_exercise("tokyo", bad).unwrap_err();
    assert_eq!(err.code(), "validation");
    assert!(
        err.to_string()
            .contains("exercises[0].participants[2]: unknown person \"ghost\""),
        "{err}"
    );
    // A London person is not a Tokyo participant.
    let london = store.site("london").unwrap().people[0].id.clone();
    let mut other = e.clone();
    other.participants = vec![london.clone()];
    let err = store.save_exercise("tokyo", other).unwrap_err();
    assert!(err.to_string().contains(&london), "{err}");
    assert_eq!(
        store.site("tokyo").unwrap().exercises[0],
        e,
        "nothing changed"
    );

    // A participant cannot be removed from the site while named.
    let err = store.delete_person("tyo-001").unwrap_err();
    assert!(err.to_string().contains("participants"), "{err}");
}

#[test]
fn an_exercise_survives_export_and_import_and_old_files_still_import() {
    let mut store = demo_store();
    let e = tokyo_exercise(&store);
    store.save_exercise("tokyo", e.clone()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    export(&store, &dir.path().join("out")).unwrap();
    let text = std::fs::read_to_string(dir.path().join("out/tokyo.json")).unwrap();
    assert!(text.contains("\"participants\""));
    assert!(text.contains("\"scenario\": \"An overnight fire"));

    let mut again = Store::in_memory().unwrap();
    import(&mut again, &[dir.path().join("out")]).unwrap();
    assert_eq!(again.site("tokyo").unwrap().exercises[0], e);

    // The other exercises had neither field, and none was written for them.
    let file: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(file["exercises"][1].get("participants").is_none());
    assert!(file["exercises"][1].get("scenario").is_none());
}

#[test]
fn the_calendar_gives_each_approved_plan_its_due_date_sorted() {
    let store = demo_store();
    // Demo Tokyo: bcp exercised 2026-09-01, itdr 2026-04-11, ccp and pandemic 2026-09-01;
    // the default interval is 12 months.
    let cal = store
        .exercise_calendar(&scope(Some("tokyo"), None), d("2026-11-25"))
        .unwrap();
    assert_eq!(cal.interval_months, 12);
    let got: Vec<_> = cal
        .entries
        .iter()
        .map(|e| (e.plan.as_str(), e.due, e.overdue, e.never))
        .collect();
    assert_eq!(
        got,
        [
            ("tokyo-itdr", d("2027-04-11"), false, false),
            ("tokyo-bcp", d("2027-09-01"), false, false),
            ("tokyo-ccp", d("2027-09-01"), false, false),
            ("tokyo-pandemic", d("2027-09-01"), false, false),
        ]
    );
    let itdr = &cal.entries[0];
    assert_eq!(itdr.last_exercised, Some(d("2026-04-11")));
    assert_eq!(itdr.last_exercise.as_deref(), Some("tokyo-ex-2026-04"));
    assert_eq!(itdr.region, "apac");
    assert_eq!(itdr.region_name, "Asia Pacific");

    // As of a day after its due date the IT DR plan is overdue.
    let later = store
        .exercise_calendar(&scope(Some("tokyo"), None), d("2027-04-12"))
        .unwrap();
    assert!(later.entries[0].overdue);
    assert!(!later.entries[1].overdue);
    let on_the_day = store
        .exercise_calendar(&scope(Some("tokyo"), None), d("2027-04-11"))
        .unwrap();
    assert!(!on_the_day.entries[0].overdue);
}

#[test]
fn exercises_after_the_as_of_date_do_not_count_and_never_exercised_counts_from_approval() {
    let store = demo_store();
    // Before the 2026-09 exercise: ccp (approved 2026-04-13) and pandemic (2026-01-22) never
    // exercised; bcp last exercised 2025-09-01.
    let cal = store
        .exercise_calendar(&scope(Some("tokyo"), None), d("2026-08-31"))
        .unwrap();
    let got: Vec<_> = cal
        .entries
        .iter()
        .map(|e| (e.plan.as_str(), e.due, e.never))
        .collect();
    assert_eq!(
        got,
        [
            ("tokyo-bcp", d("2026-09-01"), false),
            ("tokyo-pandemic", d("2027-01-22"), true),
            ("tokyo-itdr", d("2027-04-11"), false),
            ("tokyo-ccp", d("2027-04-13"), true),
        ]
    );
    assert_eq!(cal.entries[1].last_exercised, None);
}

#[test]
fn the_calendar_covers_a_region_or_everyone_and_refuses_unknown_scopes() {
    let store = demo_store();
    let day = d("2026-11-25");
    let apac = store
        .exercise_calendar(&scope(None, Some("apac")), day)
        .unwrap();
    assert!(apac.entries.iter().any(|e| e.site == "tokyo"));
    assert!(apac.entries.iter().all(|e| e.region == "apac"));
    let all = store.exercise_calendar(&scope(None, None), day).unwrap();
    assert!(all.entries.len() > apac.entries.len());
    assert!(all.entries.iter().any(|e| e.site == "london"));
    assert!(all.entries.windows(2).all(|w| w[0].due <= w[1].due));
    assert!(all.entries.iter().all(|e| e.overdue == (e.due < day)));
    // Only approved plans.
    let approved: usize = store
        .site_ids()
        .unwrap()
        .iter()
        .map(|s| {
            store
                .site(s)
                .unwrap()
                .plans
                .iter()
                .filter(|p| p.status == continuum_core::PlanStatus::Approved)
                .count()
        })
        .sum();
    assert_eq!(all.entries.len(), approved);

    for (s, r) in [(Some("atlantis"), None), (None, Some("arctic"))] {
        let err = store.exercise_calendar(&scope(s, r), day).unwrap_err();
        assert_eq!(err.code(), "not_found", "{err}");
    }
}
