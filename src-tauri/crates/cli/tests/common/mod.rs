//! What every CLI test needs: the binary run in a sandbox of its own, and its output as text.
#![allow(dead_code)] // each test file uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn plans_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../plans")
}

/// `continuum` with its own HOME and data directory, so no test touches a real user's database.
pub fn command(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_continuum"));
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("CONTINUUM_DB");
    cmd
}

pub fn continuum(home: &Path, args: &[&str]) -> Output {
    command(home).args(args).output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// `continuum --db DB --json ARGS`, which must succeed: its standard output as JSON.
pub fn json_ok(home: &Path, db: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--db", db, "--json"];
    all.extend_from_slice(args);
    let out = continuum(home, &all);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// `continuum --db DB --json ARGS`, which must fail with exit code 1: the error as JSON.
pub fn json_fails(home: &Path, db: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--db", db, "--json"];
    all.extend_from_slice(args);
    let out = continuum(home, &all);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{args:?} should fail: {}",
        stdout(&out)
    );
    serde_json::from_str(&stderr(&out)).unwrap()
}

/// A sandbox home with a database holding the demo portfolio (`continuum init`).
pub fn demo_db() -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("c.db").to_string_lossy().into_owned();
    let out = continuum(home.path(), &["--db", &db, "init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    (home, db)
}
