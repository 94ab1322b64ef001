//! End-to-end tests of `continuum readiness`, `forecast` and `snapshot` on real SQLite files.

mod common;

use std::path::Path;

use common::{continuum, plans_dir, stderr, stdout};

use serde_json::Value;

/// A database holding the demo plan files as written (dates not moved), and its path.
fn imported() -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("c.db").to_string_lossy().into_owned();
    let out = continuum(
        home.path(),
        &["--db", &db, "import", plans_dir().to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    (home, db)
}

fn json(home: &Path, args: &[&str]) -> Value {
    let out = continuum(home, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

const DAY: &str = "2026-11-25";

#[test]
fn the_commands_have_help() {
    let home = tempfile::tempdir().unwrap();
    for cmd in ["readiness", "forecast", "snapshot"] {
        let out = continuum(home.path(), &[cmd, "--help"]);
        assert!(out.status.success(), "{cmd}");
        assert!(stdout(&out).contains("Usage:"), "{cmd}");
    }
    assert!(
        stdout(&continuum(home.path(), &["readiness", "--help"])).contains("--as-of <YYYY-MM-DD>")
    );
}

#[test]
fn the_table_lists_every_site_with_its_top_reason() {
    let (home, db) = imported();
    let out = continuum(home.path(), &["--db", &db, "readiness", "--as-of", DAY]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("SITE")
            && lines[0].contains("SCORE")
            && lines[0].contains("TOP REASON"),
        "{text}"
    );
    assert_eq!(lines.len(), 22, "header, 20 sites, summary:\n{text}");
    let row = |id: &str| {
        *lines
            .iter()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id} in\n{text}"))
    };
    assert!(row("london").contains(" 100  ready"), "{}", row("london"));
    assert!(
        row("dubai").contains("not ready") && row("dubai").contains("No approved plan"),
        "{}",
        row("dubai")
    );
    assert!(
        row("paris").contains("at risk")
            && row("paris")
                .contains("Facilities Lead for Paris Business Continuity Plan has no alternate")
    );
    // Wide characters are measured: the columns after 東京 line up with the rest.
    let score_column = lines[0].find("SCORE").unwrap();
    let tokyo = row("tokyo");
    let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    let at = tokyo.find(" 90 ").unwrap();
    assert_eq!(width(&tokyo[..at + 1]), score_column + 3, "{tokyo}");
    assert_eq!(
        lines[21],
        "20 site(s) as of 2026-11-25: 10 ready, 9 at risk, 1 not ready"
    );
}

#[test]
fn json_is_the_documented_array() {
    let (home, db) = imported();
    let all = json(
        home.path(),
        &["--db", &db, "readiness", "--as-of", DAY, "--json"],
    );
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 20);
    for site in all {
        for key in [
            "site_id",
            "site_name",
            "region",
            "score",
            "status",
            "components",
            "reasons",
            "blockers",
        ] {
            assert!(site.get(key).is_some(), "{key} missing");
        }
        assert!(site["score"].as_u64().unwrap() <= 100);
        assert!(["ready", "at_risk", "not_ready"].contains(&site["status"].as_str().unwrap()));
        assert_eq!(site["components"].as_array().unwrap().len(), 7);
    }
    let tokyo = json(
        home.path(),
        &[
            "--db",
            &db,
            "readiness",
            "--as-of",
            DAY,
            "--site",
            "tokyo",
            "--json",
        ],
    );
    assert_eq!(tokyo.as_array().unwrap().len(), 1);
    assert_eq!(tokyo[0]["site_name"], "東京");
    assert_eq!(tokyo[0]["status"], "at_risk");
    assert_eq!(tokyo[0]["components"][2]["name"], "training");
    assert_eq!(
        tokyo[0]["components"][2]["reasons"][0]["code"],
        "training_expired"
    );
    assert_eq!(
        tokyo[0]["components"][2]["reasons"][0]["person_ids"],
        serde_json::json!(["tyo-001", "tyo-002"])
    );
    assert_eq!(
        *all.iter().find(|s| s["site_id"] == "tokyo").unwrap(),
        tokyo[0]
    );

    let emea = json(
        home.path(),
        &[
            "--db",
            &db,
            "readiness",
            "--as-of",
            DAY,
            "--region",
            "emea",
            "--json",
        ],
    );
    let emea = emea.as_array().unwrap();
    assert_eq!(emea.len(), 8);
    assert!(emea.iter().all(|s| s["region"] == "emea"));
}

#[test]
fn one_site_in_full() {
    let (home, db) = imported();
    let out = continuum(
        home.path(),
        &[
            "--db",
            &db,
            "readiness",
            "--as-of",
            DAY,
            "--site",
            "munchen",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("München (munchen)"), "{text}");
    assert!(
        text.contains(
            "Score 87, at risk: Plans scores 55, below the 80 every component needs to be ready"
        ),
        "{text}"
    );
    assert!(text.contains("-45  Munich IT Disaster Recovery Plan last reviewed 2025-06-01, review due every 12 months: 5 months overdue"), "{text}");

    let text = stdout(&continuum(
        home.path(),
        &["--db", &db, "readiness", "--as-of", DAY, "--site", "dubai"],
    ));
    assert!(
        text.contains("Blockers (the site is not ready until they are resolved):"),
        "{text}"
    );
}

#[test]
fn wrong_input_exits_with_a_clear_message() {
    let (home, db) = imported();
    let out = continuum(
        home.path(),
        &["--db", &db, "readiness", "--site", "atlantis"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).trim(), "error: site \"atlantis\" not found");
    let out = continuum(home.path(), &["--db", &db, "readiness", "--region", "mars"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).trim(), "error: region \"mars\" not found");
    for args in [
        &["readiness", "--as-of", "2026-02-30"][..],
        &["readiness", "--as-of", "tomorrow"],
        &["forecast", "--days", "soon"],
        &["snapshot", "--as-of", "2026-13-01"],
    ] {
        let mut all = vec!["--db", &db];
        all.extend_from_slice(args);
        let out = continuum(home.path(), &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("invalid value"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn the_forecast_lists_what_falls_due() {
    let (home, db) = imported();
    let forecast = json(
        home.path(),
        &[
            "--db", &db, "forecast", "--as-of", DAY, "--days", "90", "--json",
        ],
    );
    let forecast = forecast.as_array().unwrap();
    assert_eq!(forecast.len(), 20);
    assert!(forecast
        .iter()
        .all(|f| f["from"] == DAY && f["to"] == "2027-02-23"));
    let munchen = forecast.iter().find(|f| f["site_id"] == "munchen").unwrap();
    let event = munchen["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "exercise_overdue")
        .expect("München IT DR lapses");
    assert_eq!(event["date"], "2026-12-07");
    assert_eq!(event["plan_id"], "munchen-itdr");

    let text = stdout(&continuum(
        home.path(),
        &["--db", &db, "forecast", "--as-of", DAY, "--days", "90"],
    ));
    assert!(
        text.starts_with("If nobody acts, from 2026-11-25 to 2027-02-23 (90 days):"),
        "{text}"
    );
    assert!(text.contains("2026-12-07  munchen"), "{text}");
}

#[test]
fn snapshots_record_history_and_show_the_change() {
    let (home, db) = imported();
    let first = json(
        home.path(),
        &["--db", &db, "snapshot", "--as-of", DAY, "--json"],
    );
    assert_eq!(first["sites"], 20);
    assert_eq!(first["trend"], serde_json::json!([]));
    let text = stdout(&continuum(
        home.path(),
        &["--db", &db, "snapshot", "--as-of", DAY],
    ));
    assert!(text.contains("Recorded the readiness of 20 site(s) for 2026-11-25 (replacing that day's earlier snapshot)."), "{text}");
    let text = stdout(&continuum(
        home.path(),
        &["--db", &db, "snapshot", "--as-of", "2027-01-25"],
    ));
    assert!(
        text.contains("munchen    2026-11-25  87 (at risk)  81 (at risk)      -6"),
        "{text}"
    );
}

#[test]
fn on_first_start_the_demo_shows_every_band_today() {
    let home = tempfile::tempdir().unwrap();
    let sites = json(home.path(), &["readiness", "--json"]);
    let statuses: Vec<&str> = sites
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    for band in ["ready", "at_risk", "not_ready"] {
        assert!(statuses.contains(&band), "{band} missing from {statuses:?}");
    }
}
