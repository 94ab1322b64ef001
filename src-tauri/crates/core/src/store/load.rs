//! Reading what the readiness rules need from the database into the engine's plain-data model
//! (`readiness::input`): one bulk query per table for the whole
//! portfolio (never one per site), or the same queries narrowed to one site.
//!
//! Rows are read without copying where they are only looked up: ids are compared as borrowed
//! text, runs of rows of the same plan skip the hash lookup, dates are parsed from their ten
//! bytes, and the training completions (the biggest table by far) come from a covering index in
//! (course, person) order and are merged against the people in roles, numbered in id order,
//! instead of being hashed row by row. So the engine stays close to the cost of reading the rows
//! at all: [`raw_read`] runs the very same queries and only touches every value, as the
//! benchmark's baseline.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::types::{FromSqlError, ValueRef};
use rusqlite::{CachedStatement, Connection, Row};

use crate::model::{PlanKind, PlanStatus, Severity};
use crate::readiness::input::{
    add_quantity, CourseInfo, ExerciseRef, FindingIn, Input, PersonIn, PlanIn, RoleInfo, RoleReq,
    SiteIn,
};
use crate::readiness::Training;
use crate::Result;

#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope<'a> {
    All,
    Site(&'a str),
}

/// One query in its two forms: the whole portfolio (`?1` = as-of date) and one site (`?1` =
/// as-of date, `?2` = site id).
struct Query {
    all: &'static str,
    site: &'static str,
}

macro_rules! q {
    ($all:expr, $site:expr) => {
        Query {
            all: $all,
            site: $site,
        }
    };
}

