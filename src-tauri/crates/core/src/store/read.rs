//! Reading sites and catalogues back into the domain model, in the order authors wrote them.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

use super::codec::{from_json, from_name};
use crate::model::*;
use crate::span::Span;
use crate::{Error, Result};

pub fn portfolio(conn: &Connection) -> Result<Portfolio> {
    let (name, written_for, readiness): (String, Option<NaiveDate>, Option<String>) = conn
        .query_row(
            "SELECT name, written_for, readiness FROM portfolio WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .unwrap_or_default();
    let readiness = readiness.map(|text| from_json(2, &text)).transpose()?;
    let regions = conn
        .prepare_cached("SELECT id, name FROM regions ORDER BY position")?
        .query_map([], |r| {
            Ok(Region {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let roles = conn
        .prepare_cached("SELECT id, name, critical, description FROM roles ORDER BY position")?
        .query_map([], |r| {
            Ok(Role {
                id: r.get(0)?,
                name: r.get(1)?,
                critical: r.get(2)?,
                description: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut course_roles = conn.prepare_cached(
        "SELECT role_id FROM course_roles WHERE course_id = ?1 ORDER BY position",
    )?;
    let mut courses: Vec<Course> = conn
        .prepare_cached("SELECT id, name, validity_months FROM courses ORDER BY position")?
        .query_map([], |r| {
            Ok(Course {
                id: r.get(0)?,
                name: r.get(1)?,
                validity_months: r.get(2)?,
                required_for_roles: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for course in &mut courses {
        course.required_for_roles = course_roles
            .query_map([&course.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(Portfolio {
        format: Format::V1,
        written_for,
        name,
        regions,
        roles,
        courses,
        readiness,
    })
}

pub fn site_ids(conn: &Connection) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT id FROM sites ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn site_summaries(conn: &Connection) -> Result<Vec<SiteSummary>> {
    site_summaries_counting(conn, true)
}

/// [`site_summaries`], with `plans` and `people` left at 0 unless `counts`: counting reads
/// every site's plans and people (an index scan of each, 0.1–0.3 s at 20,000 sites), which the
/// dashboard takes from the readiness cache instead.
pub(crate) fn site_summaries_counting(conn: &Connection, counts: bool) -> Result<Vec<SiteSummary>> {
    let mut stmt = conn.prepare_cached(if counts {
        "SELECT s.id, s.name, s.country, s.region_id, r.name, s.city, s.latitude, s.longitude, s.tier, s.headcount,
                (SELECT count(*) FROM plans p WHERE p.site_id = s.id),
                (SELECT count(*) FROM people p WHERE p.site_id = s.id)
         FROM sites s JOIN regions r ON r.id = s.region_id
         ORDER BY r.position, s.id"
    } else {
        "SELECT s.id, s.name, s.country, s.region_id, r.name, s.city, s.latitude, s.longitude, s.tier, s.headcount,
                0, 0
         FROM sites s JOIN regions r ON r.id = s.region_id
         ORDER BY r.position, s.id"
    })?;
    let rows = stmt.query_map([], |r| {
        Ok(SiteSummary {
            id: r.get(0)?,
            name: r.get(1)?,
            country: r.get(2)?,
            region: r.get(3)?,
            region_name: r.get(4)?,
            city: r.get(5)?,
            latitude: r.get(6)?,
            longitude: r.get(7)?,
            tier: r.get(8)?,
            headcount: r.get(9)?,
            plans: r.get(10)?,
            people: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn span(r: &Row, i: usize) -> rusqlite::Result<Span> {
    Ok(Span::from_minutes(r.get(i)?))
}

/// The site, or None if there is no such site.
pub fn site_if_any(conn: &Connection, id: &str) -> Result<Option<SiteData>> {
    let exists = conn
        .prepare_cached("SELECT 1 FROM sites WHERE id = ?1")?
        .exists([id])?;
    exists.then(|| site(conn, id)).transpose()
}

/// The portfolio, or None before any was written.
pub fn portfolio_if_any(conn: &Connection) -> Result<Option<Portfolio>> {
    let exists = conn
        .prepare_cached("SELECT 1 FROM portfolio WHERE id = 1")?
        .exists([])?;
    exists.then(|| portfolio(conn)).transpose()
}

pub fn site(conn: &Connection, id: &str) -> Result<SiteData> {
    let (written_for, site) = conn
        .prepare_cached(
            "SELECT id, name, country, region_id, city, latitude, longitude, time_zone, tier, headcount, lead_id, written_for
             FROM sites WHERE id = ?1",
        )?
        .query_row([id], |r| {
            let written_for: Option<NaiveDate> = r.get(11)?;
            Ok((written_for, Site {
                id: r.get(0)?,
                name: r.get(1)?,
                country: r.get(2)?,
                region: r.get(3)?,
                city: r.get(4)?,
                latitude: r.get(5)?,
                longitude: r.get(6)?,
                time_zone: r.get(7)?,
                tier: r.get(8)?,
                headcount: r.get(9)?,
                lead: r.get(10)?,
            }))
        })
        .optional()?
        .ok_or_else(|| Error::not_found("site", id))?;

    let people = conn
        .prepare_cached("SELECT id, name, title, email, phones, active FROM people WHERE site_id = ?1 ORDER BY position")?
        .query_map([id], |r| {
            Ok(Person {
                id: r.get(0)?,
                name: r.get(1)?,
                title: r.get(2)?,
                email: r.get(3)?,
                phones: from_json(4, &r.get::<_, String>(4)?)?,
                active: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    let processes = conn
        .prepare_cached(
            "SELECT id, name, owner_id, criticality, rto_minutes, rpo_minutes, mtpd_minutes, dependencies, minimum_staff
             FROM processes WHERE site_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Process {
                id: r.get(0)?,
                name: r.get(1)?,
                owner: r.get(2)?,
                criticality: from_name(3, r.get(3)?)?,
                rto: span(r, 4)?,
                rpo: span(r, 5)?,
                mtpd: span(r, 6)?,
                dependencies: from_json(7, &r.get::<_, String>(7)?)?,
                minimum_staff: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    let plan_ids: Vec<String> = conn
        .prepare_cached("SELECT id FROM plans WHERE site_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let plans = plan_ids
        .iter()
        .map(|p| plan(conn, p))
        .collect::<Result<_>>()?;

    let inventory = conn
        .prepare_cached(
            "SELECT kind, quantity, location FROM inventory WHERE site_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(InventoryItem {
                kind: r.get(0)?,
                quantity: r.get(1)?,
                location: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;

    let training = conn
        .prepare_cached(
            "SELECT person_id, course_id, completed FROM training_records WHERE site_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| Ok(TrainingRecord { person: r.get(0)?, course: r.get(1)?, completed: r.get(2)? }))?
        .collect::<rusqlite::Result<_>>()?;

    let exercises = exercises(conn, id)?;

    Ok(SiteData {
        format: Format::V1,
        written_for,
        site,
        people,
        processes,
        plans,
        inventory,
        training,
        exercises,
    })
}

/// One plan, whole. Returns `NotFound` for an unknown id.
pub fn plan(conn: &Connection, id: &str) -> Result<Plan> {
    let mut plan = conn
        .prepare_cached(
            "SELECT id, title, kind, owner_id, version, status, approver_id, approved_on, last_reviewed,
                    review_interval_months, purpose, scope, objectives, assumptions, scenarios,
                    activation_criteria, relocation, vital_records, contacts, draft
             FROM plans WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Plan {
                id: r.get(0)?,
                title: r.get(1)?,
                kind: from_name(2, r.get(2)?)?,
                owner: r.get(3)?,
                version: r.get(4)?,
                status: from_name(5, r.get(5)?)?,
                approver: r.get(6)?,
                approved_on: r.get(7)?,
                last_reviewed: r.get(8)?,
                review_interval_months: r.get(9)?,
                purpose: r.get(10)?,
                scope: r.get(11)?,
                objectives: from_json(12, &r.get::<_, String>(12)?)?,
                assumptions: from_json(13, &r.get::<_, String>(13)?)?,
                scenarios: from_json(14, &r.get::<_, String>(14)?)?,
                activation_criteria: from_json(15, &r.get::<_, String>(15)?)?,
                relocation: match r.get::<_, Option<String>>(16)? {
                    Some(text) => Some(from_json(16, &text)?),
                    None => None,
                },
                vital_records: from_json(17, &r.get::<_, String>(17)?)?,
                contacts: from_json(18, &r.get::<_, String>(18)?)?,
                activated_by: Vec::new(),
                stood_down_by: Vec::new(),
                processes: Vec::new(),
                roles: Vec::new(),
                assignments: Vec::new(),
                steps: Vec::new(),
                resources: Vec::new(),
                communications: Vec::new(),
                distribution: Vec::new(),
                revisions: Vec::new(),
                draft: match r.get::<_, Option<String>>(19)? {
                    Some(text) => Some(Box::new(from_json(19, &text)?)),
                    None => None,
                },
            })
        })
        .optional()?
        .ok_or_else(|| Error::not_found("plan", id))?;

    plan.processes = strings(
        conn,
        "SELECT process_id FROM plan_processes WHERE plan_id = ?1 ORDER BY position",
        id,
    )?;
    plan.activated_by = strings(
        conn,
        "SELECT role_id FROM plan_authorities WHERE plan_id = ?1 AND authority = 'activate' ORDER BY position",
        id,
    )?;
    plan.stood_down_by = strings(
        conn,
        "SELECT role_id FROM plan_authorities WHERE plan_id = ?1 AND authority = 'stand_down' ORDER BY position",
        id,
    )?;
    plan.distribution = strings(
        conn,
        "SELECT person_id FROM distribution WHERE plan_id = ?1 ORDER BY position",
        id,
    )?;
    plan.roles = conn
        .prepare_cached(
            "SELECT role_id, alternates FROM plan_roles WHERE plan_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(RequiredRole {
                role: r.get(0)?,
                alternates: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    plan.assignments = conn
        .prepare_cached(
            "SELECT role_id, person_id, rank FROM assignments WHERE plan_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Assignment {
                role: r.get(0)?,
                person: r.get(1)?,
                rank: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    plan.steps = conn
        .prepare_cached("SELECT phase, action, role_id, target_minutes FROM steps WHERE plan_id = ?1 ORDER BY position")?
        .query_map([id], |r| {
            Ok(Step { phase: from_name(0, r.get(0)?)?, action: r.get(1)?, role: r.get(2)?, target_time: span(r, 3)? })
        })?
        .collect::<rusqlite::Result<_>>()?;
    plan.resources = conn
        .prepare_cached(
            "SELECT kind, quantity FROM plan_resources WHERE plan_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(ResourceNeed {
                kind: r.get(0)?,
                quantity: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    plan.communications = conn
        .prepare_cached(
            "SELECT audience, message, channel, timing, role_id FROM communications WHERE plan_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Communication {
                audience: r.get(0)?,
                message: r.get(1)?,
                channel: r.get(2)?,
                timing: r.get(3)?,
                role: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    plan.revisions = conn
        .prepare_cached("SELECT version, date, author_id, summary FROM revisions WHERE plan_id = ?1 ORDER BY position")?
        .query_map([id], |r| Ok(Revision { version: r.get(0)?, date: r.get(1)?, author: r.get(2)?, summary: r.get(3)? }))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(plan)
}

/// The site a plan belongs to.
pub fn plan_site(conn: &Connection, plan_id: &str) -> Result<String> {
    conn.prepare_cached("SELECT site_id FROM plans WHERE id = ?1")?
        .query_row([plan_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found("plan", plan_id))
}

fn strings(conn: &Connection, sql: &str, id: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn exercises(conn: &Connection, site_id: &str) -> Result<Vec<Exercise>> {
    let mut list: Vec<Exercise> = conn
        .prepare_cached(
            "SELECT id, title, date, kind, outcome, summary, scenario FROM exercises WHERE site_id = ?1 ORDER BY position",
        )?
        .query_map([site_id], |r| {
            Ok(Exercise {
                id: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                kind: from_name(3, r.get(3)?)?,
                outcome: from_name(4, r.get(4)?)?,
                summary: r.get(5)?,
                scenario: r.get(6)?,
                participants: Vec::new(),
                plans: Vec::new(),
                results: Vec::new(),
                findings: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for e in &mut list {
        e.plans = strings(
            conn,
            "SELECT plan_id FROM exercise_plans WHERE exercise_id = ?1 ORDER BY position",
            &e.id,
        )?;
        e.participants = strings(
            conn,
            "SELECT person_id FROM exercise_participants WHERE exercise_id = ?1 ORDER BY position",
            &e.id,
        )?;
        e.results = conn
            .prepare_cached(
                "SELECT plan_id, recovery_minutes FROM exercise_results WHERE exercise_id = ?1 ORDER BY position",
            )?
            .query_map(params![e.id], |r| Ok(ExerciseResult { plan: r.get(0)?, recovery_time: span(r, 1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        e.findings = conn
            .prepare_cached(
                "SELECT id, description, severity, action, owner_id, due, closed FROM findings
                 WHERE exercise_id = ?1 ORDER BY position",
            )?
            .query_map(params![e.id], |r| {
                Ok(Finding {
                    id: r.get(0)?,
                    description: r.get(1)?,
                    severity: from_name(2, r.get(2)?)?,
                    action: r.get(3)?,
                    owner: r.get(4)?,
                    due: r.get(5)?,
                    closed: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    Ok(list)
}
