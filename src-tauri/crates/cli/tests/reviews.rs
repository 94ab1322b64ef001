//! End-to-end tests of stored readiness reviews: `continuum review start|decide|action|done|
//! sign-off|show`, `continuum reviews` and `continuum review --id ID`, whose PDF is read back
//! with pdftotext.

mod common;

use std::path::Path;
use std::process::Command;

use common::{continuum, stderr, stdout};

fn json(home: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = continuum(home, &all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout".as_ref(), path.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext is installed");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_review_is_started_recorded_signed_listed_and_printed() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let review = json(h, &["review", "start", "--scope", "portfolio"]);
    let id = review["id"].as_i64().unwrap().to_string();
    assert_eq!(review["status"], "open");
    assert_eq!(review["scope"]["kind"], "portfolio");

    json(
        h,
        &["review", "decide", &id, "Fund a second generator for Tokyo"],
    );
    let action = json(
        h,
        &[
            "review",
            "action",
            &id,
            "Retest the call tree",
            "--owner",
            "Ken Sato",
            "--due",
            "2030-01-31",
        ],
    );
    assert_eq!(action["state"], "open");
    let signed = json(
        h,
        &[
            "review",
            "sign-off",
            &id,
            "--by",
            "Ada Lovelace",
            "Grace Hopper",
        ],
    );
    assert_eq!(signed["status"], "signed");
    assert_eq!(signed["signed_by"][1], "Grace Hopper");

    // Frozen: a late decision is a conflict.
    let out = continuum(h, &["--json", "review", "decide", &id, "Too late"]);
    assert!(!out.status.success());
    let err: serde_json::Value = serde_json::from_str(&stderr(&out)).unwrap();
    assert_eq!(err["code"], "conflict", "{err}");

    let list = json(h, &["reviews"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["decisions"], 1);
    assert_eq!(list[0]["open_actions"], 1);
    let text = stdout(&continuum(h, &["reviews"]));
    assert!(
        text.contains("Portfolio") && text.contains("signed"),
        "{text}"
    );

    let work = tempfile::tempdir().unwrap();
    let pdf = work.path().join("r.pdf");
    let written = json(h, &["review", "--id", &id, "-o", pdf.to_str().unwrap()]);
    assert!(written["pages"].as_u64().unwrap() > 2);
    let text = pdf_text(&pdf);
    assert!(text.contains("Fund a second generator for Tokyo"), "{text}");
    assert!(text.contains("Retest the call tree"));
    assert!(text.contains("Ken Sato"));
    assert!(text.contains("Signed off"));
    assert!(text.contains("Ada Lovelace") && text.contains("Grace Hopper"));

    // The next review shows the previous one's action, now done.
    let done = json(
        h,
        &[
            "review",
            "done",
            &action["id"].to_string(),
            "--on",
            "2026-12-01",
        ],
    );
    assert_eq!(done["state"], "done");
    let next = json(h, &["review", "start"]);
    let next_id = next["id"].to_string();
    let page = json(h, &["review", "show", &next_id]);
    assert_eq!(page["previous"]["review"]["id"].to_string(), id);
    assert_eq!(page["previous"]["actions"][0]["state"], "done");
    let pdf2 = work.path().join("next.pdf");
    json(
        h,
        &["review", "--id", &next_id, "-o", pdf2.to_str().unwrap()],
    );
    let text = pdf_text(&pdf2);
    assert!(text.contains("Actions of the previous review"), "{text}");
    assert!(text.contains("Retest the call tree") && text.contains("done 2026-12-01"));
    assert!(text.contains("Not signed off yet"));
}

#[test]
fn review_keeps_its_old_form_and_refuses_what_it_cannot_do() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let work = tempfile::tempdir().unwrap();
    let pdf = work.path().join("blank.pdf");
    let out = continuum(
        h,
        &[
            "review",
            "--as-of",
            "2026-11-25",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(pdf_text(&pdf).contains("Reviewer"));

    let out = continuum(h, &["--json", "review", "--id", "99"]);
    let err: serde_json::Value = serde_json::from_str(&stderr(&out)).unwrap();
    assert_eq!(err["code"], "not_found", "{err}");

    let out = continuum(h, &["review", "start", "--scope", "site:atlantis"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("atlantis"));
    let out = continuum(h, &["review", "start", "--scope", "team:x"]);
    assert!(stderr(&out).contains("portfolio, region:ID or site:ID"));
    // --id and --as-of are two different reports.
    let out = continuum(h, &["review", "--id", "1", "--as-of", "2026-11-25"]);
    assert_eq!(out.status.code(), Some(2));
    let out = continuum(h, &["review", "sign-off", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let region = json(h, &["review", "start", "--scope", "region:emea"]);
    assert_eq!(region["scope"]["id"], "emea");
}
