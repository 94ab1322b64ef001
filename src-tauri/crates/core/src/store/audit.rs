//! The audit trail in SQLite (schema version 4): recording inside the writer's transaction,
//! reading it back, undoing the last action.
//!
//! Every write of the store is one action (`audit_changes`: when, who, through what, a
//! summary) with its field-level entries (`audit`, computed by `crate::audit`). Both tables are
//! append-only: triggers refuse any UPDATE or DELETE, and no foreign key ties them to the sites,
//! so a deleted site keeps its history. An action that changed nothing leaves no trace (an
//! unchanged re-import records nothing).
//!
//! Undo works from the trail: each action also keeps the state before it of what it touched
//! (`audit_undo`: a site as JSON, or the portfolio; NULL where it did not exist yet), for the
//! last `UNDO_DEPTH` actions. Undoing checks that the current state is still what the action
//! left (its entries, recomputed, match the recorded ones), restores the state before, and
//! records that as a new action ("undo of #N") — nothing in the trail is ever removed.

use chrono::{SecondsFormat, Utc};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};
use serde_json::Value;

use super::codec::{from_name, json, name};
use super::{commit, put_catalogue, put_site, read, write, Store};
use crate::audit::{
    self, Actor, AuditEntry, Change, ChangeSet, HistoryFilter, Source, UndoneChange,
};
use crate::model::{Portfolio, SiteData};
use crate::{Error, Result};

/// How many of the latest actions can be undone; the state before older ones is dropped.
pub const UNDO_DEPTH: i64 = 100;

/// The settings key of the user's name (see `Store::user_name`).
const USER_NAME: &str = "user_name";

/// The record of one action, written inside the action's transaction. Its `audit_changes` row is
/// written with the first entry, so an action that changed nothing leaves no row.
pub(super) struct Trail {
    actor: Actor,
    at: String,
    summary: String,
    undoes: Option<i64>,
    id: Option<i64>,
    entries: u32,
}

impl Trail {
    pub(super) fn new(actor: Actor, summary: impl Into<String>) -> Trail {
        Trail {
            actor,
            at: Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
            summary: summary.into(),
            undoes: None,
            id: None,
            entries: 0,
        }
    }

    fn begin(&mut self, tx: &Transaction) -> Result<i64> {
        if let Some(id) = self.id {
            return Ok(id);
        }
        tx.prepare_cached(
            "INSERT INTO audit_changes (at, who, source, summary, undoes) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            self.at,
            self.actor.who,
            name(&self.actor.source),
            self.summary,
            self.undoes
        ])?;
        let id = tx.last_insert_rowid();
        tx.prepare_cached("DELETE FROM audit_undo WHERE change_id <= ?1")?
            .execute([id - UNDO_DEPTH])?;
        self.id = Some(id);
        Ok(id)
    }

    /// Records what changed in a site; `before` is kept for undo (None: the site is new).
    pub(super) fn site(
        &mut self,
        tx: &Transaction,
        site: &str,
        changes: &[Change],
        before: Option<&SiteData>,
    ) -> Result<()> {
        self.record(tx, Some(site), changes, before.map(json))
    }

    /// Records what changed in the portfolio; `before` is kept for undo (None: there was none).
    pub(super) fn portfolio(
        &mut self,
        tx: &Transaction,
        changes: &[Change],
        before: Option<&Portfolio>,
    ) -> Result<()> {
        self.record(tx, None, changes, before.map(json))
    }

    fn record(
        &mut self,
        tx: &Transaction,
        site: Option<&str>,
        changes: &[Change],
        before: Option<String>,
    ) -> Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        let id = self.begin(tx)?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO audit (change_id, at, who, source, site_id, entity, entity_id, field, old, new)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        let source = name(&self.actor.source);
        for c in changes {
            insert.execute(params![
                id,
                self.at,
                self.actor.who,
                source,
                site,
                c.entity,
                c.id,
                c.field,
                text(&c.old),
                text(&c.new)
            ])?;
        }
        self.entries += changes.len() as u32;
        // An undo is not itself undone (there is no redo): it keeps no state before.
        if self.undoes.is_none() {
            tx.prepare_cached(
                "INSERT INTO audit_undo (change_id, site_id, before) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, site, before])?;
        }
        Ok(())
    }
}

/// A JSON value as stored: SQL NULL for null.
fn text(v: &Value) -> Option<String> {
    (!v.is_null()).then(|| v.to_string())
}

fn value(r: &Row, i: usize) -> rusqlite::Result<Value> {
    let text: Option<String> = r.get(i)?;
    match text {
        None => Ok(Value::Null),
        Some(t) => super::codec::from_json(i, &t),
    }
}

fn change_set(r: &Row) -> rusqlite::Result<ChangeSet> {
    Ok(ChangeSet {
        id: r.get(0)?,
        at: r.get(1)?,
        who: r.get(2)?,
        source: from_name(3, r.get(3)?)?,
        summary: r.get(4)?,
        undoes: r.get(5)?,
    })
}

