//! Schema migrations, tracked in SQLite's `user_version`.
//!
//! Migrations are SQL embedded in the binary and run in order, all pending ones in one
//! IMMEDIATE transaction: a crash mid-way leaves the previous schema intact. Before an existing
//! database is migrated, a copy is taken with `VACUUM INTO` beside it. A database written by a
//! newer Continuum is refused rather than damaged.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// Each entry moves the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_snapshots.sql"),
];

/// The schema version this build writes.
pub const LATEST: u32 = MIGRATIONS.len() as u32;

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
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(current as usize)
    {
        tx.execute_batch(sql).map_err(|e| Error::DatabaseFile {
            path: path.map(Path::to_owned).unwrap_or_default(),
            message: format!("migration to schema version {} failed: {e}", index + 1),
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
