//! The rows of readiness snapshots (types and arithmetic: `readiness::snapshots`).

use chrono::NaiveDate;
use rusqlite::{params, Connection, Row};

use super::Store;
use crate::readiness::{SiteReadiness, Snapshot, SnapshotSummary, Status, Trend};
use crate::{Error, Result};

impl Store {
    /// Assesses every site as of `date` under the stored policy and records the scores, in one
    /// IMMEDIATE transaction.
    pub fn record_snapshot(&mut self, date: NaiveDate) -> Result<SnapshotSummary> {
        let policy = self.policy()?;
        let tx = self.write()?;
        let summary = record(&tx, date, &policy)?;
        tx.commit()?;
        Ok(summary)
    }

    /// The recorded snapshots, of one site or all, by site then date. A deleted site's history
    /// stays, so an unknown site simply has none.
    pub fn snapshots(&self, site_id: Option<&str>) -> Result<Vec<Snapshot>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT site_id, date, score, status, components FROM readiness_snapshots
             WHERE ?1 IS NULL OR site_id = ?1 ORDER BY site_id, date",
        )?;
        let mut rows = stmt.query([site_id])?;
        let mut list = Vec::new();
        while let Some(r) = rows.next()? {
            list.push(snapshot(r)?);
        }
        Ok(list)
    }

    /// Each assessed site's change since its latest snapshot taken before its assessment date
    /// (sites without one are left out).
    pub fn trend(&self, sites: &[SiteReadiness]) -> Result<Vec<Trend>> {
        trend(&self.conn, sites)
    }
}

fn snapshot(r: &Row) -> Result<Snapshot> {
    let status: String = r.get(3)?;
    let components: String = r.get(4)?;
    Ok(Snapshot {
        site_id: r.get(0)?,
        date: r.get(1)?,
        score: r.get(2)?,
        status: Status::parse(&status)
            .ok_or_else(|| Error::Invalid(format!("unknown status {status:?} in a snapshot")))?,
        components: serde_json::from_str(&components).map_err(|e| {
            Error::Invalid(format!("unreadable component scores in a snapshot: {e}"))
        })?,
    })
}

fn trend(conn: &Connection, sites: &[SiteReadiness]) -> Result<Vec<Trend>> {
    let mut stmt = conn.prepare_cached(
        "SELECT site_id, date, score, status, components FROM readiness_snapshots
         WHERE site_id = ?1 AND date < ?2 ORDER BY date DESC LIMIT 1",
    )?;
    let mut list = Vec::new();
    for s in sites {
        let mut rows = stmt.query(params![s.site_id, s.as_of])?;
        if let Some(r) = rows.next()? {
            list.push(Trend::between(&snapshot(r)?, s));
        }
    }
    Ok(list)
}

/// `record_snapshot` inside a transaction the caller commits (a review's sign-off takes its
/// snapshot in the same transaction that freezes it).
pub(super) fn record(
    tx: &rusqlite::Transaction,
    date: NaiveDate,
    policy: &crate::readiness::Policy,
) -> Result<SnapshotSummary> {
    let sites = super::engine::assess_all(tx, date, policy)?;
    let trend = trend(tx, &sites)?;
    let replaced: i64 = tx.query_row(
        "SELECT count(*) FROM readiness_snapshots WHERE date = ?1",
        [date],
        |r| r.get(0),
    )?;
    {
        let mut put = tx.prepare_cached(
                "INSERT INTO readiness_snapshots (site_id, date, score, status, components) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(site_id, date) DO UPDATE SET score = excluded.score, status = excluded.status,
                   components = excluded.components",
            )?;
        for s in &sites {
            let snapshot = Snapshot::of(s);
            let components = serde_json::to_string(&snapshot.components).expect("scores serialise");
            put.execute(params![
                snapshot.site_id,
                date,
                snapshot.score,
                snapshot.status.as_str(),
                components
            ])?;
        }
    }
    Ok(SnapshotSummary {
        date,
        sites: sites.len(),
        replaced: replaced as usize,
        trend,
    })
}
