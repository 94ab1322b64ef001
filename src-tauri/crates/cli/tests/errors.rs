//! Failures keep their kind: with `--json` the CLI prints `{ "code", "message" }` on standard
//! error with the code the app would send, and exits 1.

mod common;

use common::*;
use serde_json::Value;

/// Runs a command expected to fail and returns its JSON error.
fn failure(home: &std::path::Path, args: &[&str]) -> Value {
    let out = command(home).args(args).current_dir(home).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
    assert!(stdout(&out).is_empty(), "{args:?}: nothing on stdout");
    let err: Value = serde_json::from_str(&stderr(&out))
        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", stderr(&out)));
    assert!(
        err["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{err}"
    );
    err
}

#[test]
fn unknown_sites_plans_and_regions_are_not_found() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        &["runbook", "atlantis", "--json"][..],
        &["cards", "atlantis", "--json"],
        &["readiness", "--site", "atlantis", "--json"],
        &["readiness", "--region", "mars", "--json"],
    ] {
        let err = failure(home.path(), args);
        assert_eq!(err["code"], "not_found", "{args:?}: {err}");
    }
    let err = failure(home.path(), &["runbook", "atlantis", "--json"]);
    assert_eq!(
        err["message"],
        "no site or plan \"atlantis\" (site ids are listed by `continuum sites`)"
    );
    assert_eq!(
        failure(home.path(), &["--json", "readiness", "--site", "atlantis"])["message"],
        "site \"atlantis\" not found"
    );
}

#[test]
fn bad_plan_files_are_validation_errors_with_every_problem() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(
        bad.join("broken.json"),
        "{ \"format\": \"continuum/1\",\n  \"site\": ",
    )
    .unwrap();
    let db = home.path().join("c.db");
    let err = failure(
        home.path(),
        &[
            "--db",
            db.to_str().unwrap(),
            "--json",
            "import",
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(err["code"], "validation", "{err}");
    let problems = err["problems"].as_array().expect("problems listed");
    assert_eq!(problems.len(), 1, "{err}");
    assert!(problems[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("broken.json"));
    assert_eq!(problems[0]["line"], 2);
}

#[test]
fn a_missing_plan_file_is_one_of_the_problems() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("c.db");
    let err = failure(
        home.path(),
        &[
            "--db",
            db.to_str().unwrap(),
            "--json",
            "import",
            "/no/such/plans.json",
        ],
    );
    assert_eq!(err["code"], "validation", "{err}");
    assert_eq!(err["problems"][0]["path"], "/no/such/plans.json", "{err}");
}

#[test]
fn a_document_that_cannot_be_written_is_an_io_error() {
    let home = tempfile::tempdir().unwrap();
    let err = failure(
        home.path(),
        &["runbook", "tokyo", "-o", "/no/such/dir/tokyo.pdf", "--json"],
    );
    assert_eq!(err["code"], "io", "{err}");
}

#[test]
fn without_json_the_error_is_one_sentence() {
    let home = tempfile::tempdir().unwrap();
    let out = continuum(home.path(), &["runbook", "atlantis"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        "error: no site or plan \"atlantis\" (site ids are listed by `continuum sites`)"
    );
}
