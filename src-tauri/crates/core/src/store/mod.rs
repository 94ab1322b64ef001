//! The SQLite store: one file, WAL, foreign keys on, versioned migrations, every write one
//! IMMEDIATE transaction.
//!
//! A site is the unit of change: every edit loads the site, changes it in memory, runs the same
//! checks as a plan-file import, and writes the site back in one transaction. So a person cannot
//! be deleted while a plan still names them, and an assignment to an unknown person is refused
//! with the same message an import would give.
//!
//! Every write also records what it changed in the audit trail, in the same transaction
//! (`audit`, with the diff in `crate::audit`): an edit, an import (a field-level diff per site)
//! or an undo is one action there.
//!
//! The store owns all of the core's SQL: the app, the CLI and the documents crate call its
//! methods and get typed values back (readiness, forecast, snapshots, the review's lists).
//! It depends on `crate::readiness` (the pure rules and their plain-data model), never the
//! reverse: `store::load` fills the engine's model, `readiness` scores it.

mod audit;
pub(crate) mod cache;
mod codec;
mod csv;
mod engine;
pub mod exercises;
pub mod lifecycle;
mod load;
pub mod maintain;
pub mod migrate;
mod read;
mod review;
pub mod reviews;
mod search;
pub mod settings;
mod snapshots;
pub mod stamp;
pub mod training;
mod write;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};

use crate::audit::{diff_portfolio, diff_site, Source};
use crate::model::*;
use crate::planfile::{Parsed, Problem};
use crate::{validate, Error, Result};
use audit::Trail;

/// The page cache of a large write (see [`Store::with_large_cache`]), in KiB: 256 MB.
const LARGE_WRITE_CACHE_KIB: i64 = 256 * 1024;

pub use audit::UNDO_DEPTH;
pub use review::{CorrectiveActionEntry, ExerciseResultEntry, RevisionEntry};
pub use reviews::{
    ActionState, ExpiringTraining, NewAction, PreviousReview, Review, ReviewChange, ReviewInputs,
    ReviewItem, ReviewItemKind, ReviewPage, ReviewScope, ReviewSite, ReviewStatus,
};

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Who changes are recorded as, when set explicitly (`set_actor`); else resolved per write.
    who: Option<String>,
    source: Source,
    /// The stamp the next edit expects its site to have (`expect_stamp`).
    expected: stamp::Expected,
}

