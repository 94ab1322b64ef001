//! The portfolio-wide lists a readiness review needs beside the engine's figures: corrective
//! actions, exercise results and plan revisions, each one bulk query (never one per site), so
//! the review stays fast at 2,000 sites.

use chrono::NaiveDate;
use serde::Serialize;

use super::codec;
use super::Store;
use crate::model::{Outcome, Severity};
use crate::Result;

/// A corrective action of an exercise finding, with the names a report prints.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct CorrectiveActionEntry {
    pub site_id: String,
    pub site_name: String,
    pub finding_id: String,
    pub action: String,
    pub severity: Severity,
    pub owner_id: String,
    /// The owner's name, or their id if nobody on file has it.
    pub owner_name: String,
    pub due: NaiveDate,
    pub closed: Option<NaiveDate>,
}

/// A recovery time an exercise recorded for a plan, held against the plan's smallest RTO.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ExerciseResultEntry {
    pub site_id: String,
    pub site_name: String,
    pub exercise_id: String,
    pub exercise_title: String,
    pub date: NaiveDate,
    pub plan_id: String,
    pub plan_title: String,
    pub outcome: Outcome,
    pub recovery_minutes: i64,
    /// The smallest RTO of the processes the plan covers (None if it covers none).
    pub rto_minutes: Option<i64>,
}

/// A line of a plan's revision history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RevisionEntry {
    pub site_id: String,
    pub site_name: String,
    pub plan_id: String,
    pub plan_title: String,
    pub version: String,
    pub date: NaiveDate,
    pub summary: String,
}

impl Store {
    /// Every corrective action of every site, open or closed, in site then finding order.
    pub fn corrective_actions(&self) -> Result<Vec<CorrectiveActionEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.name, f.id, f.action, f.severity, f.owner_id, coalesce(p.name, f.owner_id), f.due, f.closed
             FROM findings f JOIN exercises e ON e.id = f.exercise_id JOIN sites s ON s.id = e.site_id
             LEFT JOIN people p ON p.id = f.owner_id ORDER BY s.id, f.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(CorrectiveActionEntry {
                site_id: r.get(0)?,
                site_name: r.get(1)?,
                finding_id: r.get(2)?,
                action: r.get(3)?,
                severity: codec::from_name(4, r.get(4)?)?,
                owner_id: r.get(5)?,
                owner_name: r.get(6)?,
                due: r.get(7)?,
                closed: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Exercise results of exercises held after `since` and up to `until`, latest first.
    pub fn exercise_results(
        &self,
        since: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<ExerciseResultEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.name, e.id, e.title, e.date, pl.id, pl.title, e.outcome, r.recovery_minutes,
                    (SELECT min(pr.rto_minutes) FROM plan_processes pp JOIN processes pr ON pr.id = pp.process_id
                     WHERE pp.plan_id = r.plan_id)
             FROM exercise_results r JOIN exercises e ON e.id = r.exercise_id JOIN sites s ON s.id = e.site_id
             JOIN plans pl ON pl.id = r.plan_id
             WHERE e.date > ?1 AND e.date <= ?2 ORDER BY e.date DESC, s.name, e.id, pl.id",
        )?;
        let rows = stmt.query_map([since, until], |r| {
            Ok(ExerciseResultEntry {
                site_id: r.get(0)?,
                site_name: r.get(1)?,
                exercise_id: r.get(2)?,
                exercise_title: r.get(3)?,
                date: r.get(4)?,
                plan_id: r.get(5)?,
                plan_title: r.get(6)?,
                outcome: codec::from_name(7, r.get(7)?)?,
                recovery_minutes: r.get(8)?,
                rto_minutes: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Plan revisions dated after `since` and up to `until`, latest first.
    pub fn revisions(&self, since: NaiveDate, until: NaiveDate) -> Result<Vec<RevisionEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.name, pl.id, pl.title, rv.version, rv.date, rv.summary
             FROM revisions rv JOIN plans pl ON pl.id = rv.plan_id JOIN sites s ON s.id = pl.site_id
             WHERE rv.date > ?1 AND rv.date <= ?2 ORDER BY rv.date DESC, s.name, pl.title",
        )?;
        let rows = stmt.query_map([since, until], |r| {
            Ok(RevisionEntry {
                site_id: r.get(0)?,
                site_name: r.get(1)?,
                plan_id: r.get(2)?,
                plan_title: r.get(3)?,
                version: r.get(4)?,
                date: r.get(5)?,
                summary: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
