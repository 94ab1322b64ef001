//! Readiness snapshots: each site's score, band and component scores on a day, kept so trends
//! can be shown. One snapshot per site per day; recording the same day again replaces it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::Store;
use crate::readiness::{self, Policy, SiteReadiness, Status};
use crate::{Error, Result};

/// A site's readiness as recorded on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Snapshot {
    pub site_id: String,
    pub date: NaiveDate,
    pub score: u8,
    pub status: Status,
    /// Component name → score.
    pub components: BTreeMap<String, u8>,
}

/// How a site's readiness moved since its last snapshot before the assessment date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Trend {
    pub site_id: String,
    pub since: NaiveDate,
    pub previous_score: u8,
    pub previous_status: Status,
    pub score: u8,
    pub status: Status,
    /// `score - previous_score`.
    pub change: i16,
}

/// What `record_snapshot` wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SnapshotSummary {
    pub date: NaiveDate,
    pub sites: usize,
    /// Sites that already had a snapshot that day (now replaced).
    pub replaced: usize,
    /// Each site's change since its previous snapshot (sites without one are left out).
    pub trend: Vec<Trend>,
}

/// Assesses every site as of `date` and records the scores, in one IMMEDIATE transaction.
pub fn record_snapshot(
    store: &mut Store,
    date: NaiveDate,
    policy: &Policy,
) -> Result<SnapshotSummary> {
    let tx = store.write()?;
    let sites = readiness::assess(&tx, date, policy)?;
    let trend = trend(&tx, &sites)?;
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
            let components: BTreeMap<&str, u8> = s
                .components
                .iter()
                .map(|c| (c.name.as_str(), c.score))
                .collect();
            let components = serde_json::to_string(&components).expect("scores serialise");
            put.execute(params![
                s.site_id,
                date,
                s.score,
                s.status.as_str(),
                components
            ])?;
        }
    }
    tx.commit()?;
    Ok(SnapshotSummary {
        date,
        sites: sites.len(),
        replaced: replaced as usize,
        trend,
    })
}

/// The recorded snapshots, of one site or all, by site then date.
pub fn snapshots(conn: &Connection, site_id: Option<&str>) -> Result<Vec<Snapshot>> {
    let mut stmt = conn.prepare_cached(
        "SELECT site_id, date, score, status, components FROM readiness_snapshots
         WHERE ?1 IS NULL OR site_id = ?1 ORDER BY site_id, date",
    )?;
    let rows = stmt.query_map([site_id], |r| {
        let status: String = r.get(3)?;
        let components: String = r.get(4)?;
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, status, components))
    })?;
    let mut list = Vec::new();
    for row in rows {
        let (site_id, date, score, status, components): (String, NaiveDate, u8, String, String) =
            row?;
        list.push(Snapshot {
            site_id,
            date,
            score,
            status: Status::parse(&status).ok_or_else(|| {
                Error::Invalid(format!("unknown status {status:?} in a snapshot"))
            })?,
            components: serde_json::from_str(&components).map_err(|e| {
                Error::Invalid(format!("unreadable component scores in a snapshot: {e}"))
            })?,
        });
    }
    Ok(list)
}

/// Each assessed site's change since its latest snapshot taken before its assessment date.
pub fn trend(conn: &Connection, sites: &[SiteReadiness]) -> Result<Vec<Trend>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date, score, status FROM readiness_snapshots WHERE site_id = ?1 AND date < ?2 ORDER BY date DESC LIMIT 1",
    )?;
    let mut list = Vec::new();
    for s in sites {
        let mut rows = stmt.query(params![s.site_id, s.as_of])?;
        if let Some(r) = rows.next()? {
            let status: String = r.get(2)?;
            let previous_score: u8 = r.get(1)?;
            list.push(Trend {
                site_id: s.site_id.clone(),
                since: r.get(0)?,
                previous_score,
                previous_status: Status::parse(&status).unwrap_or(Status::NotReady),
                score: s.score,
                status: s.status,
                change: i16::from(s.score) - i16::from(previous_score),
            });
        }
    }
    Ok(list)
}