const ROLES: Query = q!(
    "SELECT id, name, critical FROM roles WHERE ?1 IS NOT NULL ORDER BY position",
    "SELECT id, name, critical FROM roles WHERE ?1 IS NOT NULL AND ?2 IS NOT NULL ORDER BY position"
);
const COURSES: Query = q!(
    "SELECT id, name, validity_months FROM courses WHERE ?1 IS NOT NULL ORDER BY position",
    "SELECT id, name, validity_months FROM courses WHERE ?1 IS NOT NULL AND ?2 IS NOT NULL ORDER BY position"
);
const COURSE_ROLES: Query = q!(
    "SELECT course_id, role_id FROM course_roles WHERE ?1 IS NOT NULL",
    "SELECT course_id, role_id FROM course_roles WHERE ?1 IS NOT NULL AND ?2 IS NOT NULL"
);
const SITES: Query = q!(
    "SELECT s.id, s.name, s.region_id, r.name, s.tier, s.headcount FROM sites s JOIN regions r ON r.id = s.region_id
     WHERE ?1 IS NOT NULL ORDER BY r.position, s.id",
    "SELECT s.id, s.name, s.region_id, r.name, s.tier, s.headcount FROM sites s JOIN regions r ON r.id = s.region_id
     WHERE ?1 IS NOT NULL AND s.id = ?2"
);
const PLANS: Query = q!(
    "SELECT id, site_id, title, kind, status, approved_on, last_reviewed, review_interval_months FROM plans
     WHERE ?1 IS NOT NULL AND status <> 'retired' ORDER BY site_id, position",
    "SELECT id, site_id, title, kind, status, approved_on, last_reviewed, review_interval_months FROM plans
     WHERE ?1 IS NOT NULL AND status <> 'retired' AND site_id = ?2 ORDER BY position"
);
const PROCESSES: Query = q!(
    "SELECT id, name, rto_minutes FROM processes WHERE ?1 IS NOT NULL",
    "SELECT id, name, rto_minutes FROM processes WHERE ?1 IS NOT NULL AND site_id = ?2"
);
const PLAN_PROCESSES: Query = q!(
    "SELECT plan_id, process_id FROM plan_processes WHERE ?1 IS NOT NULL",
    "SELECT plan_id, process_id FROM plan_processes WHERE ?1 IS NOT NULL AND plan_id IN (SELECT id FROM plans WHERE site_id = ?2)"
);
const PLAN_ROLES: Query = q!(
    "SELECT plan_id, role_id, alternates FROM plan_roles WHERE ?1 IS NOT NULL",
    "SELECT plan_id, role_id, alternates FROM plan_roles WHERE ?1 IS NOT NULL AND plan_id IN (SELECT id FROM plans WHERE site_id = ?2)"
);
/// In person order (the `assignments_person` index covers it): the people list is then built
/// sorted by id, which the training rows are merged against.
const ASSIGNMENTS: Query = q!(
    "SELECT plan_id, role_id, rank, person_id FROM assignments WHERE ?1 IS NOT NULL ORDER BY person_id",
    "SELECT plan_id, role_id, rank, person_id FROM assignments WHERE ?1 IS NOT NULL
       AND plan_id IN (SELECT id FROM plans WHERE site_id = ?2) ORDER BY person_id"
);
const PEOPLE: Query = q!(
    "SELECT id, name, active FROM people WHERE ?1 IS NOT NULL",
    "SELECT id, name, active FROM people WHERE ?1 IS NOT NULL AND id IN
       (SELECT person_id FROM assignments WHERE plan_id IN (SELECT id FROM plans WHERE site_id = ?2))"
);
const RECOVER_STEPS: Query = q!(
    "SELECT plan_id, sum(target_minutes) FROM steps WHERE ?1 IS NOT NULL AND phase = 'recover' GROUP BY plan_id",
    "SELECT plan_id, sum(target_minutes) FROM steps WHERE ?1 IS NOT NULL AND phase = 'recover'
       AND plan_id IN (SELECT id FROM plans WHERE site_id = ?2) GROUP BY plan_id"
);
const PLAN_RESOURCES: Query = q!(
    "SELECT plan_id, kind, quantity FROM plan_resources WHERE ?1 IS NOT NULL",
    "SELECT plan_id, kind, quantity FROM plan_resources WHERE ?1 IS NOT NULL AND plan_id IN (SELECT id FROM plans WHERE site_id = ?2)"
);
const INVENTORY: Query = q!(
    "SELECT site_id, kind, quantity FROM inventory WHERE ?1 IS NOT NULL",
    "SELECT site_id, kind, quantity FROM inventory WHERE ?1 IS NOT NULL AND site_id = ?2"
);
/// Completions, up to the as-of date, of the courses some role requires (the engine keeps the
/// latest per person and course). Read from the `training_course` covering index: by course,
/// then person.
const TRAINING: Query = q!(
    "SELECT person_id, course_id, completed FROM training_records
     WHERE completed <= ?1 AND course_id IN (SELECT course_id FROM course_roles)",
    "SELECT person_id, course_id, completed FROM training_records
     WHERE completed <= ?1 AND course_id IN (SELECT course_id FROM course_roles)
       AND person_id IN (SELECT person_id FROM assignments WHERE plan_id IN (SELECT id FROM plans WHERE site_id = ?2))"
);
/// The latest exercise of each plan up to the as-of date.
const LAST_EXERCISED: Query = q!(
    "SELECT ep.plan_id, e.id, max(e.date) FROM exercise_plans ep JOIN exercises e ON e.id = ep.exercise_id
     WHERE e.date <= ?1 GROUP BY ep.plan_id",
    "SELECT ep.plan_id, e.id, max(e.date) FROM exercise_plans ep JOIN exercises e ON e.id = ep.exercise_id
     WHERE e.date <= ?1 AND e.site_id = ?2 GROUP BY ep.plan_id"
);
const RESULTS: Query = q!(
    "SELECT er.plan_id, e.id, e.date, er.recovery_minutes FROM exercise_results er
     JOIN exercises e ON e.id = er.exercise_id WHERE e.date <= ?1",
    "SELECT er.plan_id, e.id, e.date, er.recovery_minutes FROM exercise_results er
     JOIN exercises e ON e.id = er.exercise_id WHERE e.date <= ?1 AND e.site_id = ?2"
);
/// Corrective actions open as of the date, of exercises held by then.
const FINDINGS: Query = q!(
    "SELECT e.site_id, f.id, f.action, f.severity, f.owner_id, f.due, f.closed, e.id, e.date
     FROM findings f JOIN exercises e ON e.id = f.exercise_id
     WHERE e.date <= ?1 AND (f.closed IS NULL OR f.closed > ?1)",
    "SELECT e.site_id, f.id, f.action, f.severity, f.owner_id, f.due, f.closed, e.id, e.date
     FROM findings f JOIN exercises e ON e.id = f.exercise_id
     WHERE e.date <= ?1 AND (f.closed IS NULL OR f.closed > ?1) AND e.site_id = ?2"
);