/// The latest action not undone and not itself an undo.
fn last_undoable(conn: &Connection) -> Result<Option<ChangeSet>> {
    Ok(conn
        .query_row(
            "SELECT id, at, who, source, summary, undoes FROM audit_changes c
             WHERE undoes IS NULL
               AND NOT EXISTS (SELECT 1 FROM audit_changes u WHERE u.undoes = c.id)
             ORDER BY id DESC LIMIT 1",
            [],
            change_set,
        )
        .optional()?)
}

type Entry = (String, String, String, Value, Value);

/// The recorded entries of one action for one site (None: the portfolio), sorted.
fn recorded(tx: &Transaction, change: i64, site: Option<&str>) -> Result<Vec<Entry>> {
    let mut list: Vec<Entry> = tx
        .prepare_cached(
            "SELECT entity, entity_id, field, old, new FROM audit
             WHERE change_id = ?1 AND site_id IS ?2 ORDER BY id",
        )?
        .query_map(params![change, site], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, value(r, 3)?, value(r, 4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    list.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    Ok(list)
}

fn entries(changes: Vec<Change>) -> Vec<Entry> {
    let mut list: Vec<Entry> = changes
        .into_iter()
        .map(|c| (c.entity.to_owned(), c.id, c.field, c.old, c.new))
        .collect();
    list.sort_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    list
}

/// What one action touched, with its state before.
enum Touched {
    Site {
        id: String,
        before: Option<SiteData>,
        now: Option<SiteData>,
    },
    Portfolio {
        before: Option<Portfolio>,
        now: Option<Portfolio>,
    },
}

impl Store {
    /// Where this store's changes are said to come from (the app by default; the CLI sets
    /// `Source::Cli`). Imports are always recorded as `Source::Import`.
    pub fn set_source(&mut self, source: Source) {
        self.source = source;
    }

    /// Records every later change as made by `actor`, whatever the environment and settings say.
    pub fn set_actor(&mut self, actor: Actor) {
        self.who = Some(actor.who);
        self.source = actor.source;
    }

    /// Who the next change will be recorded as: the actor set, else `$CONTINUUM_USER`, else the
    /// name in settings, else the OS user.
    pub fn actor(&self) -> Result<Actor> {
        let who = match &self.who {
            Some(who) => who.clone(),
            None => audit::resolve_who(self.user_name()?.as_deref()),
        };
        Ok(Actor {
            who,
            source: self.source,
        })
    }

    /// The user's name set in settings, if any.
    pub fn user_name(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([USER_NAME], |r| r.get(0))
            .optional()?)
    }

    /// Sets (or, with None or a blank name, clears) the name changes are recorded under.
    pub fn set_user_name(&mut self, name: Option<&str>) -> Result<()> {
        match name.map(str::trim).filter(|n| !n.is_empty()) {
            Some(name) => self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![USER_NAME, name],
            )?,
            None => self
                .conn
                .execute("DELETE FROM settings WHERE key = ?1", [USER_NAME])?,
        };
        Ok(())
    }

    /// The audit trail, newest action first (entries of one action in the order recorded).
    /// A site or plan that is neither in the store nor in the trail is not found.
    pub fn history(&self, filter: HistoryFilter) -> Result<Vec<AuditEntry>> {
        let known = |sql: &str, id: &str| -> Result<bool> {
            Ok(self.conn.query_row(sql, [id], |r| r.get(0))?)
        };
        let mut sql = String::from(
            "SELECT change_id, at, who, source, site_id, entity, entity_id, field, old, new
             FROM audit WHERE 1 = 1",
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(site) = &filter.site {
            if !known(
                "SELECT EXISTS (SELECT 1 FROM sites WHERE id = ?1)
                     OR EXISTS (SELECT 1 FROM audit WHERE site_id = ?1)",
                site,
            )? {
                return Err(Error::not_found("site", site));
            }
            sql.push_str(" AND site_id = ?");
            args.push(site.clone().into());
        }
        if let Some(plan) = &filter.plan {
            if !known(
                "SELECT EXISTS (SELECT 1 FROM plans WHERE id = ?1)
                     OR EXISTS (SELECT 1 FROM audit WHERE entity = 'plan' AND entity_id = ?1)",
                plan,
            )? {
                return Err(Error::not_found("plan", plan));
            }
            sql.push_str(" AND entity = 'plan' AND entity_id = ?");
            args.push(plan.clone().into());
        }
        if let Some(since) = filter.since {
            // `at` is RFC 3339 text: a bare date sorts before every time of that day.
            sql.push_str(" AND at >= ?");
            args.push(since.to_string().into());
        }
        sql.push_str(" ORDER BY change_id DESC, id");
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            args.push(i64::try_from(limit).unwrap_or(i64::MAX).into());
        }
        let list = self
            .conn
            .prepare(&sql)?
            .query_map(params_from_iter(args), |r| {
                Ok(AuditEntry {
                    change: r.get(0)?,
                    at: r.get(1)?,
                    who: r.get(2)?,
                    source: from_name(3, r.get(3)?)?,
                    site: r.get(4)?,
                    entity: r.get(5)?,
                    id: r.get(6)?,
                    field: r.get(7)?,
                    old: value(r, 8)?,
                    new: value(r, 9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// The action `undo_last` would undo, if any (for an "Undo …" label).
    pub fn next_undo(&self) -> Result<Option<ChangeSet>> {
        last_undoable(&self.conn)
    }

    /// Undoes the latest action not yet undone: every site and the portfolio it touched go back
    /// to their state before it, in one transaction, recorded as a new action. Repeated, it
    /// walks back through earlier actions. Returns None when there is nothing to undo; refuses
    /// (conflict) when what the action touched has changed since or the action is too old.
    pub fn undo_last(&mut self) -> Result<Option<UndoneChange>> {
        let actor = self.actor()?;
        let tx = self.write()?;
        let Some(target) = last_undoable(&tx)? else {
            return Ok(None);
        };
        let states: Vec<(Option<String>, Option<String>)> = tx
            .prepare_cached(
                "SELECT site_id, before FROM audit_undo WHERE change_id = ?1 ORDER BY rowid",
            )?
            .query_map([target.id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if states.is_empty() {
            return Err(Error::Conflict(format!(
                "#{} ({}) is too old to undo: only the last {UNDO_DEPTH} changes can be undone",
                target.id, target.summary
            )));
        }
        let unreadable = |e: serde_json::Error| {
            Error::Invalid(format!(
                "the state kept to undo #{} is unreadable: {e}",
                target.id
            ))
        };
        let mut touched = Vec::with_capacity(states.len());
        for (site, before) in states {
            let t = match site {
                Some(id) => Touched::Site {
                    before: before
                        .map(|b| serde_json::from_str(&b))
                        .transpose()
                        .map_err(unreadable)?,
                    now: read::site_if_any(&tx, &id)?,
                    id,
                },
                None => Touched::Portfolio {
                    before: before
                        .map(|b| serde_json::from_str(&b))
                        .transpose()
                        .map_err(unreadable)?,
                    now: read::portfolio_if_any(&tx)?,
                },
            };
            // Still as the action left it?
            let (site, again) = match &t {
                Touched::Site { id, before, now } => (
                    Some(id.as_str()),
                    audit::diff_site(before.as_ref(), now.as_ref()),
                ),
                Touched::Portfolio { before, now } => {
                    (None, audit::diff_portfolio(before.as_ref(), now.as_ref()))
                }
            };
            if entries(again) != recorded(&tx, target.id, site)? {
                let what = site.map_or("the portfolio".to_owned(), |s| format!("site {s:?}"));
                return Err(Error::Conflict(format!(
                    "{what} has changed since #{} ({}); it cannot be undone",
                    target.id, target.summary
                )));
            }
            touched.push(t);
        }

        let mut trail = Trail::new(actor, format!("undo of #{}: {}", target.id, target.summary));
        trail.undoes = Some(target.id);
        trail.begin(&tx)?;
        // The catalogues first, so that restored sites find what they refer to; again after the
        // sites, to remove what only the undone sites used.
        for t in &touched {
            if let Touched::Portfolio {
                before: Some(p), ..
            } = t
            {
                put_catalogue(&tx, p)?;
            }
        }
        for t in &touched {
            if let Touched::Site { id, before, now } = t {
                match before {
                    Some(b) => put_site(&tx, b.clone())?,
                    None => {
                        write::delete_site(&tx, id)?;
                    }
                }
                trail.site(
                    &tx,
                    id,
                    &audit::diff_site(now.as_ref(), before.as_ref()),
                    None,
                )?;
            }
        }
        for t in &touched {
            if let Touched::Portfolio { before, now } = t {
                match before {
                    Some(p) => {
                        if let Some((kind, id)) = put_catalogue(&tx, p)?.first() {
                            return Err(Error::Conflict(format!(
                                "{kind} {id:?} is used by a site again; #{} cannot be undone",
                                target.id
                            )));
                        }
                    }
                    None => write::clear_portfolio(&tx)?,
                }
                trail.portfolio(
                    &tx,
                    &audit::diff_portfolio(now.as_ref(), before.as_ref()),
                    None,
                )?;
            }
        }
        let undo = ChangeSet {
            id: trail.begin(&tx)?,
            at: trail.at.clone(),
            who: trail.actor.who.clone(),
            source: trail.actor.source,
            summary: trail.summary.clone(),
            undoes: Some(target.id),
        };
        let entries = trail.entries;
        commit(tx)?;
        Ok(Some(UndoneChange {
            undone: target,
            undo,
            entries,
        }))
    }
}
