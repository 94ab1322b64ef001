//! Shared helpers: the demo portfolio in memory, and the PDF tools (poppler-utils, qpdf) that
//! read back what we wrote.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use continuum_core::{demo, Store};

/// The date the demo files were written for: loading them "today" on that date shifts nothing.
pub fn demo_date() -> NaiveDate {
    demo::written_for().expect("demo files carry their date")
}

pub fn demo_store() -> Store {
    let mut store = Store::in_memory().unwrap();
    demo::load_demo(&mut store, demo_date()).unwrap();
    store
}

fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed by this test ({e}); install poppler-utils and qpdf (scripts/setup.sh does)"))
}

/// The text of a PDF in content order (`pdftotext -raw`), pages separated by form feeds.
pub fn pdf_text(pdf: &[u8], raw: bool) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mode = if raw { "-raw" } else { "-layout" };
    let out = tool(
        "pdftotext",
        &[mode, "-enc", "UTF-8", path.to_str().unwrap(), "-"],
    );
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `qpdf --check` must find no error.
pub fn qpdf_check(pdf: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    check_file(&path);
}

pub fn check_file(path: &Path) {
    let out = tool("qpdf", &["--check", path.to_str().unwrap()]);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "qpdf --check failed:\n{text}");
    assert!(
        text.contains("No syntax or stream encoding errors found"),
        "{text}"
    );
}

pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts that every needle occurs in the haystack, in order, whitespace ignored (so a wrapped
/// cell still matches). Returns the positions.
pub fn assert_in_order(haystack: &str, needles: &[String]) -> Vec<usize> {
    let hay = squash(haystack);
    let mut from = 0;
    let mut positions = Vec::new();
    for n in needles {
        let n = squash(n);
        match hay[from..].find(&n) {
            Some(i) => {
                positions.push(from + i);
                from += i + n.len();
            }
            None => {
                let anywhere = hay.contains(&n);
                panic!("{n:?} not found in order (present elsewhere: {anywhere})");
            }
        }
    }
    positions
}
