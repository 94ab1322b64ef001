//! Training across the portfolio: the matrix of people × courses (for a site, a region or
//! everyone) and completions recorded for one person or many at once.
//!
//! The matrix is built with a handful of whole-table queries rather than per person, so a
//! portfolio of 100,000 people comes back in one answer the window can filter, sort and
//! scroll without asking again. Each cell is one letter (see [`Cell`]) to keep that answer
//! small; the completion date beside it is what a tooltip needs.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Months, NaiveDate, TimeDelta};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::TrainingRecord;
use crate::views::EXPIRING_DAYS;
use crate::{Error, Result, Store};

/// Which people the matrix covers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MatrixScope {
    /// Only this site's people.
    #[serde(default)]
    #[ts(optional)]
    pub site: Option<String>,
    /// Only the people of this region's sites.
    #[serde(default)]
    #[ts(optional)]
    pub region: Option<String>,
}

/// One cell, as a letter: upper case where one of the person's roles requires the course,
/// lower case where it does not (kept for the record).
///
/// `C`/`c` current, `E`/`e` expiring within the policy's window, `X`/`x` expired, `M` missing
/// (required, never completed), `-` not required and never completed.
pub struct Cell;

impl Cell {
    pub const CURRENT: char = 'C';
    pub const EXPIRING: char = 'E';
    pub const EXPIRED: char = 'X';
    pub const MISSING: char = 'M';
    pub const NONE: char = '-';
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MatrixCourse {
    pub id: String,
    pub name: String,
    pub validity_months: Option<u32>,
    /// Role ids that require it.
    pub required_for: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MatrixRow {
    pub person: String,
    pub name: String,
    pub site: String,
    pub active: bool,
    /// Role ids the person holds in any plan of their site (primary or alternate).
    pub roles: Vec<String>,
    /// One letter per course, in the order of `TrainingMatrix.courses` (see [`Cell`]).
    pub cells: String,
    /// Per course, the last completion on or before the as-of date.
    pub completed: Vec<Option<NaiveDate>>,
    /// How urgent the row is: required courses expired and missing weigh most, then expiring.
    pub urgency: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TrainingMatrix {
    pub as_of: NaiveDate,
    pub expiring_days: u32,
    pub courses: Vec<MatrixCourse>,
    /// Site id → name, for the rows' `site`.
    pub sites: BTreeMap<String, String>,
    /// Role id → name, for the rows' `roles`.
    pub roles: BTreeMap<String, String>,
    /// Most urgent first, then by name.
    pub rows: Vec<MatrixRow>,
}

impl Store {
    /// The training matrix of the people in `scope` as of `as_of`.
    pub fn training_matrix(&self, scope: &MatrixScope, as_of: NaiveDate) -> Result<TrainingMatrix> {
        let conn = &self.conn;
        let mut courses: Vec<MatrixCourse> = conn
            .prepare_cached("SELECT id, name, validity_months FROM courses ORDER BY position")?
            .query_map([], |r| {
                Ok(MatrixCourse {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    validity_months: r.get(2)?,
                    required_for: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let course_index: HashMap<String, usize> = courses
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        let mut stmt = conn.prepare_cached(
            "SELECT course_id, role_id FROM course_roles ORDER BY course_id, position",
        )?;
        let mut by_role: HashMap<String, Vec<usize>> = HashMap::new();
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (course, role) = row?;
            if let Some(&i) = course_index.get(&course) {
                courses[i].required_for.push(role.clone());
                by_role.entry(role).or_default().push(i);
            }
        }
        let roles: BTreeMap<String, String> = conn
            .prepare_cached("SELECT id, name FROM roles")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;

        // The sites in scope.
        let (site, region) = (scope.site.as_deref(), scope.region.as_deref());
        let sites: BTreeMap<String, String> = conn
            .prepare_cached(
                "SELECT id, name FROM sites WHERE (?1 IS NULL OR id = ?1) AND (?2 IS NULL OR region_id = ?2)",
            )?
            .query_map(params![site, region], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if let Some(id) = site.filter(|_| sites.is_empty()) {
            return Err(Error::not_found("site", id));
        }
        if let Some(id) = region.filter(|_| sites.is_empty()) {
            let known: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM regions WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?;
            if !known {
                return Err(Error::not_found("region", id));
            }
        }
        let in_scope = |s: &str| sites.contains_key(s);

        // Roles held per person (any rank), and last completions per (person, course).
        let mut held: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT a.person_id, a.role_id FROM assignments a ORDER BY a.person_id, a.role_id",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (person, role) = row?;
            held.entry(person).or_default().push(role);
        }
        let mut last: HashMap<(String, usize), NaiveDate> = HashMap::new();
        let mut stmt = conn.prepare_cached(
            "SELECT person_id, course_id, MAX(completed) FROM training_records
             WHERE completed <= ?1 GROUP BY person_id, course_id",
        )?;
        for row in stmt.query_map([as_of], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, NaiveDate>(2)?,
            ))
        })? {
            let (person, course, date) = row?;
            if let Some(&i) = course_index.get(&course) {
                last.insert((person, i), date);
            }
        }

        let soon = TimeDelta::days(EXPIRING_DAYS);
        let mut rows = Vec::new();
        let mut stmt = conn.prepare_cached(
            "SELECT id, name, site_id, active FROM people ORDER BY site_id, position",
        )?;
        let mut people = stmt.query([])?;
        while let Some(r) = people.next()? {
            let site: String = r.get(2)?;
            if !in_scope(&site) {
                continue;
            }
            let person: String = r.get(0)?;
            let active: bool = r.get(3)?;
            let roles_held = held.remove(&person).unwrap_or_default();
            let required: HashSet<usize> = if active {
                roles_held
                    .iter()
                    .filter_map(|role| by_role.get(role))
                    .flatten()
                    .copied()
                    .collect()
            } else {
                HashSet::new()
            };
            let mut cells = String::with_capacity(courses.len());
            let mut completed = Vec::with_capacity(courses.len());
            let mut urgency = 0;
            for (i, course) in courses.iter().enumerate() {
                let done = last.get(&(person.clone(), i)).copied();
                let needed = required.contains(&i);
                let status = match done {
                    None if needed => Cell::MISSING,
                    None => Cell::NONE,
                    Some(date) => {
                        let until = course.validity_months.map(|m| {
                            date.checked_add_months(Months::new(m))
                                .unwrap_or(NaiveDate::MAX)
                        });
                        match until {
                            Some(u) if u < as_of => Cell::EXPIRED,
                            Some(u) if u - as_of <= soon => Cell::EXPIRING,
                            _ => Cell::CURRENT,
                        }
                    }
                };
                if needed {
                    urgency += match status {
                        Cell::EXPIRED => 1000,
                        Cell::MISSING => 100,
                        Cell::EXPIRING => 10,
                        _ => 0,
                    };
                }
                cells.push(if needed {
                    status
                } else {
                    status.to_ascii_lowercase()
                });
                completed.push(done);
            }
            rows.push(MatrixRow {
                person,
                name: r.get(1)?,
                site,
                active,
                roles: roles_held,
                cells,
                completed,
                urgency,
            });
        }
        rows.sort_by(|a, b| b.urgency.cmp(&a.urgency).then_with(|| a.name.cmp(&b.name)));
        Ok(TrainingMatrix {
            as_of,
            expiring_days: EXPIRING_DAYS as u32,
            courses,
            sites,
            roles,
            rows,
        })
    }

    /// Records completions — one person's, or a course run for many people at once, across
    /// sites — as one change: all or nothing, one action in the trail. A completion already on
    /// record is left as it is. Gives back how many were new.
    pub fn record_completions(&mut self, records: Vec<TrainingRecord>) -> Result<usize> {
        let mut by_site: BTreeMap<String, Vec<TrainingRecord>> = BTreeMap::new();
        for record in records {
            let site = self.owner("people", "person", &record.person)?;
            by_site.entry(site).or_default().push(record);
        }
        let people: usize = by_site.values().map(Vec::len).sum();
        let summary = format!("record {people} training completion(s)");
        let mut added = 0;
        let ids: Vec<String> = by_site.keys().cloned().collect();
        self.edit_sites_as(&ids, summary, |sites| {
            for (site, records) in by_site {
                let data = sites.get_mut(&site).expect("every site was read");
                for record in records {
                    if !data.training.contains(&record) {
                        data.training.push(record);
                        added += 1;
                    }
                }
            }
            Ok(())
        })?;
        Ok(added)
    }
}

/// The matrix as CSV, one row per person: id, name, site, roles, then per course its status
/// in words with the completion date (`current (2026-03-01)`, `missing`, `not required`).
/// Written next to `path` and renamed into place, so a failed export leaves no half file.
pub fn write_matrix_csv(matrix: &TrainingMatrix, path: &std::path::Path) -> Result<usize> {
    let io = |e: std::io::Error| Error::io(path, e);
    let part = path.with_extension("csv.part");
    let mut out = csv::Writer::from_path(&part).map_err(|e| csv_error(path, e))?;
    let mut header = vec!["Person id", "Name", "Site", "Roles"];
    header.extend(matrix.courses.iter().map(|c| c.name.as_str()));
    out.write_record(&header).map_err(|e| csv_error(path, e))?;
    for row in &matrix.rows {
        let roles: Vec<&str> = row
            .roles
            .iter()
            .map(|r| matrix.roles.get(r).map_or(r.as_str(), String::as_str))
            .collect();
        let mut record = vec![
            row.person.clone(),
            row.name.clone(),
            matrix
                .sites
                .get(&row.site)
                .cloned()
                .unwrap_or_else(|| row.site.clone()),
            roles.join("; "),
        ];
        for (cell, done) in row.cells.chars().zip(&row.completed) {
            let words = match cell.to_ascii_uppercase() {
                Cell::CURRENT => "current",
                Cell::EXPIRING => "expiring",
                Cell::EXPIRED => "expired",
                Cell::MISSING => "missing",
                _ => "not required",
            };
            record.push(match done {
                Some(date) if cell.is_ascii_lowercase() => {
                    format!("{words} ({date}, not required)")
                }
                Some(date) => format!("{words} ({date})"),
                None => words.to_owned(),
            });
        }
        out.write_record(&record).map_err(|e| csv_error(path, e))?;
    }
    out.flush().map_err(io)?;
    drop(out);
    std::fs::rename(&part, path).map_err(io)?;
    Ok(matrix.rows.len())
}

fn csv_error(path: &std::path::Path, e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => Error::io(path, e),
        other => Error::Invalid(format!("{}: {other:?}", path.display())),
    }
}
