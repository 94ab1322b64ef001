//! Repository functions: every edit is checked like an import and is one transaction.

use chrono::NaiveDate;
use continuum_core::*;
mod common;
use common::{demo_store, person};

#[test]
fn assignment_to_an_unknown_person_is_an_error_not_a_dangling_row() {
    let mut store = demo_store();
    let plan = store.plan("tokyo-bcp").unwrap();
    let role = plan.roles[0].role.clone();
    let err = store
        .assign(
            "tokyo-bcp",
            Assignment {
                role: role.clone(),
                person: "ghost".into(),
                rank: 5,
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "validation");
    assert!(
        err.to_string().contains("unknown person \"ghost\""),
        "{err}"
    );
    assert_eq!(store.plan("tokyo-bcp").unwrap(), plan, "nothing changed");
}

#[test]
fn people_crud_and_assignment() {
    let mut store = demo_store();
    store.save_person("tokyo", person("tyo-new")).unwrap();
    let role = store.plan("tokyo-bcp").unwrap().roles[0].role.clone();
    store
        .assign(
            "tokyo-bcp",
            Assignment {
                role: role.clone(),
                person: "tyo-new".into(),
                rank: 9,
            },
        )
        .unwrap();
    assert!(store
        .plan("tokyo-bcp")
        .unwrap()
        .assignments
        .iter()
        .any(|a| a.person == "tyo-new" && a.rank == 9));

    // Still assigned: cannot go.
    let err = store.delete_person("tyo-new").unwrap_err();
    assert!(
        err.to_string().contains("unknown person \"tyo-new\""),
        "{err}"
    );

    store.unassign("tokyo-bcp", &role, 9).unwrap();
    store.delete_person("tyo-new").unwrap();
    assert!(store
        .site("tokyo")
        .unwrap()
        .people
        .iter()
        .all(|p| p.id != "tyo-new"));
    assert_eq!(
        store.delete_person("tyo-new").unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn plans_processes_training_exercises_round_trip() {
    let mut store = demo_store();
    let mut plan = store.plan("tokyo-bcp").unwrap();
    plan.id = "tokyo-bcp-copy".into();
    plan.title = "Copy".into();
    store.save_plan("tokyo", plan.clone()).unwrap();
    assert_eq!(store.plan("tokyo-bcp-copy").unwrap(), plan);
    assert_eq!(store.plan_site("tokyo-bcp-copy").unwrap(), "tokyo");
    store.delete_plan("tokyo-bcp-copy").unwrap();
    assert_eq!(
        store.plan("tokyo-bcp-copy").unwrap_err().code(),
        "not_found"
    );

    let site = store.site("tokyo").unwrap();
    let record = TrainingRecord {
        person: site.people[0].id.clone(),
        course: store.portfolio().unwrap().courses[0].id.clone(),
        completed: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    };
    store.record_training(record.clone()).unwrap();
    assert_eq!(
        store.record_training(record.clone()).unwrap_err().code(),
        "conflict"
    );
    store.delete_training(&record).unwrap();

    let finding = site
        .exercises
        .iter()
        .flat_map(|e| &e.findings)
        .next()
        .expect("tokyo has a finding")
        .clone();
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    store.close_finding(&finding.id, day).unwrap();
    let closed = store
        .site("tokyo")
        .unwrap()
        .exercises
        .iter()
        .flat_map(|e| e.findings.clone())
        .find(|f| f.id == finding.id)
        .unwrap();
    assert_eq!(closed.closed, Some(day));

    let process = site.processes[0].clone();
    let err = store.delete_process(&process.id).unwrap_err();
    assert_eq!(err.code(), "validation", "a plan still covers it: {err}");
}

#[test]
fn removing_a_role_still_in_use_is_refused() {
    let mut store = demo_store();
    let err = store
        .edit_portfolio(|p| {
            p.roles.retain(|r| r.id != "incident-commander");
            for c in &mut p.courses {
                c.required_for_roles.retain(|r| r != "incident-commander");
            }
            Ok(())
        })
        .unwrap_err();
    assert_eq!(err.code(), "conflict", "{err}");
    assert!(store
        .portfolio()
        .unwrap()
        .roles
        .iter()
        .any(|r| r.id == "incident-commander"));
}

#[test]
fn sites_list_counts_plans_and_people() {
    let store = demo_store();
    let sites = store.list_sites().unwrap();
    let tokyo = sites.iter().find(|s| s.id == "tokyo").unwrap();
    let data = store.site("tokyo").unwrap();
    assert_eq!(tokyo.name, "東京");
    assert_eq!(tokyo.plans as usize, data.plans.len());
    assert_eq!(tokyo.people as usize, data.people.len());
}

#[test]
fn a_file_that_is_not_a_database_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let notes = "these are my notes, not a database, and they are long enough to matter";
    std::fs::write(&path, notes).unwrap();
    let err = match Store::open(&path) {
        Ok(_) => panic!("opened a text file as a database"),
        Err(e) => e,
    };
    assert_eq!(err.code(), "database");
    assert!(err.to_string().contains("notes.db"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        notes,
        "the file is left alone"
    );
}
