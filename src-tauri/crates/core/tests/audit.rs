//! The audit trail: every write records what it changed, in its own transaction; refused writes
//! record nothing; the trail cannot be edited; undo restores the state before the last action.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use continuum_core::audit::{Actor, AuditEntry, HistoryFilter, Source};
use continuum_core::*;
use serde_json::json;
mod common;
use common::person;

fn actor(who: &str) -> Actor {
    Actor {
        who: who.into(),
        source: Source::App,
    }
}

fn demo_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    store.set_actor(actor("loader"));
    let day = demo::written_for().unwrap();
    demo::load_demo(&mut store, day).unwrap();
    store.set_actor(actor("ada"));
    store
}

fn all(store: &Store) -> Vec<AuditEntry> {
    store.history(HistoryFilter::default()).unwrap()
}

/// The entries of the latest action, as (entity, id, field).
fn last(store: &Store) -> Vec<(String, String, String)> {
    let entries = all(store);
    let change = entries[0].change;
    entries
        .iter()
        .take_while(|e| e.change == change)
        .map(|e| (e.entity.clone(), e.id.clone(), e.field.clone()))
        .collect()
}

fn t(entity: &str, id: &str, field: &str) -> (String, String, String) {
    (entity.into(), id.into(), field.into())
}

fn exported(store: &Store) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    export(store, dir.path()).unwrap();
    std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_demo_load_is_one_action_with_one_entry_per_site() {
    let store = demo_store();
    let entries = all(&store);
    assert_eq!(entries.len(), 21, "the portfolio and 20 sites, created");
    assert!(entries.iter().all(|e| e.change == entries[0].change
        && e.field.is_empty()
        && e.old.is_null()
        && e.who == "loader"
        && e.source == Source::Import));
    let tokyo = entries.iter().find(|e| e.id == "tokyo").unwrap();
    assert_eq!(tokyo.entity, "site");
    assert_eq!(tokyo.site.as_deref(), Some("tokyo"));
    assert_eq!(tokyo.new["name"], "東京");
    let portfolio = entries.iter().find(|e| e.entity == "portfolio").unwrap();
    assert_eq!(portfolio.site, None);
}

