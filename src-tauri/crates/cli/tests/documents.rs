//! End-to-end tests of `continuum runbook` and `continuum cards`: the files they write, where,
//! and how they fail.

mod common;

use std::path::Path;
use std::process::Output;

fn continuum(home: &Path, cwd: &Path, args: &[&str]) -> Output {
    common::command(home)
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn runbook_writes_the_default_file_in_the_current_directory() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = continuum(
        home.path(),
        work.path(),
        &["runbook", "tokyo", "--date", "2026-11-25"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("tokyo-runbook.pdf"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(files(work.path()), vec!["tokyo-runbook.pdf"]);
    let pdf = std::fs::read(work.path().join("tokyo-runbook.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    // The same data and date give the same bytes.
    let again = continuum(
        home.path(),
        work.path(),
        &[
            "runbook",
            "tokyo",
            "--date",
            "2026-11-25",
            "-o",
            "again.pdf",
        ],
    );
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(std::fs::read(work.path().join("again.pdf")).unwrap(), pdf);
}

#[test]
fn runbook_of_a_plan_to_a_given_path_with_json_output() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let target = work.path().join("sub.pdf");
    let out = continuum(
        home.path(),
        work.path(),
        &[
            "--json",
            "runbook",
            "seoul-bcp",
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["pages"].as_u64().unwrap() >= 5);
    assert_eq!(
        v["bytes"].as_u64().unwrap(),
        std::fs::metadata(&target).unwrap().len()
    );
    assert_eq!(
        files(work.path()),
        vec!["sub.pdf"],
        "only the path given is written"
    );
}

#[test]
fn unknown_site_or_plan_exits_1_with_a_clear_error_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    for args in [&["runbook", "atlantis"][..], &["cards", "atlantis"]] {
        let out = continuum(home.path(), work.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            text(&out.stderr).contains("\"atlantis\""),
            "{}",
            text(&out.stderr)
        );
    }
    assert!(files(work.path()).is_empty());
    assert_eq!(
        continuum(home.path(), work.path(), &["runbook"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        continuum(
            home.path(),
            work.path(),
            &["runbook", "tokyo", "--date", "someday"]
        )
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn cards_write_one_file() {
    let home = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let out = continuum(home.path(), work.path(), &["cards", "munchen"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(files(work.path()), vec!["munchen-cards.pdf"]);
    for cmd in ["runbook", "cards"] {
        let help = continuum(home.path(), work.path(), &[cmd, "--help"]);
        assert!(
            help.status.success() && text(&help.stdout).contains("Usage:"),
            "{cmd}"
        );
    }
}
