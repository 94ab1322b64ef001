//! Schema migrations, tracked in SQLite's `user_version`.
//!
//! Migrations are SQL embedded in the binary and run in order, all pending ones in one
//! IMMEDIATE transaction: a crash mid-way leaves the previous schema intact. Before an existing
//! database is migrated, a copy is taken with `VACUUM INTO` beside it. A database written by a
//! newer Continuum is refused rather than damaged.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// Each entry moves the schema to its version (the number in the file name), in increasing order.
///
/// Versions are numbered explicitly rather than by position so that changes made on parallel
/// branches can each take a number: on a branch without version 6 the list jumps from 5 to 7.
/// Once all are merged the list runs without a gap (the test below checks the order).
const MIGRATIONS: &[(u32, &str)] = &[
    (1, include_str!("migrations/0001_initial.sql")),
    (2, include_str!("migrations/0002_snapshots.sql")),
    (3, include_str!("migrations/0003_readiness_cache.sql")),
    (4, include_str!("migrations/0004_audit.sql")),
    (5, include_str!("migrations/0005_plan_drafts.sql")),
    (6, include_str!("migrations/0006_exercise_details.sql")),
    (7, include_str!("migrations/0007_reviews.sql")),
];

/// The schema version this build writes.
pub const LATEST: u32 = MIGRATIONS[MIGRATIONS.len() - 1].0;

pub fn version(conn: &Connection) -> Result<u32> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the database to `LATEST`. `path` is the database file (None in memory), used for the
/// backup and in messages.
pub fn migrate(conn: &mut Connection, path: Option<&Path>) -> Result<()> {
    migrate_to(conn, path, LATEST)
}