#[test]
fn each_edit_records_its_fields_as_one_action() {
    let mut store = demo_store();
    let tokyo = store.site("tokyo").unwrap();

    store.save_person("tokyo", person("tyo-new")).unwrap();
    assert_eq!(last(&store), [t("person", "tyo-new", "")]);
    let e = &all(&store)[0];
    assert_eq!((e.who.as_str(), e.source), ("ada", Source::App));
    assert_eq!(e.new["name"], "Kai Test");
    assert!(e.at.ends_with('Z') && e.at.len() == "2026-12-02T11:20:05.123Z".len());

    store
        .save_person(
            "tokyo",
            Person {
                title: "Warden".into(),
                active: false,
                ..person("tyo-new")
            },
        )
        .unwrap();
    assert_eq!(
        last(&store),
        [
            t("person", "tyo-new", "active"),
            t("person", "tyo-new", "title")
        ]
    );
    let entries = all(&store);
    assert_eq!(
        (&entries[0].old, &entries[0].new),
        (&json!(true), &json!(false))
    );
    assert_eq!(
        (&entries[1].old, &entries[1].new),
        (&json!(null), &json!("Warden"))
    );

    let plan = tokyo.plans[0].clone();
    let role = plan.assignments[0].role.clone();
    store
        .assign(
            &plan.id,
            Assignment {
                role: role.clone(),
                person: "tyo-new".into(),
                rank: 7,
            },
        )
        .unwrap();
    assert_eq!(
        last(&store),
        [t("plan", &plan.id, &format!("assignments[{role}/7]"))]
    );
    store.unassign(&plan.id, &role, 7).unwrap();
    assert!(all(&store)[0].new.is_null());
    store.delete_person("tyo-new").unwrap();
    assert_eq!(last(&store), [t("person", "tyo-new", "")]);

    let mut edited = plan.clone();
    edited.steps[3].action = "Call the crisis line".into();
    edited.purpose.push_str(" Revised.");
    store.save_plan("tokyo", edited).unwrap();
    assert_eq!(
        last(&store),
        [
            t("plan", &plan.id, "purpose"),
            t("plan", &plan.id, "steps[3].action")
        ]
    );
    assert_eq!(all(&store)[1].old, json!(plan.steps[3].action));

    let mut process = tokyo.processes[0].clone();
    process.minimum_staff += 2;
    store.save_process("tokyo", process.clone()).unwrap();
    assert_eq!(last(&store), [t("process", &process.id, "minimum_staff")]);

    let mut inventory = tokyo.inventory.clone();
    inventory[0].quantity += 1;
    store.set_inventory("tokyo", inventory.clone()).unwrap();
    let key = format!("{}/{}", inventory[0].kind, inventory[0].location);
    assert_eq!(last(&store), [t("inventory", &key, "quantity")]);

    let record = TrainingRecord {
        person: tokyo.people[0].id.clone(),
        course: store.portfolio().unwrap().courses[0].id.clone(),
        completed: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
    };
    store.record_training(record.clone()).unwrap();
    let key = format!("{}/{}/2026-11-01", record.person, record.course);
    assert_eq!(last(&store), [t("training", &key, "")]);
    store.delete_training(&record).unwrap();
    assert_eq!(last(&store), [t("training", &key, "")]);

    let finding = tokyo
        .exercises
        .iter()
        .flat_map(|e| &e.findings)
        .next()
        .expect("tokyo has a finding")
        .clone();
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    store.close_finding(&finding.id, day).unwrap();
    assert_eq!(last(&store), [t("finding", &finding.id, "closed")]);
    assert_eq!(all(&store)[0].new, json!("2026-11-20"));

    let mut exercise = store.site("tokyo").unwrap().exercises[0].clone();
    exercise.summary = "Rewritten".into();
    store.save_exercise("tokyo", exercise.clone()).unwrap();
    assert_eq!(last(&store), [t("exercise", &exercise.id, "summary")]);

    store
        .edit_portfolio(|p| {
            p.roles[0].name.push_str(" (renamed)");
            p.readiness.get_or_insert_with(Default::default).ready_at = Some(90);
            Ok(())
        })
        .unwrap();
    let role = store.portfolio().unwrap().roles[0].id.clone();
    assert_eq!(
        last(&store),
        [
            t("policy", "readiness", "ready_at"),
            t("role", &role, "name")
        ]
    );
    assert!(all(&store).iter().take(2).all(|e| e.site.is_none()));

    let mut seoul_again = store.site("seoul").unwrap();
    store.delete_site("seoul").unwrap();
    assert_eq!(last(&store), [t("site", "seoul", "")]);
    assert_eq!(all(&store)[0].old["name"], "서울");
    seoul_again.site.name = "Seoul again".into();
    store.create_site(seoul_again).unwrap();
    assert_eq!(last(&store), [t("site", "seoul", "")]);
    assert_eq!(all(&store)[0].new["name"], "Seoul again");
}

#[test]
fn a_refused_or_empty_edit_records_nothing_and_changes_nothing() {
    let mut store = demo_store();
    let before = exported(&store);
    let count = all(&store).len();
    let err = store
        .assign(
            "tokyo-bcp",
            Assignment {
                role: "incident-commander".into(),
                person: "ghost".into(),
                rank: 5,
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "validation");
    let err = store
        .edit_portfolio(|p| {
            p.roles.retain(|r| r.id != "incident-commander");
            for c in &mut p.courses {
                c.required_for_roles.retain(|r| r != "incident-commander");
            }
            Ok(())
        })
        .unwrap_err();
    assert_eq!(err.code(), "conflict");
    store.edit_site("tokyo", |_| Ok(())).unwrap();
    store.edit_portfolio(|_| Ok(())).unwrap();
    assert_eq!(all(&store).len(), count);
    assert_eq!(exported(&store), before);
}

/// Writes the files of `sites` as the store holds them, into `dir`.
fn write_site(dir: &Path, site: &SiteData) -> std::path::PathBuf {
    let path = dir.join(format!("{}.json", site.site.id));
    std::fs::write(&path, planfile::to_text(site)).unwrap();
    path
}

#[test]
fn an_import_records_a_field_level_diff_and_nothing_when_unchanged() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let mut tokyo = store.site("tokyo").unwrap();
    let osaka_plan = tokyo.plans[1].id.clone();
    let old_title = tokyo.plans[1].title.clone();
    tokyo.site.headcount = 999;
    tokyo.plans[1].title = "IT recovery (rev. 2)".into();
    let path = write_site(dir.path(), &tokyo);
    let before = all(&store).len();

    store.set_actor(actor("alice"));
    import(&mut store, std::slice::from_ref(&path)).unwrap();
    let entries = all(&store);
    assert_eq!(entries.len(), before + 2);
    let new: Vec<_> = entries.iter().take(2).collect();
    assert_eq!(
        new.iter()
            .map(|e| (e.entity.as_str(), e.id.as_str(), e.field.as_str()))
            .collect::<Vec<_>>(),
        [
            ("plan", osaka_plan.as_str(), "title"),
            ("site", "tokyo", "headcount")
        ]
    );
    assert_eq!(
        (&new[0].old, &new[0].new),
        (&json!(old_title), &json!("IT recovery (rev. 2)"))
    );
    assert_eq!(new[1].new, json!(999));
    assert!(new.iter().all(|e| e.who == "alice"
        && e.source == Source::Import
        && e.site.as_deref() == Some("tokyo")));

    // The same file again, and the whole demo export again: nothing changed, nothing recorded.
    import(&mut store, std::slice::from_ref(&path)).unwrap();
    let again = tempfile::tempdir().unwrap();
    export(&store, again.path()).unwrap();
    import(&mut store, &[again.path().to_owned()]).unwrap();
    assert_eq!(all(&store).len(), before + 2);
}

