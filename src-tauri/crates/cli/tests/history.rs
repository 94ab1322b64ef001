//! `continuum history`: the audit trail end to end, on a real database file.

mod common;

use std::path::Path;
use std::process::Output;

use common::{command, plans_dir, stderr, stdout};
use serde_json::Value;

fn run_as(home: &Path, user: &str, args: &[&str]) -> Output {
    command(home)
        .env("CONTINUUM_USER", user)
        .args(args)
        .output()
        .unwrap()
}

fn history(home: &Path, db: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["--db", db, "history", "--json"];
    all.extend_from_slice(args);
    let out = run_as(home, "reader", &all);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn a_re_import_changed_in_two_fields_records_exactly_two_entries() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("c.db");
    let db = db.to_str().unwrap();
    let plans = plans_dir();
    let out = run_as(
        home.path(),
        "importer",
        &["--db", db, "import", plans.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let first = history(home.path(), db, &[]);
    assert!(first.len() > 15, "one entry per site and the portfolio");
    assert!(first
        .iter()
        .all(|e| e["who"] == "importer" && e["source"] == "import" && e["field"] == ""));

    // tokyo.json with two fields changed.
    let mut tokyo: Value =
        serde_json::from_str(&std::fs::read_to_string(plans.join("tokyo.json")).unwrap()).unwrap();
    let old_headcount = tokyo["site"]["headcount"].clone();
    let old_title = tokyo["plans"][0]["title"].clone();
    tokyo["site"]["headcount"] = 1234.into();
    tokyo["plans"][0]["title"] = "Tokyo BCP, rev. 2".into();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tokyo.json");
    std::fs::write(&file, serde_json::to_string_pretty(&tokyo).unwrap()).unwrap();
    let file = file.to_str().unwrap();
    let out = run_as(home.path(), "alice", &["--db", db, "import", file]);
    assert!(out.status.success(), "{}", stderr(&out));

    let entries = history(home.path(), db, &["--site", "tokyo"]);
    assert_eq!(entries.len(), 3, "{entries:#?}");
    let (title, headcount) = (&entries[0], &entries[1]);
    for e in [title, headcount] {
        assert_eq!(e["who"], "alice");
        assert_eq!(e["source"], "import");
        assert_eq!(e["site"], "tokyo");
        assert!(e["at"].as_str().unwrap().ends_with('Z'));
    }
    assert_eq!(title["entity"], "plan");
    assert_eq!(title["id"], "tokyo-bcp");
    assert_eq!(title["field"], "title");
    assert_eq!(title["old"], old_title);
    assert_eq!(title["new"], "Tokyo BCP, rev. 2");
    assert_eq!(headcount["entity"], "site");
    assert_eq!(headcount["id"], "tokyo");
    assert_eq!(headcount["field"], "headcount");
    assert_eq!(headcount["old"], old_headcount);
    assert_eq!(headcount["new"], 1234);
    assert_eq!(entries[2]["who"], "importer");

    // The plan filter, the limit, the same file again (nothing new), the text form.
    let plan = history(home.path(), db, &["--plan", "tokyo-bcp"]);
    assert_eq!(plan.len(), 1);
    assert_eq!(plan[0]["field"], "title");
    assert_eq!(history(home.path(), db, &["--limit", "1"]).len(), 1);
    let out = run_as(home.path(), "alice", &["--db", db, "import", file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(history(home.path(), db, &["--site", "tokyo"]).len(), 3);
    let out = run_as(
        home.path(),
        "reader",
        &["--db", db, "history", "--site", "tokyo"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 3, "{text}");
    assert!(
        text.lines().nth(1).unwrap().ends_with(&format!(
            "alice  tokyo  site tokyo  headcount: {old_headcount} → 1234"
        )),
        "{text}"
    );
}

#[test]
fn unknown_sites_and_bad_dates_are_clear_errors() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("c.db");
    let db = db.to_str().unwrap();
    let out = run_as(
        home.path(),
        "x",
        &["--db", db, "history", "--site", "atlantis", "--json"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_str(&stderr(&out)).unwrap();
    assert_eq!(err["code"], "not_found");
    assert!(err["message"].as_str().unwrap().contains("atlantis"));

    let out = run_as(
        home.path(),
        "x",
        &["--db", db, "history", "--plan", "atlantis-bcp"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("plan \"atlantis-bcp\" not found"),
        "{}",
        stderr(&out)
    );

    let out = run_as(
        home.path(),
        "x",
        &["--db", db, "history", "--since", "2026-02-30"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("2026-02-30"), "{}", stderr(&out));

    let out = run_as(home.path(), "x", &["history", "--help"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("--since"), "{}", stdout(&out));
    let out = run_as(home.path(), "x", &["--help"]);
    assert!(stdout(&out).contains("history"), "{}", stdout(&out));
}

#[test]
fn a_first_start_records_the_demo_load() {
    let home = tempfile::tempdir().unwrap();
    let out = run_as(
        home.path(),
        "bob",
        &["history", "--json", "--site", "tokyo"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let entries: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["who"], "bob");
    assert_eq!(entries[0]["new"]["name"], "東京");
}