/// Every query the engine runs, in the order it runs them.
const ALL_QUERIES: [&Query; 17] = [
    &ROLES,
    &COURSES,
    &COURSE_ROLES,
    &SITES,
    &PLANS,
    &PROCESSES,
    &PLAN_PROCESSES,
    &PLAN_ROLES,
    &ASSIGNMENTS,
    &PEOPLE,
    &RECOVER_STEPS,
    &PLAN_RESOURCES,
    &INVENTORY,
    &TRAINING,
    &LAST_EXERCISED,
    &RESULTS,
    &FINDINGS,
];

fn prepare<'c>(
    conn: &'c Connection,
    q: &Query,
    scope: Scope,
) -> rusqlite::Result<CachedStatement<'c>> {
    conn.prepare_cached(match scope {
        Scope::All => q.all,
        Scope::Site(_) => q.site,
    })
}

/// Runs a query for the scope, calling `each` on every row.
fn each_row(
    conn: &Connection,
    q: &Query,
    scope: Scope,
    as_of: &str,
    mut each: impl FnMut(&Row) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let mut stmt = prepare(conn, q, scope)?;
    let mut rows = match scope {
        Scope::All => stmt.query([as_of])?,
        Scope::Site(id) => stmt.query([as_of, id])?,
    };
    while let Some(row) = rows.next()? {
        each(row)?;
    }
    Ok(())
}

/// The baseline no scoring can beat: runs every query the engine runs, for the whole
/// portfolio, and touches every value of every row without building anything. Returns the
/// number of rows read.
pub(crate) fn raw_read(conn: &Connection, as_of: NaiveDate) -> Result<usize> {
    let as_of = as_of.to_string();
    let mut rows = 0usize;
    let mut bytes = 0usize;
    for q in ALL_QUERIES {
        let mut stmt = prepare(conn, q, Scope::All)?;
        let n = stmt.column_count();
        let mut result = stmt.query([&as_of])?;
        while let Some(row) = result.next()? {
            rows += 1;
            for i in 0..n {
                bytes += match row.get_ref(i)? {
                    ValueRef::Text(t) | ValueRef::Blob(t) => t.len(),
                    ValueRef::Integer(v) => v as usize & 1,
                    ValueRef::Real(_) => 1,
                    ValueRef::Null => 0,
                };
            }
        }
    }
    std::hint::black_box(bytes);
    Ok(rows)
}

fn text<'r>(row: &'r Row, i: usize) -> rusqlite::Result<&'r str> {
    Ok(row.get_ref(i)?.as_str()?)
}

/// A text column's bytes, unchecked: for comparing ids in the hot loops.
fn bytes<'r>(row: &'r Row, i: usize) -> rusqlite::Result<&'r [u8]> {
    Ok(row.get_ref(i)?.as_bytes()?)
}

fn conversion(i: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        i,
        rusqlite::types::Type::Text,
        Box::new(FromSqlError::Other(message.into())),
    )
}

/// Parses a `YYYY-MM-DD` column without going through a format string.
fn date(row: &Row, i: usize) -> rusqlite::Result<NaiveDate> {
    let b = bytes(row, i)?;
    parse_date(b)
        .ok_or_else(|| conversion(i, format!("not a date: {:?}", String::from_utf8_lossy(b))))
}

fn opt_date(row: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    match row.get_ref(i)? {
        ValueRef::Null => Ok(None),
        _ => date(row, i).map(Some),
    }
}

fn parse_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

fn plan_status(s: &str) -> Option<PlanStatus> {
    Some(match s {
        "draft" => PlanStatus::Draft,
        "in_review" => PlanStatus::InReview,
        "approved" => PlanStatus::Approved,
        "retired" => PlanStatus::Retired,
        _ => return None,
    })
}

fn plan_kind(s: &str) -> Option<PlanKind> {
    Some(match s {
        "business_continuity" => PlanKind::BusinessContinuity,
        "it_disaster_recovery" => PlanKind::ItDisasterRecovery,
        "crisis_communications" => PlanKind::CrisisCommunications,
        "pandemic" => PlanKind::Pandemic,
        "emergency_response" => PlanKind::EmergencyResponse,
        "supplier_continuity" => PlanKind::SupplierContinuity,
        _ => return None,
    })
}

fn severity(s: &str) -> Option<Severity> {
    Some(match s {
        "critical" => Severity::Critical,
        "high" => Severity::High,
        "medium" => Severity::Medium,
        "low" => Severity::Low,
        _ => return None,
    })
}

type Map = HashMap<String, u32, rustc_hash::FxBuildHasher>;