#[test]
fn history_filters_by_site_plan_date_and_count() {
    let mut store = demo_store();
    let mut plan = store.plan("tokyo-bcp").unwrap();
    plan.scope = "Everything".into();
    store.save_plan("tokyo", plan).unwrap();
    store.save_person("tokyo", person("tyo-new")).unwrap();
    store.save_person("seoul", person("sel-new")).unwrap();

    let tokyo = store
        .history(HistoryFilter {
            site: Some("tokyo".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(tokyo.len(), 3, "created, the plan, the person");
    assert_eq!(tokyo[0].id, "tyo-new", "newest first");
    assert_eq!(tokyo[2].field, "", "the demo load last");
    let plan = store
        .history(HistoryFilter {
            plan: Some("tokyo-bcp".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(plan.len(), 1);
    assert_eq!(
        (plan[0].field.as_str(), &plan[0].new),
        ("scope", &json!("Everything"))
    );
    let limited = store
        .history(HistoryFilter {
            limit: Some(2),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        limited.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
        ["sel-new", "tyo-new"]
    );
    let future = store
        .history(HistoryFilter {
            since: NaiveDate::from_ymd_opt(2999, 1, 1),
            ..Default::default()
        })
        .unwrap();
    assert!(future.is_empty());
    let today = chrono::Utc::now().date_naive();
    assert_eq!(
        store
            .history(HistoryFilter {
                since: Some(today),
                ..Default::default()
            })
            .unwrap()
            .len(),
        all(&store).len()
    );

    for filter in [
        HistoryFilter {
            site: Some("atlantis".into()),
            ..Default::default()
        },
        HistoryFilter {
            plan: Some("atlantis-bcp".into()),
            ..Default::default()
        },
    ] {
        assert_eq!(store.history(filter).unwrap_err().code(), "not_found");
    }
    // A deleted site keeps its history.
    store.delete_site("seoul").unwrap();
    let seoul = store
        .history(HistoryFilter {
            site: Some("seoul".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(seoul.len(), 3);
    assert!(seoul[0].new.is_null() && seoul[0].field.is_empty());
}

#[test]
fn the_trail_cannot_be_changed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    {
        let mut store = Store::open(&path).unwrap();
        demo::load_demo(&mut store, demo::written_for().unwrap()).unwrap();
        store.delete_site("seoul").unwrap();
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE audit SET new = NULL",
        "DELETE FROM audit WHERE site_id = 'seoul'",
        "UPDATE audit_changes SET who = 'mallory'",
        "DELETE FROM audit_changes",
    ] {
        let err = conn.execute(sql, []).unwrap_err();
        assert!(
            err.to_string()
                .contains("the audit trail cannot be changed"),
            "{sql}: {err}"
        );
    }
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 22);
}

#[test]
fn undo_restores_the_export_byte_for_byte_and_walks_back() {
    let mut store = demo_store();
    let original = exported(&store);

    let mut plan = store.plan("tokyo-bcp").unwrap();
    plan.steps.swap(0, 1);
    plan.steps.remove(5);
    plan.title = "Changed".into();
    store.save_plan("tokyo", plan).unwrap();
    let after_plan = exported(&store);
    store.delete_site("seoul").unwrap();
    store
        .edit_portfolio(|p| {
            p.regions.push(Region {
                id: "polar".into(),
                name: "Polar".into(),
            });
            Ok(())
        })
        .unwrap();
    assert_eq!(
        store.next_undo().unwrap().unwrap().summary,
        "edit portfolio"
    );

    let undone = store.undo_last().unwrap().unwrap();
    assert_eq!(undone.undone.summary, "edit portfolio");
    assert_eq!(undone.undo.undoes, Some(undone.undone.id));
    assert_eq!(undone.entries, 1);
    assert_eq!(
        store.undo_last().unwrap().unwrap().undone.summary,
        "delete site seoul"
    );
    assert_eq!(exported(&store), after_plan);
    let entries = all(&store);
    assert_eq!(
        (
            entries[0].entity.as_str(),
            entries[0].id.as_str(),
            entries[0].old.is_null()
        ),
        ("site", "seoul", true),
        "the undo is in the trail: seoul created again"
    );
    assert_eq!(
        store.undo_last().unwrap().unwrap().undone.summary,
        "save plan tokyo-bcp"
    );
    assert_eq!(exported(&store), original);

    // Next: the demo load itself; undoing it empties the store, and then nothing is left.
    let demo = store.undo_last().unwrap().unwrap();
    assert!(
        demo.undone.summary.starts_with("import of the portfolio"),
        "{}",
        demo.undone.summary
    );
    assert!(store.is_empty().unwrap());
    assert!(store.portfolio().unwrap().regions.is_empty());
    assert!(store.undo_last().unwrap().is_none());
    assert!(store.next_undo().unwrap().is_none());
    // Every action and every undo is still on record.
    let actions: std::collections::BTreeSet<i64> = all(&store).iter().map(|e| e.change).collect();
    assert_eq!(actions.len(), 8);
}

#[test]
fn undo_of_an_import_restores_each_site() {
    let mut store = demo_store();
    let original = exported(&store);
    let dir = tempfile::tempdir().unwrap();
    let mut seoul = store.site("seoul").unwrap();
    seoul.inventory.clear();
    let mut files = vec![write_site(dir.path(), &seoul)];
    let mut new_site = store.site("dubai").unwrap();
    new_site.site.id = "dubai-2".into();
    for (i, p) in new_site.people.iter_mut().enumerate() {
        p.id = format!("dxb2-{i}");
    }
    new_site.people.truncate(1);
    new_site.plans.clear();
    new_site.processes.clear();
    new_site.training.clear();
    new_site.exercises.clear();
    new_site.site.lead = None;
    files.push(write_site(dir.path(), &new_site));
    import(&mut store, &files).unwrap();
    assert!(store.site("dubai-2").is_ok());
    let undone = store.undo_last().unwrap().unwrap();
    assert!(undone
        .undone
        .summary
        .starts_with("import of 2 site file(s)"));
    assert!(store.site("dubai-2").is_err());
    assert_eq!(exported(&store), original);
}

#[test]
fn undo_refuses_when_the_site_changed_outside_the_trail() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut store = Store::open(&path).unwrap();
    demo::load_demo(&mut store, demo::written_for().unwrap()).unwrap();
    store.save_person("tokyo", person("tyo-new")).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE people SET name = 'Someone else' WHERE id = 'tyo-new'",
            [],
        )
        .unwrap();
    let err = store.undo_last().unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(
        err.to_string().contains("site \"tokyo\" has changed"),
        "{err}"
    );
    assert!(store
        .site("tokyo")
        .unwrap()
        .people
        .iter()
        .any(|p| p.id == "tyo-new"));
}

#[test]
fn who_comes_from_the_actor_or_the_settings() {
    let mut store = Store::in_memory().unwrap();
    assert_eq!(store.user_name().unwrap(), None);
    store.set_user_name(Some("  Grace Hopper ")).unwrap();
    assert_eq!(store.user_name().unwrap().as_deref(), Some("Grace Hopper"));
    if std::env::var_os(audit::USER_ENV).is_none() {
        assert_eq!(store.actor().unwrap().who, "Grace Hopper");
    }
    store.set_user_name(None).unwrap();
    assert_eq!(store.user_name().unwrap(), None);
    store.set_source(Source::Cli);
    assert_eq!(store.actor().unwrap().source, Source::Cli);
    store.set_actor(actor("ada"));
    assert_eq!(store.actor().unwrap(), actor("ada"));
}
