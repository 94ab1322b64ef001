//! The exercise calendar: when each approved plan falls due for its next exercise, for a site,
//! a region or the whole portfolio.
//!
//! The due date follows the readiness rule (see `readiness::rules::exercise_due`): the last
//! exercise on or before the as-of date plus the policy's `exercise_interval_months`, or, for
//! a plan never exercised, its approval plus the interval. A plan is overdue the day after its
//! due date, which is the day readiness starts to count it.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::codec::from_name;
use crate::model::PlanKind;
use crate::{Error, Result, Store};

fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Which plans the calendar covers: a site's, a region's, or (both empty) every site's.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CalendarScope {
    #[serde(default)]
    #[ts(optional)]
    pub site: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub region: Option<String>,
}

/// One approved plan and when its next exercise is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalendarEntry {
    pub site: String,
    pub site_name: String,
    pub region: String,
    pub region_name: String,
    pub plan: String,
    pub plan_title: String,
    pub kind: PlanKind,
    /// The last exercise covering the plan on or before the as-of date.
    pub last_exercised: Option<NaiveDate>,
    pub last_exercise: Option<String>,
    /// The last day on which the next exercise is on time.
    pub due: NaiveDate,
    /// Never exercised: `due` counts from the plan's approval.
    pub never: bool,
    /// The as-of date is after `due`.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExerciseCalendar {
    pub as_of: NaiveDate,
    pub interval_months: u32,
    /// Earliest due date first, then by site and plan.
    pub entries: Vec<CalendarEntry>,
}

impl Store {
    /// When each approved plan in `scope` falls due for exercise, as of `as_of`.
    pub fn exercise_calendar(
        &self,
        scope: &CalendarScope,
        as_of: NaiveDate,
    ) -> Result<ExerciseCalendar> {
        let (site, region) = (scope.site.as_deref(), scope.region.as_deref());
        if let Some(id) = site {
            self.known("sites", "site", id)?;
        }
        if let Some(id) = region {
            self.known("regions", "region", id)?;
        }
        let months = self.policy()?.exercise_interval_months;
        let conn = &self.conn;

        // The last exercise of each plan in scope, up to the as-of date.
        let mut last: HashMap<String, (NaiveDate, String)> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT ep.plan_id, e.date, e.id FROM exercise_plans ep
             JOIN exercises e ON e.id = ep.exercise_id
             JOIN sites s ON s.id = e.site_id
             WHERE e.date <= ?1 AND (?2 IS NULL OR s.id = ?2) AND (?3 IS NULL OR s.region_id = ?3)",
        )?;
        let rows = stmt.query_map(params![as_of, site, region], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, NaiveDate>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (plan, date, id) = row?;
            let slot = last.entry(plan).or_insert((date, id.clone()));
            if date > slot.0 {
                *slot = (date, id);
            }
        }

        let mut stmt = conn.prepare_cached(
            "SELECT s.id, s.name, g.id, g.name, p.id, p.title, p.kind, p.approved_on
             FROM plans p JOIN sites s ON s.id = p.site_id JOIN regions g ON g.id = s.region_id
             WHERE p.status = 'approved' AND (?1 IS NULL OR s.id = ?1) AND (?2 IS NULL OR g.id = ?2)",
        )?;
        let rows = stmt.query_map(params![site, region], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                from_name::<PlanKind>(6, r.get(6)?)?,
                r.get::<_, Option<NaiveDate>>(7)?,
            ))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (site, site_name, region, region_name, plan, plan_title, kind, approved) = row?;
            let exercised = last.get(&plan).cloned();
            let due = match (&exercised, approved) {
                (Some((date, _)), _) => add_months(*date, months),
                (None, Some(approved)) if approved <= as_of => add_months(approved, months),
                _ => as_of,
            };
            entries.push(CalendarEntry {
                site,
                site_name,
                region,
                region_name,
                plan,
                plan_title,
                kind,
                never: exercised.is_none(),
                last_exercised: exercised.as_ref().map(|e| e.0),
                last_exercise: exercised.map(|e| e.1),
                due,
                overdue: as_of > due,
            });
        }
        entries.sort_by(|a, b| (a.due, &a.site, &a.plan).cmp(&(b.due, &b.site, &b.plan)));
        Ok(ExerciseCalendar {
            as_of,
            interval_months: months,
            entries,
        })
    }

    fn known(&self, table: &str, kind: &'static str, id: &str) -> Result<()> {
        let found: bool = self.conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [id],
            |r| r.get(0),
        )?;
        if found {
            Ok(())
        } else {
            Err(Error::not_found(kind, id))
        }
    }
}
