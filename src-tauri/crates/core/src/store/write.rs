//! Writing a whole site or the catalogues inside a caller's transaction. Public store functions
//! open the transaction (IMMEDIATE) and commit; these helpers only insert.

use rusqlite::{params, Transaction};

use super::codec::{json, name};
use crate::model::{Plan, Portfolio, SiteData};
use crate::Result;

/// Upserts the catalogues and removes entries the portfolio no longer lists. A removed region,
/// role or course still used by a site fails on its foreign key; the caller names it.
pub fn put_portfolio(
    tx: &Transaction,
    portfolio: &Portfolio,
) -> rusqlite::Result<Vec<(String, String)>> {
    tx.execute(
        "INSERT INTO portfolio (id, name, written_for, readiness) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, written_for = excluded.written_for,
           readiness = excluded.readiness",
        params![
            portfolio.name,
            portfolio.written_for,
            portfolio.readiness.as_ref().map(json)
        ],
    )?;
    let mut still_used = Vec::new();
    {
        let mut up = tx.prepare_cached(
            "INSERT INTO regions (id, position, name) VALUES (?1, ?2, ?3)
             ON CONFLICT(id) DO UPDATE SET position = excluded.position, name = excluded.name",
        )?;
        for (i, r) in portfolio.regions.iter().enumerate() {
            up.execute(params![r.id, i, r.name])?;
        }
        let mut up = tx.prepare_cached(
            "INSERT INTO roles (id, position, name, critical, description) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO UPDATE SET position = excluded.position, name = excluded.name,
               critical = excluded.critical, description = excluded.description",
        )?;
        for (i, r) in portfolio.roles.iter().enumerate() {
            up.execute(params![r.id, i, r.name, r.critical, r.description])?;
        }
        let mut up = tx.prepare_cached(
            "INSERT INTO courses (id, position, name, validity_months) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(id) DO UPDATE SET position = excluded.position, name = excluded.name,
               validity_months = excluded.validity_months",
        )?;
        for (i, c) in portfolio.courses.iter().enumerate() {
            up.execute(params![c.id, i, c.name, c.validity_months])?;
        }
        tx.execute("DELETE FROM course_roles", [])?;
        let mut ins = tx.prepare_cached(
            "INSERT INTO course_roles (course_id, role_id, position) VALUES (?1, ?2, ?3)",
        )?;
        for c in &portfolio.courses {
            for (i, role) in c.required_for_roles.iter().enumerate() {
                ins.execute(params![c.id, role, i])?;
            }
        }
    }
    for (table, kind, keep) in [
        (
            "courses",
            "course",
            portfolio
                .courses
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>(),
        ),
        (
            "roles",
            "role",
            portfolio.roles.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            "regions",
            "region",
            portfolio.regions.iter().map(|r| r.id.as_str()).collect(),
        ),
    ] {
        let existing: Vec<String> = tx
            .prepare(&format!("SELECT id FROM {table}"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in existing.iter().filter(|id| !keep.contains(&id.as_str())) {
            match tx.execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id]) {
                Ok(_) => {}
                Err(e) if is_constraint(&e) => still_used.push((kind.to_owned(), id.clone())),
                Err(e) => return Err(e),
            }
        }
    }
    Ok(still_used)
}

/// Removes the portfolio and its catalogues (no site may use them any more), as before the
/// first import.
pub fn clear_portfolio(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "DELETE FROM course_roles; DELETE FROM courses; DELETE FROM roles; DELETE FROM regions;
         DELETE FROM portfolio;",
    )?;
    super::cache::clear(tx)?;
    Ok(())
}

pub fn is_constraint(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ConstraintViolation)
    )
}

/// Deletes a site and everything in it, its cached readiness included: every replacement or
/// edit of a site goes through here, so none can leave a stale cache row behind.
pub fn delete_site(tx: &Transaction, id: &str) -> rusqlite::Result<usize> {
    tx.execute("DELETE FROM readiness_cache WHERE site_id = ?1", [id])?;
    tx.execute("DELETE FROM sites WHERE id = ?1", [id])
}

