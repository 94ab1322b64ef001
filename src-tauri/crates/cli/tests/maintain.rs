//! Keeping the portfolio from the command line, on a real database file: a plan from a
//! template, copied, through its lifecycle; a person leaving with a hand-over; a policy
//! previewed; a site deleted and brought back with undo. Each is in the audit trail.

mod common;

use common::{demo_db as setup, json_fails as fails, json_ok as json};
use serde_json::Value;

#[test]
fn a_plan_from_a_template_is_copied_and_approved() {
    let (home, db) = setup();
    let h = home.path();
    let made = json(
        h,
        &db,
        &[
            "plan",
            "new",
            "dublin",
            "--kind",
            "pandemic",
            "--id",
            "dublin-flu",
            "--title",
            "Dublin Pandemic",
            "--owner",
            "dub-001",
        ],
    );
    assert!(made["steps"].as_u64() >= Some(2), "{made}");
    let wrong = fails(
        h,
        &db,
        &[
            "plan",
            "new",
            "dublin",
            "--kind",
            "pandemic",
            "--id",
            "dublin-flu",
            "--title",
            "Again",
            "--owner",
            "dub-001",
        ],
    );
    assert_eq!(wrong["code"], "validation", "{wrong}");

    json(
        h,
        &db,
        &[
            "plan",
            "copy",
            "dublin-flu",
            "--to",
            "paris",
            "--id",
            "paris-flu",
            "--owner",
            "par-001",
        ],
    );
    json(h, &db, &["plan", "submit", "paris-flu"]);
    let approved = json(
        h,
        &db,
        &[
            "plan",
            "approve",
            "paris-flu",
            "--approver",
            "par-001",
            "--summary",
            "First issue",
            "--date",
            "2026-12-01",
        ],
    );
    assert_eq!(approved["version"], "0.2", "{approved}");
    let trail = json(h, &db, &["history", "--plan", "paris-flu"]);
    assert!(
        trail
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["field"] == "status" && e["new"] == "approved"),
        "{trail}"
    );
    // Runbook of the copy: a real PDF.
    let pdf = h.join("paris-flu.pdf");
    json(
        h,
        &db,
        &["runbook", "paris-flu", "-o", pdf.to_str().unwrap()],
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
}

#[test]
fn a_person_leaving_hands_over_every_role_or_nothing_changes() {
    let (home, db) = setup();
    let h = home.path();
    // lon-002 is incident-commander #1 and deputy-incident-commander #0 of london-bcp, and
    // holds roles in other plans too: one successor alone is not enough.
    let err = fails(
        h,
        &db,
        &[
            "deactivate",
            "lon-002",
            "--successor",
            "london-bcp/incident-commander=lon-011",
        ],
    );
    assert_eq!(err["code"], "validation", "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("successor"),
        "{err}"
    );

    let export = h.join("site");
    json(h, &db, &["export", export.to_str().unwrap()]);
    let london: Value =
        serde_json::from_str(&std::fs::read_to_string(export.join("london.json")).unwrap())
            .unwrap();
    let mut args = vec!["deactivate".to_string(), "lon-002".to_string()];
    for plan in london["plans"].as_array().unwrap() {
        let mut seen = std::collections::BTreeSet::new();
        for a in plan["assignments"].as_array().into_iter().flatten() {
            if a["person"] == "lon-002" && seen.insert(a["role"].as_str().unwrap().to_owned()) {
                args.push("--successor".into());
                args.push(format!(
                    "{}/{}=lon-011",
                    plan["id"].as_str().unwrap(),
                    a["role"].as_str().unwrap()
                ));
            }
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = json(h, &db, &args);
    assert!(out["roles"].as_u64() >= Some(2), "{out}");
    json(h, &db, &["export", export.to_str().unwrap()]);
    let text = std::fs::read_to_string(export.join("london.json")).unwrap();
    let london: Value = serde_json::from_str(&text).unwrap();
    let person = london["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "lon-002")
        .unwrap();
    assert_eq!(person["active"], false);
    assert!(!london["plans"]
        .to_string()
        .contains("\"person\":\"lon-002\""));
}

#[test]
fn a_policy_preview_names_band_changes_and_saves_nothing() {
    let (home, db) = setup();
    let h = home.path();
    let before = json(h, &db, &["readiness"]);
    let preview = json(
        h,
        &db,
        &[
            "policy-preview",
            "--set",
            "ready_at=100",
            "--set",
            "at_risk_at=99",
        ],
    );
    assert_eq!(preview["sites"], before.as_array().unwrap().len());
    assert!(
        !preview["changes"].as_array().unwrap().is_empty(),
        "{preview}"
    );
    assert_eq!(json(h, &db, &["readiness"]), before);
    let bad = fails(
        h,
        &db,
        &[
            "policy-preview",
            "--set",
            "ready_at=50",
            "--set",
            "at_risk_at=70",
        ],
    );
    assert_eq!(bad["code"], "validation", "{bad}");
}

#[test]
fn a_deleted_site_comes_back_with_undo() {
    let (home, db) = setup();
    let h = home.path();
    json(h, &db, &["delete-site", "zurich"]);
    let sites = json(h, &db, &["sites"]);
    assert!(!sites.to_string().contains("\"zurich\""));
    let undone = json(h, &db, &["undo"]);
    assert_eq!(undone["undone"], "delete site zurich", "{undone}");
    assert!(json(h, &db, &["sites"]).to_string().contains("\"zurich\""));
    let missing = fails(h, &db, &["delete-site", "atlantis"]);
    assert_eq!(missing["code"], "not_found", "{missing}");
}