/// What an import or demo load wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ImportSummary {
    pub portfolio: bool,
    pub sites: Vec<String>,
    pub rows: usize,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| Error::DatabaseFile {
            path: path.to_owned(),
            message: e.to_string(),
        })?;
        Self::setup(conn, Some(path.to_owned()))
    }

    /// A private database in memory, for tests.
    pub fn in_memory() -> Result<Store> {
        Self::setup(Connection::open_in_memory()?, None)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        let fail = |e: rusqlite::Error| Error::DatabaseFile {
            path: path.clone().unwrap_or_default(),
            message: match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => {
                    "not a Continuum database (not SQLite)".into()
                }
                _ => e.to_string(),
            },
        };
        conn.busy_timeout(Duration::from_secs(5)).map_err(fail)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(fail)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(fail)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(fail)?;
        migrate::migrate(&mut conn, path.as_deref())?;
        Ok(Store {
            conn,
            path,
            who: None,
            source: Source::App,
            expected: stamp::Expected::default(),
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Folds the write-ahead log back into the database file and empties it, as a clean close
    /// does. The app calls it on exit: a log left behind (hundreds of MB after an import) is
    /// recovered by the next start, which then opens slowly (455 ms at 20,000 sites).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Runs `f` with a page cache of [`LARGE_WRITE_CACHE_KIB`], then back to what it was
    /// (shrinking the cache frees its pages). For one large transaction — an import, the first
    /// scoring of a portfolio — which otherwise outgrows the default 2 MB: pages spill to the
    /// write-ahead log and are read back again and again (importing 20,000 sites took 28 min;
    /// with 256 MB, 1 min 45 s). SQLite allocates the cache as pages are used, so a small
    /// write costs nothing more.
    pub(crate) fn with_large_cache<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        let before: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn
            .pragma_update(None, "cache_size", -LARGE_WRITE_CACHE_KIB)?;
        let result = f(self);
        self.conn.pragma_update(None, "cache_size", before)?;
        result
    }

    fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    // -----------------------------------------------------------------------------------------
    // Reading
    // -----------------------------------------------------------------------------------------

    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sites", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    pub fn portfolio(&self) -> Result<Portfolio> {
        read::portfolio(&self.conn)
    }

    pub fn list_sites(&self) -> Result<Vec<SiteSummary>> {
        read::site_summaries(&self.conn)
    }

    /// [`Store::list_sites`], without counting plans and people (left at 0) unless `counts`.
    pub(crate) fn list_sites_counting(&self, counts: bool) -> Result<Vec<SiteSummary>> {
        read::site_summaries_counting(&self.conn, counts)
    }

    pub fn site_ids(&self) -> Result<Vec<String>> {
        read::site_ids(&self.conn)
    }

    pub fn site(&self, id: &str) -> Result<SiteData> {
        read::site(&self.conn, id)
    }

    pub fn plan(&self, id: &str) -> Result<Plan> {
        read::plan(&self.conn, id)
    }

    pub fn plan_site(&self, plan_id: &str) -> Result<String> {
        read::plan_site(&self.conn, plan_id)
    }

    // -----------------------------------------------------------------------------------------
    // Whole-site writes (import, demo load)
    // -----------------------------------------------------------------------------------------

    /// Replaces the catalogues (if given) and each given site, all or nothing. The files must
    /// have passed `validate::check`; conflicts with the rest of the store (an id used by a site
    /// not being replaced, a catalogue entry removed while still in use) are reported as
    /// problems of the file concerned.
    ///
    /// The trail gets a field-level diff per site (one entry for a new site) as one action of
    /// source `import`; what did not change records nothing.
    pub fn replace(
        &mut self,
        portfolio: Option<&Parsed<Portfolio>>,
        sites: &[Parsed<SiteData>],
    ) -> Result<ImportSummary> {
        self.with_large_cache(|store| store.replace_in_one(portfolio, sites))
    }

    fn replace_in_one(
        &mut self,
        portfolio: Option<&Parsed<Portfolio>>,
        sites: &[Parsed<SiteData>],
    ) -> Result<ImportSummary> {
        let actor = crate::audit::Actor {
            source: Source::Import,
            ..self.actor()?
        };
        let what = match portfolio {
            Some(_) => "the portfolio and ",
            None => "",
        };
        let mut trail = Trail::new(
            actor,
            format!("import of {what}{} site file(s)", sites.len()),
        );
        let tx = self.write()?;
        let mut problems = Vec::new();
        let mut rows = 0;
        // Into an empty store (a first import) every site is new: nothing to read back.
        let had_sites: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM sites)", [], |r| r.get(0))?;
        if let Some(p) = portfolio {
            let before = read::portfolio_if_any(&tx)?;
            trail.portfolio(
                &tx,
                &diff_portfolio(before.as_ref(), Some(&p.value)),
                before.as_ref(),
            )?;
            for (kind, id) in put_catalogue(&tx, &p.value)? {
                problems.push(p.problem(
                    "id",
                    &id,
                    format!("{kind} {id:?} is no longer in the portfolio but sites still use it"),
                ));
            }
            rows += p.value.regions.len() + p.value.roles.len() + p.value.courses.len();
        }
        for file in sites {
            let id = &file.value.site.id;
            let before = match had_sites {
                true => read::site_if_any(&tx, id)?,
                false => None,
            };
            let changes = diff_site(before.as_ref(), Some(&file.value));
            trail.site(&tx, id, &changes, before.as_ref())?;
            write::delete_site(&tx, id)?;
        }
        problems.extend(conflicts_with_other_sites(&tx, sites)?);
        if problems.is_empty() {
            for file in sites {
                rows += write::insert_site(&tx, &file.value)?;
            }
        }
        if !problems.is_empty() {
            return Err(Error::PlanFiles(problems));
        }
        commit(tx)?;
        Ok(ImportSummary {
            portfolio: portfolio.is_some(),
            sites: sites.iter().map(|s| s.value.site.id.clone()).collect(),
            rows,
        })
    }

    // -----------------------------------------------------------------------------------------
    // Edits, one transaction each
    // -----------------------------------------------------------------------------------------

    /// Changes one site in memory and writes it back if it still passes every check. A change
    /// that leaves the site as it was writes and records nothing.
    pub fn edit_site(
        &mut self,
        id: &str,
        change: impl FnOnce(&mut SiteData) -> Result<()>,
    ) -> Result<()> {
        self.edit_site_as(id, format!("edit site {id}"), change)
    }

    /// `edit_site`, recorded in the trail under `summary`.
    fn edit_site_as(
        &mut self,
        id: &str,
        summary: String,
        change: impl FnOnce(&mut SiteData) -> Result<()>,
    ) -> Result<()> {
        let mut expected = std::mem::take(&mut self.expected);
        let mut trail = Trail::new(self.actor()?, summary);
        let tx = self.write()?;
        let before = read::site(&tx, id)?;
        expected.check(id, &before)?;
        let mut data = before.clone();
        change(&mut data)?;
        if data.site.id != id {
            return Err(Error::Invalid(format!(
                "a site's id cannot change (was {id:?}, now {:?})",
                data.site.id
            )));
        }
        let changes = diff_site(Some(&before), Some(&data));
        if changes.is_empty() {
            return Ok(());
        }
        put_site(&tx, data)?;
        trail.site(&tx, id, &changes, Some(&before))?;
        commit(tx)
    }

    /// `edit_site_as` over several sites at once: one transaction, one action in the trail.
    /// Each site is checked as an import checks it; any refusal changes none of them.
    pub(crate) fn edit_sites_as(
        &mut self,
        ids: &[String],
        summary: String,
        change: impl FnOnce(&mut BTreeMap<String, SiteData>) -> Result<()>,
    ) -> Result<()> {
        let mut trail = Trail::new(self.actor()?, summary);
        let tx = self.write()?;
        let mut sites = BTreeMap::new();
        for id in ids {
            sites.insert(id.clone(), read::site(&tx, id)?);
        }
        let before = sites.clone();
        change(&mut sites)?;
        let mut changed = false;
        for (id, data) in sites {
            let old = &before[&id];
            let changes = diff_site(Some(old), Some(&data));
            if changes.is_empty() {
                continue;
            }
            put_site(&tx, data)?;
            trail.site(&tx, &id, &changes, Some(old))?;
            changed = true;
        }
        if !changed {
            return Ok(());
        }
        commit(tx)
    }

    /// Adds a new site (with whatever it already holds).
    pub fn create_site(&mut self, data: SiteData) -> Result<()> {
        let mut trail = Trail::new(self.actor()?, format!("create site {}", data.site.id));
        let tx = self.write()?;
        let exists: Option<i64> = tx
            .query_row("SELECT 1 FROM sites WHERE id = ?1", [&data.site.id], |r| {
                r.get(0)
            })
            .optional()?;
        if exists.is_some() {
            return Err(Error::Conflict(format!(
                "site {:?} already exists",
                data.site.id
            )));
        }
        let id = data.site.id.clone();
        let changes = diff_site(None, Some(&data));
        put_site(&tx, data)?;
        trail.site(&tx, &id, &changes, None)?;
        commit(tx)
    }

    /// Deletes a site and everything in it; its history stays in the trail.
    pub fn delete_site(&mut self, id: &str) -> Result<()> {
        let mut expected = std::mem::take(&mut self.expected);
        let mut trail = Trail::new(self.actor()?, format!("delete site {id}"));
        let tx = self.write()?;
        let before = read::site_if_any(&tx, id)?.ok_or_else(|| Error::not_found("site", id))?;
        // A site changed since its page was read is not deleted on the strength of that page.
        expected.check(id, &before)?;
        write::delete_site(&tx, id)?;
        trail.site(&tx, id, &diff_site(Some(&before), None), Some(&before))?;
        commit(tx)
    }

    pub fn save_person(&mut self, site_id: &str, person: Person) -> Result<()> {
        let summary = format!("save person {}", person.id);
        self.edit_site_as(site_id, summary, |d| {
            upsert(&mut d.people, person, |p| &p.id);
            Ok(())
        })
    }

    pub fn delete_person(&mut self, person_id: &str) -> Result<()> {
        let site = self.owner("people", "person", person_id)?;
        self.edit_site_as(&site, format!("delete person {person_id}"), |d| {
            remove(&mut d.people, "person", person_id, |p| &p.id)
        })
    }

    pub fn save_process(&mut self, site_id: &str, process: Process) -> Result<()> {
        let summary = format!("save process {}", process.id);
        self.edit_site_as(site_id, summary, |d| {
            upsert(&mut d.processes, process, |p| &p.id);
            Ok(())
        })
    }

    pub fn delete_process(&mut self, process_id: &str) -> Result<()> {
        let site = self.owner("processes", "process", process_id)?;
        self.edit_site_as(&site, format!("delete process {process_id}"), |d| {
            remove(&mut d.processes, "process", process_id, |p| &p.id)
        })
    }

    /// Saves a plan (new or changed) as given: the plan in force. A plan given without a
    /// `draft` keeps the draft version it has in the store, so an editor that knows nothing of
    /// drafts cannot drop one (`discard_draft` does); one given with a `draft` stores that too.
    pub fn save_plan(&mut self, site_id: &str, mut plan: Plan) -> Result<()> {
        let summary = format!("save plan {}", plan.id);
        self.edit_site_as(site_id, summary, |d| {
            if plan.draft.is_none() {
                if let Some(stored) = d.plans.iter_mut().find(|p| p.id == plan.id) {
                    plan.draft = stored.draft.take();
                }
            }
            upsert(&mut d.plans, plan, |p| &p.id);
            Ok(())
        })
    }

    /// Saves the draft version of a plan (the next version, being written while the approved
    /// one stays in force): `draft` replaces the draft of the plan with its id, which must have
    /// one (`revise_plan` starts it). Checked as the plan itself would be, named by its path
    /// (`plans[2].draft.steps[0].role`).
    pub fn save_plan_draft(&mut self, site_id: &str, draft: Plan) -> Result<()> {
        let plan_id = draft.id.clone();
        let summary = format!("save the draft of plan {plan_id}");
        self.edit_site_as(site_id, summary, |d| {
            let plan = d
                .plans
                .iter_mut()
                .find(|p| p.id == plan_id)
                .ok_or_else(|| Error::not_found("plan", &plan_id))?;
            match &mut plan.draft {
                Some(slot) => {
                    **slot = draft;
                    Ok(())
                }
                None => Err(Error::Conflict(format!(
                    "plan {plan_id:?} has no draft version: revise it first"
                ))),
            }
        })
    }

    pub fn delete_plan(&mut self, plan_id: &str) -> Result<()> {
        let site = self.owner("plans", "plan", plan_id)?;
        self.edit_site_as(&site, format!("delete plan {plan_id}"), |d| {
            remove(&mut d.plans, "plan", plan_id, |p| &p.id)
        })
    }

    /// Puts a person into a plan role at a rank (0 = primary), replacing whoever held it.
    ///
    /// Assignments say who holds a role today, so they change the plan in force; a draft
    /// version of the plan that has the role gets the same change, so that approving it later
    /// does not bring back someone who was handed over from.
    pub fn assign(&mut self, plan_id: &str, assignment: Assignment) -> Result<()> {
        let site = self.owner("plans", "plan", plan_id)?;
        let summary = format!(
            "assign {} as {} #{} in {plan_id}",
            assignment.person, assignment.role, assignment.rank
        );
        self.edit_site_as(&site, summary, |d| {
            let plan = d
                .plans
                .iter_mut()
                .find(|p| p.id == plan_id)
                .ok_or_else(|| Error::not_found("plan", plan_id))?;
            if let Some(draft) = plan.draft.as_deref_mut() {
                if draft.roles.iter().any(|r| r.role == assignment.role) {
                    put_assignment(draft, assignment.clone());
                }
            }
            put_assignment(plan, assignment);
            Ok(())
        })
    }

    /// Takes a person out of a plan role (in force, and in its draft version if it has one).
    pub fn unassign(&mut self, plan_id: &str, role: &str, rank: u32) -> Result<()> {
        let site = self.owner("plans", "plan", plan_id)?;
        let summary = format!("unassign {role} #{rank} in {plan_id}");
        self.edit_site_as(&site, summary, |d| {
            let plan = d
                .plans
                .iter_mut()
                .find(|p| p.id == plan_id)
                .ok_or_else(|| Error::not_found("plan", plan_id))?;
            if let Some(draft) = plan.draft.as_deref_mut() {
                draft
                    .assignments
                    .retain(|a| !(a.role == role && a.rank == rank));
            }
            let before = plan.assignments.len();
            plan.assignments
                .retain(|a| !(a.role == role && a.rank == rank));
            if plan.assignments.len() == before {
                return Err(Error::not_found(
                    "assignment",
                    format!("{plan_id}/{role}/{rank}"),
                ));
            }
            Ok(())
        })
    }

    pub fn set_inventory(&mut self, site_id: &str, items: Vec<InventoryItem>) -> Result<()> {
        self.edit_site_as(site_id, format!("set the inventory of {site_id}"), |d| {
            d.inventory = items;
            Ok(())
        })
    }

    pub fn record_training(&mut self, record: TrainingRecord) -> Result<()> {
        let site = self.owner("people", "person", &record.person)?;
        let summary = format!(
            "record training {} of {} on {}",
            record.course, record.person, record.completed
        );
        self.edit_site_as(&site, summary, |d| {
            if d.training.contains(&record) {
                return Err(Error::Conflict(format!(
                    "{} already has {} completed on {}",
                    record.person, record.course, record.completed
                )));
            }
            d.training.push(record);
            Ok(())
        })
    }

    pub fn delete_training(&mut self, record: &TrainingRecord) -> Result<()> {
        let site = self.owner("people", "person", &record.person)?;
        let summary = format!(
            "delete training {} of {} on {}",
            record.course, record.person, record.completed
        );
        self.edit_site_as(&site, summary, |d| {
            let before = d.training.len();
            d.training.retain(|t| t != record);
            if d.training.len() == before {
                return Err(Error::not_found(
                    "training record",
                    format!("{}/{}/{}", record.person, record.course, record.completed),
                ));
            }
            Ok(())
        })
    }

    pub fn save_exercise(&mut self, site_id: &str, exercise: Exercise) -> Result<()> {
        let summary = format!("save exercise {}", exercise.id);
        self.edit_site_as(site_id, summary, |d| {
            upsert(&mut d.exercises, exercise, |e| &e.id);
            Ok(())
        })
    }

    pub fn delete_exercise(&mut self, exercise_id: &str) -> Result<()> {
        let site = self.owner("exercises", "exercise", exercise_id)?;
        self.edit_site_as(&site, format!("delete exercise {exercise_id}"), |d| {
            remove(&mut d.exercises, "exercise", exercise_id, |e| &e.id)
        })
    }

    /// Records that a finding's corrective action was completed on a date.
    pub fn close_finding(&mut self, finding_id: &str, closed: NaiveDate) -> Result<()> {
        let site: String = self
            .conn
            .query_row(
                "SELECT e.site_id FROM findings f JOIN exercises e ON e.id = f.exercise_id WHERE f.id = ?1",
                [finding_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found("finding", finding_id))?;
        self.edit_site_as(&site, format!("close finding {finding_id}"), |d| {
            let finding = d
                .exercises
                .iter_mut()
                .flat_map(|e| e.findings.iter_mut())
                .find(|f| f.id == finding_id)
                .ok_or_else(|| Error::not_found("finding", finding_id))?;
            finding.closed = Some(closed);
            Ok(())
        })
    }

    /// Changes the catalogues (regions, roles, courses) or the readiness policy; refused if a
    /// site still uses an entry that the change removes.
    pub fn edit_portfolio(
        &mut self,
        change: impl FnOnce(&mut Portfolio) -> Result<()>,
    ) -> Result<()> {
        let mut trail = Trail::new(self.actor()?, "edit portfolio");
        let tx = self.write()?;
        let before = read::portfolio_if_any(&tx)?;
        let mut portfolio = before.clone().unwrap_or_default();
        change(&mut portfolio)?;
        let changes = diff_portfolio(before.as_ref(), Some(&portfolio));
        if changes.is_empty() {
            return Ok(());
        }
        let parsed = as_parsed(crate::planfile::PORTFOLIO_FILE.into(), portfolio);
        let problems = validate::check(&parsed.value, &[]);
        if !problems.is_empty() {
            return Err(Error::PlanFiles(problems));
        }
        let still_used = put_catalogue(&tx, &parsed.value)?;
        if let Some((kind, id)) = still_used.first() {
            return Err(Error::Conflict(format!(
                "{kind} {id:?} is still used by a site and cannot be removed"
            )));
        }
        trail.portfolio(&tx, &changes, before.as_ref())?;
        commit(tx)
    }

    fn owner(&self, table: &str, kind: &'static str, id: &str) -> Result<String> {
        // `table` is one of our own constants, never user input.
        self.conn
            .query_row(
                &format!("SELECT site_id FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::not_found(kind, id))
    }
}

fn as_parsed<T>(path: PathBuf, value: T) -> Parsed<T> {
    Parsed {
        path,
        text: String::new(),
        value,
    }
}

/// Writes the catalogues; if they changed, every cached readiness goes (role, course and region
/// names appear in the reasons, and the policy lives there).
fn put_catalogue(tx: &Transaction, portfolio: &Portfolio) -> Result<Vec<(String, String)>> {
    if read::portfolio(tx).ok().as_ref() != Some(portfolio) {
        cache::clear(tx)?;
    }
    Ok(write::put_portfolio(tx, portfolio)?)
}

/// Validates a site against the store's catalogue and the other sites, then replaces it.
fn put_site(tx: &Transaction, data: SiteData) -> Result<()> {
    let catalogue = read::portfolio(tx)?;
    let file = as_parsed(PathBuf::from(format!("{}.json", data.site.id)), data);
    let files = std::slice::from_ref(&file);
    let mut problems = validate::check(&catalogue, files);
    write::delete_site(tx, &file.value.site.id)?;
    problems.extend(conflicts_with_other_sites(tx, files)?);
    if !problems.is_empty() {
        return Err(Error::PlanFiles(problems));
    }
    write::insert_site(tx, &file.value)?;
    Ok(())
}

/// Commits, turning a deferred foreign-key failure into a readable error.
fn commit(tx: Transaction) -> Result<()> {
    tx.commit().map_err(|e| {
        if write::is_constraint(&e) {
            Error::Invalid(format!(
                "the change leaves a reference to something that does not exist ({e})"
            ))
        } else {
            Error::Database(e)
        }
    })
}

/// Ids are global: a site file may not reuse an id another site (not being replaced) holds.
fn conflicts_with_other_sites(
    tx: &Transaction,
    sites: &[Parsed<SiteData>],
) -> Result<Vec<Problem>> {
    let mut problems = Vec::new();
    let others: i64 = tx.query_row("SELECT count(*) FROM sites", [], |r| r.get(0))?;
    if others == 0 {
        return Ok(problems);
    }
    let replaced: HashSet<&str> = sites.iter().map(|s| s.value.site.id.as_str()).collect();
    for file in sites {
        let d = &file.value;
        let mut checks: Vec<(&str, &str, &str)> = Vec::new();
        checks.extend(d.people.iter().map(|p| {
            (
                "person",
                "SELECT site_id FROM people WHERE id = ?1",
                p.id.as_str(),
            )
        }));
        checks.extend(d.processes.iter().map(|p| {
            (
                "process",
                "SELECT site_id FROM processes WHERE id = ?1",
                p.id.as_str(),
            )
        }));
        checks.extend(d.plans.iter().map(|p| {
            (
                "plan",
                "SELECT site_id FROM plans WHERE id = ?1",
                p.id.as_str(),
            )
        }));
        checks.extend(d.exercises.iter().map(|e| {
            (
                "exercise",
                "SELECT site_id FROM exercises WHERE id = ?1",
                e.id.as_str(),
            )
        }));
        checks.extend(d.exercises.iter().flat_map(|e| e.findings.iter()).map(|f| {
            (
                "finding",
                "SELECT e.site_id FROM findings f JOIN exercises e ON e.id = f.exercise_id WHERE f.id = ?1",
                f.id.as_str(),
            )
        }));
        for (kind, sql, id) in checks {
            let owner: Option<String> = tx
                .prepare_cached(sql)?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if let Some(owner) = owner.filter(|o| !replaced.contains(o.as_str())) {
                problems.push(file.problem(
                    "id",
                    id,
                    format!("{kind} id {id:?} already belongs to site {owner:?}"),
                ));
            }
        }
    }
    Ok(problems)
}

/// Puts an assignment in its slot (role and rank) of a plan, replacing whoever held it.
fn put_assignment(plan: &mut Plan, assignment: Assignment) {
    match plan
        .assignments
        .iter_mut()
        .find(|a| a.role == assignment.role && a.rank == assignment.rank)
    {
        Some(slot) => *slot = assignment,
        None => plan.assignments.push(assignment),
    }
}

fn upsert<T>(list: &mut Vec<T>, item: T, key: impl Fn(&T) -> &String) {
    match list.iter().position(|x| key(x) == key(&item)) {
        Some(i) => list[i] = item,
        None => list.push(item),
    }
}

fn remove<T>(
    list: &mut Vec<T>,
    kind: &'static str,
    id: &str,
    key: impl Fn(&T) -> &String,
) -> Result<()> {
    let before = list.len();
    list.retain(|x| key(x) != id);
    if list.len() == before {
        return Err(Error::not_found(kind, id));
    }
    Ok(())
}