/// Looks ids up, remembering the last one: most tables come in primary-key order, so runs of
/// rows of the same plan or site are common and skip the hash.
struct Lookup<'m> {
    map: &'m Map,
    last: String,
    last_index: Option<u32>,
}

impl<'m> Lookup<'m> {
    fn new(map: &'m Map) -> Self {
        Lookup {
            map,
            last: String::new(),
            last_index: None,
        }
    }

    fn get(&mut self, id: &str) -> Option<u32> {
        if id != self.last {
            self.last.clear();
            self.last.push_str(id);
            self.last_index = self.map.get(id).copied();
        }
        self.last_index
    }
}

/// Reads the model for the scope as of a date.
pub(crate) fn load(conn: &Connection, scope: Scope, as_of: NaiveDate) -> Result<Input> {
    let mut input = load_base(conn, scope, as_of)?;
    let training = load_training(conn, scope, as_of, &input)?;
    input.attach(training);
    Ok(input)
}

/// Reads everything but the training completions (see [`load_training`]): what all the
/// components but training need.
pub(crate) fn load_base(conn: &Connection, scope: Scope, as_of: NaiveDate) -> Result<Input> {
    let as_of_text = as_of.to_string();
    let as_of = as_of_text.as_str();
    let mut input = Input::default();

    each_row(conn, &ROLES, scope, as_of, |r| {
        input.roles.push(RoleInfo {
            id: r.get(0)?,
            name: r.get(1)?,
            critical: r.get(2)?,
            courses: Vec::new(),
        });
        Ok(())
    })?;
    each_row(conn, &COURSES, scope, as_of, |r| {
        input.courses.push(CourseInfo {
            id: r.get(0)?,
            name: r.get(1)?,
            validity_months: r.get(2)?,
        });
        Ok(())
    })?;
    {
        let courses = &input.courses;
        let roles = &mut input.roles;
        each_row(conn, &COURSE_ROLES, scope, as_of, |r| {
            let course = text(r, 0)?;
            let role = text(r, 1)?;
            if let (Some(c), Some(role)) = (
                courses.iter().position(|c| c.id == course),
                roles.iter_mut().find(|x| x.id == role),
            ) {
                role.courses.push(c as u16);
            }
            Ok(())
        })?;
    }
    for role in &mut input.roles {
        role.courses.sort_unstable();
    }
    let mut site_index = Map::default();
    each_row(conn, &SITES, scope, as_of, |r| {
        site_index.insert(r.get(0)?, input.sites.len() as u32);
        input.sites.push(SiteIn {
            id: r.get(0)?,
            name: r.get(1)?,
            region: r.get(2)?,
            region_name: r.get(3)?,
            tier: r.get(4)?,
            headcount: r.get(5)?,
            plans: Vec::new(),
            inventory: Vec::new(),
            findings: Vec::new(),
        });
        Ok(())
    })?;
    if input.sites.is_empty() {
        return Ok(input);
    }

    let mut plan_index = Map::default();
    {
        let mut sites = Lookup::new(&site_index);
        each_row(conn, &PLANS, scope, as_of, |r| {
            let Some(site) = sites.get(text(r, 1)?) else {
                return Ok(());
            };
            let i = input.plans.len() as u32;
            plan_index.insert(r.get(0)?, i);
            input.sites[site as usize].plans.push(i);
            input.plans.push(PlanIn {
                id: r.get(0)?,
                title: r.get(2)?,
                kind: plan_kind(text(r, 3)?)
                    .ok_or_else(|| conversion(3, "unknown plan kind".into()))?,
                status: plan_status(text(r, 4)?)
                    .ok_or_else(|| conversion(4, "unknown plan status".into()))?,
                approved_on: opt_date(r, 5)?,
                last_reviewed: opt_date(r, 6)?,
                review_interval_months: r.get(7)?,
                rto: None,
                roles: Vec::new(),
                recover_minutes: None,
                resources: Vec::new(),
                last_exercise: None,
                last_result: None,
            });
            Ok(())
        })?;
    }
    // Smallest RTO per plan: processes by id, then the plan → process links.
    let mut processes: HashMap<String, (i64, String), rustc_hash::FxBuildHasher> =
        HashMap::default();
    each_row(conn, &PROCESSES, scope, as_of, |r| {
        processes.insert(r.get(0)?, (r.get(2)?, r.get(1)?));
        Ok(())
    })?;
    {
        let mut plans = Lookup::new(&plan_index);
        each_row(conn, &PLAN_PROCESSES, scope, as_of, |r| {
            let Some(p) = plans.get(text(r, 0)?) else {
                return Ok(());
            };
            if let Some((minutes, name)) = processes.get(text(r, 1)?) {
                let plan = &mut input.plans[p as usize];
                if plan
                    .rto
                    .as_ref()
                    .is_none_or(|(m, n)| (minutes, name) < (m, n))
                {
                    plan.rto = Some((*minutes, name.clone()));
                }
            }
            Ok(())
        })?;
    }

    {
        let mut plans = Lookup::new(&plan_index);
        let roles = &input.roles;
        let list = &mut input.plans;
        each_row(conn, &PLAN_ROLES, scope, as_of, |r| {
            let Some(p) = plans.get(text(r, 0)?) else {
                return Ok(());
            };
            let role = text(r, 1)?;
            if let Some(role) = roles.iter().position(|x| x.id == role) {
                list[p as usize].roles.push(RoleReq {
                    role: role as u16,
                    alternates: r.get(2)?,
                    assigned: Vec::new(),
                });
            }
            Ok(())
        })?;
    }
    // Assignments first: only the people they name are needed. Rows come by person id, so the
    // people are numbered in id order, which the people and training rows are merged against.
    let mut people: Vec<PersonIn> = Vec::new();
    {
        let mut plans = Lookup::new(&plan_index);
        let roles = &input.roles;
        let list = &mut input.plans;
        each_row(conn, &ASSIGNMENTS, scope, as_of, |r| {
            let Some(p) = plans.get(text(r, 0)?) else {
                return Ok(());
            };
            let role = bytes(r, 1)?;
            let Some(role) = roles.iter().position(|x| x.id.as_bytes() == role) else {
                return Ok(());
            };
            let id = bytes(r, 3)?;
            if people.last().is_none_or(|x| x.id.as_bytes() != id) {
                people.push(PersonIn::placeholder(text(r, 3)?));
            }
            let person = people.len() as u32 - 1;
            if let Some(req) = list[p as usize]
                .roles
                .iter_mut()
                .find(|x| x.role as usize == role)
            {
                req.assigned.push((r.get(2)?, person));
            }
            Ok(())
        })?;
    }
    debug_assert!(people.windows(2).all(|w| w[0].id < w[1].id));
    // Their names and whether they are active. People rows usually come in id order too; when
    // one does not, its place is found again by binary search.
    {
        let mut at = 0usize;
        let mut previous: Vec<u8> = Vec::new();
        each_row(conn, &PEOPLE, scope, as_of, |r| {
            let id = bytes(r, 0)?;
            if id < previous.as_slice() {
                at = people.partition_point(|p| p.id.as_bytes() < id);
            }
            previous.clear();
            previous.extend_from_slice(id);
            while at < people.len() && people[at].id.as_bytes() < id {
                at += 1;
            }
            if let Some(p) = people.get_mut(at).filter(|p| p.id.as_bytes() == id) {
                p.name = r.get(1)?;
                p.active = r.get(2)?;
                p.known = true;
            }
            Ok(())
        })?;
    }
    {
        let mut plans = Lookup::new(&plan_index);
        let list = &mut input.plans;
        each_row(conn, &RECOVER_STEPS, scope, as_of, |r| {
            if let Some(p) = plans.get(text(r, 0)?) {
                list[p as usize].recover_minutes = Some(r.get(1)?);
            }
            Ok(())
        })?;
        let mut plans = Lookup::new(&plan_index);
        each_row(conn, &PLAN_RESOURCES, scope, as_of, |r| {
            if let Some(p) = plans.get(text(r, 0)?) {
                let quantity: i64 = r.get(2)?;
                list[p as usize]
                    .resources
                    .push((r.get(1)?, quantity.max(0) as u64));
            }
            Ok(())
        })?;
    }

    {
        let mut sites = Lookup::new(&site_index);
        let list = &mut input.sites;
        each_row(conn, &INVENTORY, scope, as_of, |r| {
            if let Some(s) = sites.get(text(r, 0)?) {
                let quantity: i64 = r.get(2)?;
                add_quantity(
                    &mut list[s as usize].inventory,
                    text(r, 1)?,
                    quantity.max(0) as u64,
                );
            }
            Ok(())
        })?;
    }
    {
        let mut plans = Lookup::new(&plan_index);
        let list = &mut input.plans;
        each_row(conn, &LAST_EXERCISED, scope, as_of, |r| {
            if let Some(p) = plans.get(text(r, 0)?) {
                list[p as usize].last_exercise = Some(ExerciseRef {
                    id: r.get(1)?,
                    date: date(r, 2)?,
                });
            }
            Ok(())
        })?;
        let mut plans = Lookup::new(&plan_index);
        each_row(conn, &RESULTS, scope, as_of, |r| {
            if let Some(p) = plans.get(text(r, 0)?) {
                let d = date(r, 2)?;
                let plan = &mut list[p as usize];
                if plan.last_result.as_ref().is_none_or(|(e, _)| d > e.date) {
                    plan.last_result = Some((
                        ExerciseRef {
                            id: r.get(1)?,
                            date: d,
                        },
                        r.get(3)?,
                    ));
                }
            }
            Ok(())
        })?;
    }

    {
        let mut sites = Lookup::new(&site_index);
        let list = &mut input.sites;
        each_row(conn, &FINDINGS, scope, as_of, |r| {
            let Some(s) = sites.get(text(r, 0)?) else {
                return Ok(());
            };
            list[s as usize].findings.push(FindingIn {
                id: r.get(1)?,
                action: r.get(2)?,
                severity: severity(text(r, 3)?)
                    .ok_or_else(|| conversion(3, "unknown severity".into()))?,
                owner: r.get(4)?,
                due: date(r, 5)?,
                closed: opt_date(r, 6)?,
                exercise: ExerciseRef {
                    id: r.get(7)?,
                    date: date(r, 8)?,
                },
            });
            Ok(())
        })?;
    }
    input.people = people;
    Ok(input)
}

