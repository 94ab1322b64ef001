//! End-to-end tests of the `continuum` binary on real SQLite files.

mod common;

use std::path::Path;
use std::process::Command;

use common::{continuum, plans_dir, stderr, stdout};
use std::time::Duration;

fn sites_json(home: &Path, db: &str) -> Vec<serde_json::Value> {
    let out = continuum(home, &["--db", db, "sites", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

#[test]
fn every_subcommand_has_help() {
    let home = tempfile::tempdir().unwrap();
    for cmd in [
        &["--help"][..],
        &["init", "--help"],
        &["import", "--help"],
        &["export", "--help"],
        &["sites", "--help"],
        &["generate", "--help"],
    ] {
        let out = continuum(home.path(), cmd);
        assert!(out.status.success(), "{cmd:?}");
        assert!(stdout(&out).contains("Usage:"), "{cmd:?}");
    }
}

#[test]
fn usage_errors_exit_2_and_failures_exit_1() {
    let home = tempfile::tempdir().unwrap();
    assert_eq!(
        continuum(home.path(), &["frobnicate"]).status.code(),
        Some(2)
    );
    assert_eq!(continuum(home.path(), &["import"]).status.code(), Some(2));
    let db = home.path().join("x.db");
    let out = continuum(
        home.path(),
        &[
            "--db",
            db.to_str().unwrap(),
            "import",
            "/no/such/plans.json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("/no/such/plans.json"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn first_start_uses_the_platform_data_dir_and_loads_the_demo() {
    let home = tempfile::tempdir().unwrap();
    let out = continuum(home.path(), &["sites", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let sites: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(sites.len() >= 15);
    let tokyo = sites
        .iter()
        .find(|s| s["id"] == "tokyo")
        .expect("tokyo listed");
    assert_eq!(tokyo["name"], "東京");
    assert_eq!(tokyo["region"], "apac");
    assert!(home.path().join("data/continuum/continuum.db").exists());

    let text = stdout(&continuum(home.path(), &["sites"]));
    assert!(
        text.contains("São Paulo") && text.contains("München"),
        "{text}"
    );
}

#[test]
fn import_is_all_or_nothing_with_located_errors() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("c.db");
    let db = db.to_str().unwrap();
    let out = continuum(
        home.path(),
        &["--db", db, "import", plans_dir().to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let before = sites_json(home.path(), db);

    let bad = home.path().join("bad");
    std::fs::create_dir(&bad).unwrap();
    let zurich = std::fs::read_to_string(plans_dir().join("zurich.json")).unwrap();
    std::fs::write(
        bad.join("zurich.json"),
        zurich.replacen("\"headcount\": ", "\"headcount\": \"many\", \"x\": ", 1),
    )
    .unwrap();
    let london = std::fs::read_to_string(plans_dir().join("london.json")).unwrap();
    std::fs::write(
        bad.join("london.json"),
        london.replacen("\"name\": \"London\"", "\"name\": \"London Bridge\"", 1),
    )
    .unwrap();
    std::fs::write(
        bad.join("broken.json"),
        "{ \"format\": \"continuum/1\",\n  \"site\": ",
    )
    .unwrap();

    let out = continuum(home.path(), &["--db", db, "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("zurich.json:") && err.contains("invalid type: string \"many\""),
        "{err}"
    );
    assert!(err.contains("broken.json:2:"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(
        sites_json(home.path(), db),
        before,
        "the valid london.json did not land either"
    );
}

#[test]
fn export_round_trip_is_byte_identical() {
    let home = tempfile::tempdir().unwrap();
    let (a, b) = (home.path().join("a.db"), home.path().join("b.db"));
    let (e1, e2) = (home.path().join("e1"), home.path().join("e2"));
    let run = |args: &[&str]| {
        let out = continuum(home.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    };
    run(&[
        "--db",
        a.to_str().unwrap(),
        "import",
        plans_dir().to_str().unwrap(),
    ]);
    run(&["--db", a.to_str().unwrap(), "export", e1.to_str().unwrap()]);
    run(&["--db", b.to_str().unwrap(), "import", e1.to_str().unwrap()]);
    run(&["--db", b.to_str().unwrap(), "export", e2.to_str().unwrap()]);
    for entry in std::fs::read_dir(&e1).unwrap() {
        let name = entry.unwrap().file_name();
        assert_eq!(
            std::fs::read(e1.join(&name)).unwrap(),
            std::fs::read(e2.join(&name)).unwrap(),
            "{name:?}"
        );
    }
}

#[test]
fn generated_portfolio_imports() {
    let home = tempfile::tempdir().unwrap();
    let out_dir = home.path().join("gen");
    let db = home.path().join("g.db");
    let out = continuum(
        home.path(),
        &[
            "generate",
            "--sites",
            "25",
            "--seed",
            "3",
            "--out",
            out_dir.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = continuum(
        home.path(),
        &[
            "--db",
            db.to_str().unwrap(),
            "import",
            out_dir.to_str().unwrap(),
            "--json",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let summary: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(summary["sites"].as_array().unwrap().len(), 25);
    assert_eq!(sites_json(home.path(), db.to_str().unwrap()).len(), 25);
}

/// A process killed in the middle of an import leaves the database as it was before the
/// import (the transaction never committed), and the file still opens.
#[test]
fn a_killed_import_loses_nothing() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("k.db");
    let db_s = db.to_str().unwrap();
    let (small, gen) = (home.path().join("small"), home.path().join("gen"));
    assert!(continuum(
        home.path(),
        &[
            "generate",
            "--sites",
            "50",
            "--seed",
            "1",
            "--out",
            small.to_str().unwrap()
        ]
    )
    .status
    .success());
    assert!(continuum(
        home.path(),
        &[
            "generate",
            "--sites",
            "400",
            "--seed",
            "2",
            "--out",
            gen.to_str().unwrap()
        ]
    )
    .status
    .success());
    assert!(continuum(
        home.path(),
        &["--db", db_s, "import", small.to_str().unwrap()]
    )
    .status
    .success());
    let before = sites_json(home.path(), db_s);

    for delay_ms in [150, 400, 900] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_continuum"))
            .args(["--db", db_s, "import", gen.to_str().unwrap()])
            .env("HOME", home.path())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().ok();
        child.wait().unwrap();
        let after = sites_json(home.path(), db_s);
        if finished {
            assert_eq!(after.len(), 400);
            assert_ne!(
                after[..50],
                before[..],
                "the import replaced the first 50 sites"
            );
            return;
        }
        assert_eq!(after, before, "killed after {delay_ms} ms: all or nothing");
    }
}