pub(crate) fn migrate_to(conn: &mut Connection, path: Option<&Path>, target: u32) -> Result<()> {
    let current = version(conn)?;
    if current > LATEST {
        return Err(Error::DatabaseFile {
            path: path.map(Path::to_owned).unwrap_or_default(),
            message: format!(
                "schema version {current} is newer than this Continuum understands ({LATEST}); \
                 use a newer Continuum"
            ),
        });
    }
    if current >= target {
        return Ok(());
    }
    if current > 0 {
        if let Some(path) = path {
            backup(conn, path, current)?;
        }
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (version, sql) in MIGRATIONS
        .iter()
        .filter(|(v, _)| *v > current && *v <= target)
    {
        tx.execute_batch(sql).map_err(|e| Error::DatabaseFile {
            path: path.map(Path::to_owned).unwrap_or_default(),
            message: format!("migration to schema version {version} failed: {e}"),
        })?;
    }
    tx.pragma_update(None, "user_version", target)?;
    tx.commit()?;
    Ok(())
}

fn backup(conn: &Connection, path: &Path, version: u32) -> Result<()> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{version}.bak"));
    let target = path.with_file_name(name);
    if target.exists() {
        std::fs::remove_file(&target).map_err(|e| Error::io(&target, e))?;
    }
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_increase() {
        assert!(MIGRATIONS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(MIGRATIONS[0].0, 1);
    }

    #[test]
    fn migrates_from_empty_and_from_every_earlier_version() {
        for start in 0..=LATEST {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("c.db");
            let mut conn = Connection::open(&path).unwrap();
            migrate_to(&mut conn, Some(&path), start).unwrap();
            assert_eq!(version(&conn).unwrap(), start);
            migrate(&mut conn, Some(&path)).unwrap();
            assert_eq!(version(&conn).unwrap(), LATEST);
            let tables: i64 = conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(tables > 10);
            if start > 0 && start < LATEST {
                assert!(dir.path().join(format!("c.db.v{start}.bak")).exists());
            }
        }
    }

    /// A database of each earlier version, holding the demo portfolio, opens at the latest
    /// version with its data intact, and the readiness cache (version 3) fills and agrees
    /// with the engine.
    #[test]
    fn data_survives_every_migration_and_the_cache_starts_empty() {
        let day = crate::demo::written_for().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let reference = {
            let mut store = crate::Store::open(&dir.path().join("reference.db")).unwrap();
            crate::demo::load_demo(&mut store, day).unwrap();
            store.readiness(day).unwrap()
        };
        // The demo needs version 2's policy column: start from 2 and every later one.
        for start in 2..LATEST {
            let path = dir.path().join(format!("from-{start}.db"));
            {
                let mut conn = Connection::open(&path).unwrap();
                migrate_to(&mut conn, Some(&path), LATEST).unwrap();
            }
            {
                let mut store = crate::Store::open(&path).unwrap();
                crate::demo::load_demo(&mut store, day).unwrap();
            }
            // Back to the older schema: drop what later versions added (extend this list with
            // each migration that adds a table).
            {
                let conn = Connection::open(&path).unwrap();
                let added: &[(u32, &str)] = &[
                    (3, "readiness_cache"),
                    (4, "audit_undo"),
                    (4, "audit"),
                    (4, "audit_changes"),
                    (4, "settings"),
                    (6, "exercise_participants"),
                    (7, "review_items"),
                    (7, "reviews"),
                ];
                for (_, table) in added.iter().filter(|(v, _)| *v > start) {
                    conn.execute_batch(&format!("DROP TABLE {table}")).unwrap();
                }
                // And the columns (extend with each migration that adds one).
                let columns: &[(u32, &str, &str)] =
                    &[(5, "plans", "draft"), (6, "exercises", "scenario")];
                for (_, table, column) in columns.iter().filter(|(v, ..)| *v > start) {
                    conn.execute_batch(&format!("ALTER TABLE {table} DROP COLUMN {column}"))
                        .unwrap();
                }
                conn.pragma_update(None, "user_version", start).unwrap();
            }
            let mut store = crate::Store::open(&path).unwrap();
            assert_eq!(version(&store.conn).unwrap(), LATEST);
            let cached: i64 = store
                .conn
                .query_row("SELECT count(*) FROM readiness_cache", [], |r| r.get(0))
                .unwrap();
            assert_eq!(cached, 0);
            let scores = |sites: Vec<(String, u8)>| {
                let mut sites = sites;
                sites.sort();
                sites
            };
            let shown = store.dashboard(day, day).unwrap().sites;
            assert_eq!(
                scores(shown.into_iter().map(|s| (s.id, s.score)).collect()),
                scores(
                    reference
                        .iter()
                        .map(|r| (r.site_id.clone(), r.score))
                        .collect()
                ),
                "from {start}"
            );
            assert!(dir
                .path()
                .join(format!("from-{start}.db.v{start}.bak"))
                .exists());
        }
    }

    /// Version 4's trail, reached from version 3 with data in it: empty, and append-only.
    #[test]
    fn the_trail_from_version_3_starts_empty_and_cannot_be_changed() {
        let day = crate::demo::written_for().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            migrate_to(&mut conn, Some(&path), 3).unwrap();
        }
        {
            // A version-3 database holding sites: import into a current one, then take the
            // version-4 tables (and version 5's column) away again.
            let mut store = crate::Store::open(&path).unwrap();
            crate::demo::load_demo(&mut store, day).unwrap();
            store
                .conn
                .execute_batch(
                    "DROP TABLE audit_undo; DROP TABLE audit; DROP TABLE audit_changes;
                     DROP TABLE settings; ALTER TABLE plans DROP COLUMN draft;
                     DROP TABLE exercise_participants; ALTER TABLE exercises DROP COLUMN scenario;
                     DROP TABLE review_items; DROP TABLE reviews;
                     PRAGMA user_version = 3;",
                )
                .unwrap();
        }
        let mut store = crate::Store::open(&path).unwrap();
        assert_eq!(version(&store.conn).unwrap(), LATEST);
        assert!(dir.path().join("c.db.v3.bak").exists());
        assert!(store
            .history(crate::audit::HistoryFilter::default())
            .unwrap()
            .is_empty());
        store.set_user_name(Some("Ada")).unwrap();
        store.delete_site("tokyo").unwrap();
        assert_eq!(
            store
                .history(crate::audit::HistoryFilter::default())
                .unwrap()
                .len(),
            1
        );
        for sql in [
            "UPDATE audit SET who = 'mallory'",
            "DELETE FROM audit",
            "UPDATE audit_changes SET summary = ''",
            "DELETE FROM audit_changes",
        ] {
            let err = store.conn.execute(sql, []).unwrap_err();
            assert!(
                err.to_string()
                    .contains("the audit trail cannot be changed"),
                "{sql}: {err}"
            );
        }
    }

    /// A version-4 database holding the demo: its plans read back unchanged, without drafts,
    /// and an approved plan can then be revised with the approved version kept in force.
    #[test]
    fn a_version_4_database_gains_plan_drafts() {
        use crate::store::lifecycle::PlanAction;
        let day = crate::demo::written_for().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let reference = {
            let mut store = crate::Store::in_memory().unwrap();
            crate::demo::load_demo(&mut store, day).unwrap();
            store.site("tokyo").unwrap()
        };
        {
            let mut store = crate::Store::open(&path).unwrap();
            crate::demo::load_demo(&mut store, day).unwrap();
            store
                .conn
                .execute_batch(
                    "ALTER TABLE plans DROP COLUMN draft; DROP TABLE exercise_participants;
                     ALTER TABLE exercises DROP COLUMN scenario; DROP TABLE review_items;
                     DROP TABLE reviews; PRAGMA user_version = 4;",
                )
                .unwrap();
        }
        let mut store = crate::Store::open(&path).unwrap();
        assert_eq!(version(&store.conn).unwrap(), LATEST);
        assert!(dir.path().join("c.db.v4.bak").exists());
        assert_eq!(store.site("tokyo").unwrap(), reference);
        let readiness = store.site_readiness("tokyo", day).unwrap();
        store.plan_action("tokyo-bcp", PlanAction::Revise).unwrap();
        let plan = store.plan("tokyo-bcp").unwrap();
        assert_eq!(plan.status, crate::PlanStatus::Approved);
        assert!(plan.draft.is_some());
        assert_eq!(store.site_readiness("tokyo", day).unwrap(), readiness);
    }

    /// A version-5 database holding the demo: its exercises read back unchanged, with no
    /// participants and no scenario, and an exercise can then be saved with both.
    #[test]
    fn a_version_5_database_gains_exercise_participants_and_scenario() {
        let day = crate::demo::written_for().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let reference = {
            let mut store = crate::Store::in_memory().unwrap();
            crate::demo::load_demo(&mut store, day).unwrap();
            store.site("tokyo").unwrap()
        };
        assert!(!reference.exercises.is_empty());
        {
            let mut store = crate::Store::open(&path).unwrap();
            crate::demo::load_demo(&mut store, day).unwrap();
            store
                .conn
                .execute_batch(
                    "DROP TABLE exercise_participants; ALTER TABLE exercises DROP COLUMN scenario;
                     DROP TABLE review_items; DROP TABLE reviews; PRAGMA user_version = 5;",
                )
                .unwrap();
        }
        let mut store = crate::Store::open(&path).unwrap();
        assert_eq!(version(&store.conn).unwrap(), LATEST);
        assert!(dir.path().join("c.db.v5.bak").exists());
        let site = store.site("tokyo").unwrap();
        assert_eq!(site, reference);
        let mut exercise = site.exercises[0].clone();
        exercise.participants = vec![site.people[0].id.clone()];
        exercise.scenario = "Power cut at the data centre".into();
        store.save_exercise("tokyo", exercise.clone()).unwrap();
        assert_eq!(store.site("tokyo").unwrap().exercises[0], exercise);
    }

    #[test]
    fn refuses_a_newer_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1)
            .unwrap();
        let err = migrate(&mut conn, None).unwrap_err();
        assert!(
            err.to_string().contains("newer than this Continuum"),
            "{err}"
        );
    }
}