/// Reads the training completions of the people of a model made by [`load_base`]. The biggest
/// table by far: its rows come by course, then person, and are merged against the people list
/// (numbered in id order) instead of a hash lookup per row, which would miss the cache on every
/// row.
pub(crate) fn load_training(
    conn: &Connection,
    scope: Scope,
    as_of: NaiveDate,
    input: &Input,
) -> Result<Training> {
    let as_of_text = as_of.to_string();
    let people = &input.people;
    let courses = &input.courses;
    let mut training: Training = vec![Vec::new(); people.len()];
    // Room for every course some role requires, so a list is allocated once.
    let required = (0..courses.len())
        .filter(|c| input.roles.iter().any(|r| r.courses.contains(&(*c as u16))))
        .count();
    // The people come sorted from the assignments query; should they not, look them up.
    let index: Option<Map> = if people.windows(2).all(|w| w[0].id < w[1].id) {
        None
    } else {
        Some(
            people
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i as u32))
                .collect(),
        )
    };
    let mut course: Option<u16> = None;
    let mut last_course: Vec<u8> = Vec::new();
    let mut at = 0usize;
    each_row(conn, &TRAINING, scope, &as_of_text, |r| {
        let course_id = bytes(r, 1)?;
        if course_id != last_course.as_slice() {
            last_course.clear();
            last_course.extend_from_slice(course_id);
            course = courses
                .iter()
                .position(|c| c.id.as_bytes() == course_id)
                .map(|c| c as u16);
            at = 0;
        }
        let Some(c) = course else { return Ok(()) };
        let id = bytes(r, 0)?;
        let person = match &index {
            None => {
                while at < people.len() && people[at].id.as_bytes() < id {
                    at += 1;
                }
                (at < people.len() && people[at].id.as_bytes() == id).then_some(at)
            }
            Some(index) => index.get(text(r, 0)?).map(|i| *i as usize),
        };
        if let Some(p) = person {
            let completed = date(r, 2)?;
            let list = &mut training[p];
            match list.iter_mut().find(|(x, _)| *x == c) {
                Some((_, d)) => *d = (*d).max(completed),
                None => {
                    if list.capacity() == 0 {
                        list.reserve_exact(required);
                    }
                    list.push((c, completed));
                }
            }
        }
        Ok(())
    })?;
    Ok(training)
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn dates_are_parsed_from_their_ten_bytes() {
        assert_eq!(parse_date(b"2026-02-29"), None);
        assert_eq!(parse_date(b"2028-02-29"), "2028-02-29".parse().ok());
        assert_eq!(parse_date(b"2028-2-29"), None);
        assert_eq!(parse_date(b"2028-02-2x"), None);
    }
}