/// Inserts a site and everything in it. The site must not exist (delete it first). Returns
/// the number of rows written.
pub fn insert_site(tx: &Transaction, data: &SiteData) -> Result<usize> {
    let s = &data.site;
    let mut rows = 1;
    tx.prepare_cached(
        "INSERT INTO sites (id, name, country, region_id, city, latitude, longitude, time_zone, tier, headcount, lead_id, written_for)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![s.id, s.name, s.country, s.region, s.city, s.latitude, s.longitude, s.time_zone, s.tier, s.headcount, s.lead, data.written_for])?;

    let mut ins = tx.prepare_cached(
        "INSERT INTO people (id, site_id, position, name, title, email, phones, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for (i, p) in data.people.iter().enumerate() {
        ins.execute(params![
            p.id,
            s.id,
            i,
            p.name,
            p.title,
            p.email,
            json(&p.phones),
            p.active
        ])?;
    }
    rows += data.people.len();

    let mut ins = tx.prepare_cached(
        "INSERT INTO processes (id, site_id, position, name, owner_id, criticality, rto_minutes, rpo_minutes, mtpd_minutes, dependencies, minimum_staff)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, p) in data.processes.iter().enumerate() {
        ins.execute(params![
            p.id,
            s.id,
            i,
            p.name,
            p.owner,
            name(&p.criticality),
            p.rto.minutes(),
            p.rpo.minutes(),
            p.mtpd.minutes(),
            json(&p.dependencies),
            p.minimum_staff
        ])?;
    }
    rows += data.processes.len();

    for (i, plan) in data.plans.iter().enumerate() {
        rows += insert_plan(tx, &s.id, i, plan)?;
    }

    let mut ins = tx.prepare_cached("INSERT INTO inventory (site_id, position, kind, quantity, location) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (i, item) in data.inventory.iter().enumerate() {
        ins.execute(params![s.id, i, item.kind, item.quantity, item.location])?;
    }
    rows += data.inventory.len();

    let mut ins = tx.prepare_cached(
        "INSERT INTO training_records (person_id, course_id, completed, site_id, position) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, t) in data.training.iter().enumerate() {
        ins.execute(params![t.person, t.course, t.completed, s.id, i])?;
    }
    rows += data.training.len();

    for (i, e) in data.exercises.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO exercises (id, site_id, position, title, date, kind, outcome, summary, scenario)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            e.id,
            s.id,
            i,
            e.title,
            e.date,
            name(&e.kind),
            name(&e.outcome),
            e.summary,
            e.scenario
        ])?;
        let mut ins = tx.prepare_cached(
            "INSERT INTO exercise_plans (exercise_id, position, plan_id) VALUES (?1, ?2, ?3)",
        )?;
        for (j, plan) in e.plans.iter().enumerate() {
            ins.execute(params![e.id, j, plan])?;
        }
        let mut ins = tx.prepare_cached(
            "INSERT INTO exercise_participants (exercise_id, position, person_id) VALUES (?1, ?2, ?3)",
        )?;
        for (j, person) in e.participants.iter().enumerate() {
            ins.execute(params![e.id, j, person])?;
        }
        let mut ins = tx.prepare_cached(
            "INSERT INTO exercise_results (exercise_id, position, plan_id, recovery_minutes) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (j, r) in e.results.iter().enumerate() {
            ins.execute(params![e.id, j, r.plan, r.recovery_time.minutes()])?;
        }
        let mut ins = tx.prepare_cached(
            "INSERT INTO findings (id, exercise_id, position, description, severity, action, owner_id, due, closed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for (j, f) in e.findings.iter().enumerate() {
            ins.execute(params![
                f.id,
                e.id,
                j,
                f.description,
                name(&f.severity),
                f.action,
                f.owner,
                f.due,
                f.closed
            ])?;
        }
        rows += 1 + e.plans.len() + e.participants.len() + e.results.len() + e.findings.len();
    }
    Ok(rows)
}

fn insert_plan(tx: &Transaction, site_id: &str, position: usize, p: &Plan) -> Result<usize> {
    tx.prepare_cached(
        "INSERT INTO plans (id, site_id, position, title, kind, owner_id, version, status, approver_id, approved_on,
           last_reviewed, review_interval_months, purpose, scope, objectives, assumptions, scenarios,
           activation_criteria, relocation, vital_records, contacts, draft)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
    )?
    .execute(params![
        p.id, site_id, position, p.title, name(&p.kind), p.owner, p.version, name(&p.status), p.approver,
        p.approved_on, p.last_reviewed, p.review_interval_months, p.purpose, p.scope, json(&p.objectives),
        json(&p.assumptions), json(&p.scenarios), json(&p.activation_criteria),
        p.relocation.as_ref().map(json), json(&p.vital_records), json(&p.contacts),
        p.draft.as_ref().map(json)
    ])?;
    let mut ins = tx.prepare_cached(
        "INSERT INTO plan_processes (plan_id, process_id, position) VALUES (?1, ?2, ?3)",
    )?;
    for (i, process) in p.processes.iter().enumerate() {
        ins.execute(params![p.id, process, i])?;
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO plan_roles (plan_id, role_id, position, alternates) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, r) in p.roles.iter().enumerate() {
        ins.execute(params![p.id, r.role, i, r.alternates])?;
    }
    let mut ins = tx.prepare_cached("INSERT INTO plan_authorities (plan_id, authority, role_id, position) VALUES (?1, ?2, ?3, ?4)")?;
    for (i, role) in p.activated_by.iter().enumerate() {
        ins.execute(params![p.id, "activate", role, i])?;
    }
    for (i, role) in p.stood_down_by.iter().enumerate() {
        ins.execute(params![p.id, "stand_down", role, i])?;
    }
    let mut ins = tx.prepare_cached("INSERT INTO assignments (plan_id, role_id, rank, position, person_id) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (i, a) in p.assignments.iter().enumerate() {
        ins.execute(params![p.id, a.role, a.rank, i, a.person])?;
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO steps (plan_id, position, phase, action, role_id, target_minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, s) in p.steps.iter().enumerate() {
        ins.execute(params![
            p.id,
            i,
            name(&s.phase),
            s.action,
            s.role,
            s.target_time.minutes()
        ])?;
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO plan_resources (plan_id, position, kind, quantity) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, r) in p.resources.iter().enumerate() {
        ins.execute(params![p.id, i, r.kind, r.quantity])?;
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO communications (plan_id, position, audience, message, channel, timing, role_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, c) in p.communications.iter().enumerate() {
        ins.execute(params![
            p.id, i, c.audience, c.message, c.channel, c.timing, c.role
        ])?;
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO distribution (plan_id, position, person_id) VALUES (?1, ?2, ?3)",
    )?;
    for (i, person) in p.distribution.iter().enumerate() {
        ins.execute(params![p.id, i, person])?;
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO revisions (plan_id, position, version, date, author_id, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, r) in p.revisions.iter().enumerate() {
        ins.execute(params![p.id, i, r.version, r.date, r.author, r.summary])?;
    }
    Ok(1 + p.processes.len()
        + p.roles.len()
        + p.activated_by.len()
        + p.stood_down_by.len()
        + p.assignments.len()
        + p.steps.len()
        + p.resources.len()
        + p.communications.len()
        + p.distribution.len()
        + p.revisions.len())
}
