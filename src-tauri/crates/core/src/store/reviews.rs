//! Stored readiness reviews (ISO 22301 §9.3, schema version 7): a review of the portfolio, a
//! region or a site as of a date, with the decisions and actions the reviewers record and
//! their sign-off.
//!
//! What a review looks at is gathered when it is read ([`Store::review_page`]), from what the
//! store already holds: readiness and its trend (the engine and the snapshots), exercise
//! results, corrective actions of findings, expiring training (the training matrix), changes
//! since the previous review (the audit trail) and the status of the previous review's actions.
//! Nothing of that is copied into the review: the snapshot recorded at sign-off keeps the
//! scores as they were.
//!
//! Sign-off records a readiness snapshot as of the review's date and freezes the review, in one
//! IMMEDIATE transaction. A signed review refuses new decisions and actions and a second
//! sign-off; its actions can still be marked done, since that is the follow-up the next review
//! reports on.
//!
//! Review writes are not entries of the audit trail: the trail records changes to sites and the
//! portfolio and undoes them, and a review is neither (a review action there would be undone,
//! or block the undo of the edits before it). The review keeps its own record instead: who
//! started it and when, who recorded each item and when, who signed it off and when.

use std::collections::{BTreeMap, HashSet};
use std::fmt;

use chrono::{Months, NaiveDate, SecondsFormat, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::training::{Cell, MatrixScope};
use super::{CorrectiveActionEntry, ExerciseResultEntry, Store};
use crate::audit::Source;
use crate::readiness::{Counts, Status};
use crate::{Error, Result};

/// What a review covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum ReviewScope {
    Portfolio,
    Region(String),
    Site(String),
}

impl ReviewScope {
    /// `portfolio`, `region:ID` or `site:ID` (as the CLI takes it).
    pub fn parse(text: &str) -> Result<ReviewScope> {
        let bad = || {
            Error::Invalid(format!(
                "scope {text:?}: expected portfolio, region:ID or site:ID"
            ))
        };
        match text.split_once(':') {
            None if text == "portfolio" => Ok(ReviewScope::Portfolio),
            Some(("region", id)) if !id.trim().is_empty() => {
                Ok(ReviewScope::Region(id.trim().into()))
            }
            Some(("site", id)) if !id.trim().is_empty() => Ok(ReviewScope::Site(id.trim().into())),
            _ => Err(bad()),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            ReviewScope::Portfolio => "portfolio",
            ReviewScope::Region(_) => "region",
            ReviewScope::Site(_) => "site",
        }
    }

    fn id(&self) -> Option<&str> {
        match self {
            ReviewScope::Portfolio => None,
            ReviewScope::Region(id) | ReviewScope::Site(id) => Some(id),
        }
    }

    fn from_row(kind: &str, id: Option<String>) -> rusqlite::Result<ReviewScope> {
        match (kind, id) {
            ("portfolio", None) => Ok(ReviewScope::Portfolio),
            ("region", Some(id)) => Ok(ReviewScope::Region(id)),
            ("site", Some(id)) => Ok(ReviewScope::Site(id)),
            (kind, _) => Err(rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("unknown review scope {kind:?}").into(),
            )),
        }
    }
}

impl fmt::Display for ReviewScope {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.id() {
            None => f.write_str(self.kind()),
            Some(id) => write!(f, "{}:{id}", self.kind()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    /// Decisions and actions are being recorded.
    Open,
    /// Signed off: frozen, but for its actions being marked done.
    Signed,
}

/// A stored review, as listed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Review {
    pub id: i64,
    pub scope: ReviewScope,
    /// "Portfolio", the region's or the site's name (its id if it no longer exists).
    pub scope_name: String,
    pub as_of: NaiveDate,
    /// UTC, RFC 3339.
    pub started_at: String,
    pub started_by: String,
    pub status: ReviewStatus,
    pub signed_off_at: Option<String>,
    pub signed_by: Vec<String>,
    pub decisions: u32,
    pub actions: u32,
    /// Actions not yet done.
    pub open_actions: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReviewItemKind {
    Decision,
    Action,
}

/// Where an action stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionState {
    Open,
    Overdue,
    Done,
}

impl ActionState {
    pub fn label(self) -> &'static str {
        match self {
            ActionState::Open => "open",
            ActionState::Overdue => "overdue",
            ActionState::Done => "done",
        }
    }
}

/// A decision or an action of a review.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReviewItem {
    pub id: i64,
    pub review_id: i64,
    pub kind: ReviewItemKind,
    pub text: String,
    /// Actions only.
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub done: Option<NaiveDate>,
    /// Actions only: as of the date of the review it is shown in.
    pub state: Option<ActionState>,
    pub recorded_at: String,
    pub recorded_by: String,
}

/// A site's readiness in the review's scope, with its change since its last snapshot.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReviewSite {
    pub site_id: String,
    pub site_name: String,
    pub region_name: String,
    pub score: u8,
    pub status: Status,
    pub status_reason: String,
    /// Since the site's latest snapshot before the review's date (None: it has none).
    pub change: Option<i16>,
    pub since: Option<NaiveDate>,
}

/// A training completion in scope that has expired or expires within the policy's window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExpiringTraining {
    pub site_id: String,
    pub person_id: String,
    pub person_name: String,
    pub course_id: String,
    pub course_name: String,
    pub expired: bool,
    pub completed: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
}

/// One action of the audit trail since the previous review, touching the scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReviewChange {
    pub change: i64,
    pub at: String,
    pub who: String,
    pub source: Source,
    pub summary: String,
    /// Sites it touched (none: the portfolio's catalogues or policy).
    pub sites: Vec<String>,
    pub entries: u32,
}

/// The previous review of the same scope and where its actions stand now.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PreviousReview {
    pub review: Review,
    pub actions: Vec<ReviewItem>,
}

/// What a review looks at, gathered from the store as of the review's date.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReviewInputs {
    /// The previous review's date, or a year before this one's.
    pub since: NaiveDate,
    pub counts: Counts,
    pub average_score: u8,
    /// Sites whose score rose / fell since their last snapshot.
    pub improved: u32,
    pub worsened: u32,
    /// Lowest score first.
    pub sites: Vec<ReviewSite>,
    /// Exercises held after `since` and up to the review's date, latest first.
    pub exercises: Vec<ExerciseResultEntry>,
    /// Corrective actions still open, or closed after `since`.
    pub corrective_actions: Vec<CorrectiveActionEntry>,
    pub expiring_training: Vec<ExpiringTraining>,
    /// At most [`CHANGES_LIMIT`], newest first; `changes_total` counts them all.
    pub changes: Vec<ReviewChange>,
    pub changes_total: u32,
}

/// Changes listed on a review page (the rest are counted).
pub const CHANGES_LIMIT: usize = 200;

/// A review with everything it looks at: what `Store::review_page` returns.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReviewPage {
    pub review: Review,
    pub decisions: Vec<ReviewItem>,
    pub actions: Vec<ReviewItem>,
    pub previous: Option<PreviousReview>,
    pub inputs: ReviewInputs,
}

/// An action to record: who owns it and by when.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct NewAction {
    pub text: String,
    pub owner: String,
    pub due: NaiveDate,
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

const REVIEW_COLUMNS: &str = "r.id, r.scope_kind, r.scope_id, r.as_of, r.started_at, r.started_by,
    r.status, r.signed_off_at, r.signed_by,
    (SELECT count(*) FROM review_items i WHERE i.review_id = r.id AND i.kind = 'decision'),
    (SELECT count(*) FROM review_items i WHERE i.review_id = r.id AND i.kind = 'action'),
    (SELECT count(*) FROM review_items i WHERE i.review_id = r.id AND i.kind = 'action' AND i.done IS NULL),
    CASE r.scope_kind
      WHEN 'portfolio' THEN 'Portfolio'
      WHEN 'region' THEN coalesce((SELECT name FROM regions WHERE id = r.scope_id), r.scope_id)
      ELSE coalesce((SELECT name FROM sites WHERE id = r.scope_id), r.scope_id) END";

fn review_row(r: &Row) -> rusqlite::Result<Review> {
    let kind: String = r.get(1)?;
    let status: String = r.get(6)?;
    let signed_by: Option<String> = r.get(8)?;
    Ok(Review {
        id: r.get(0)?,
        scope: ReviewScope::from_row(&kind, r.get(2)?)?,
        as_of: r.get(3)?,
        started_at: r.get(4)?,
        started_by: r.get(5)?,
        status: match status.as_str() {
            "signed" => ReviewStatus::Signed,
            _ => ReviewStatus::Open,
        },
        signed_off_at: r.get(7)?,
        signed_by: match signed_by {
            Some(text) => super::codec::from_json(8, &text)?,
            None => Vec::new(),
        },
        decisions: r.get(9)?,
        actions: r.get(10)?,
        open_actions: r.get(11)?,
        scope_name: r.get(12)?,
    })
}

fn item_row(r: &Row, on: NaiveDate) -> rusqlite::Result<ReviewItem> {
    let kind: String = r.get(2)?;
    let kind = match kind.as_str() {
        "decision" => ReviewItemKind::Decision,
        _ => ReviewItemKind::Action,
    };
    let due: Option<NaiveDate> = r.get(5)?;
    let done: Option<NaiveDate> = r.get(6)?;
    let state = match (kind, due, done) {
        (ReviewItemKind::Decision, ..) => None,
        (_, _, Some(_)) => Some(ActionState::Done),
        (_, Some(due), None) if due < on => Some(ActionState::Overdue),
        _ => Some(ActionState::Open),
    };
    Ok(ReviewItem {
        id: r.get(0)?,
        review_id: r.get(1)?,
        kind,
        text: r.get(3)?,
        owner: r.get(4)?,
        due,
        done,
        state,
        recorded_at: r.get(7)?,
        recorded_by: r.get(8)?,
    })
}

impl Store {
    /// Starts a review of `scope` as of a date. The region or site must exist.
    pub fn start_review(&mut self, scope: ReviewScope, as_of: NaiveDate) -> Result<Review> {
        let who = self.actor()?.who;
        let tx = self.write()?;
        let known: bool = match &scope {
            ReviewScope::Portfolio => true,
            ReviewScope::Region(id) => tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM regions WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?,
            ReviewScope::Site(id) => tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM sites WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )?,
        };
        if !known {
            return Err(Error::not_found(scope.kind(), scope.id().unwrap_or("")));
        }
        tx.execute(
            "INSERT INTO reviews (scope_kind, scope_id, as_of, started_at, started_by) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![scope.kind(), scope.id(), as_of, now(), who],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.stored_review(id)
    }

    /// Every stored review, newest first.
    pub fn reviews(&self) -> Result<Vec<Review>> {
        let sql = format!("SELECT {REVIEW_COLUMNS} FROM reviews r ORDER BY r.id DESC");
        let list = self
            .conn
            .prepare(&sql)?
            .query_map([], review_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// One stored review, without its inputs.
    pub fn stored_review(&self, id: i64) -> Result<Review> {
        let sql = format!("SELECT {REVIEW_COLUMNS} FROM reviews r WHERE r.id = ?1");
        self.conn
            .query_row(&sql, [id], review_row)
            .optional()?
            .ok_or_else(|| Error::not_found("review", id.to_string()))
    }

    /// The decisions and actions of a review, in the order recorded; actions' state as of `on`.
    pub fn review_items(&self, id: i64, on: NaiveDate) -> Result<Vec<ReviewItem>> {
        let list = self
            .conn
            .prepare_cached(
                "SELECT id, review_id, kind, text, owner, due, done, recorded_at, recorded_by
                 FROM review_items WHERE review_id = ?1 ORDER BY id",
            )?
            .query_map([id], |r| item_row(r, on))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(list)
    }

    /// A review with its decisions and actions, the previous review of the same scope with
    /// where its actions stand as of this review's date, and the inputs gathered from the store.
    pub fn review_page(&self, id: i64) -> Result<ReviewPage> {
        let review = self.stored_review(id)?;
        let items = self.review_items(id, review.as_of)?;
        let (decisions, actions): (Vec<_>, Vec<_>) = items
            .into_iter()
            .partition(|i| i.kind == ReviewItemKind::Decision);
        let previous = self.previous_review(&review)?;
        let since = match &previous {
            Some(p) => p.review.as_of,
            None => review
                .as_of
                .checked_sub_months(Months::new(12))
                .unwrap_or(review.as_of),
        };
        let inputs = self.review_inputs(&review, since)?;
        Ok(ReviewPage {
            review,
            decisions,
            actions,
            previous,
            inputs,
        })
    }

    /// The latest review of the same scope started before this one.
    fn previous_review(&self, review: &Review) -> Result<Option<PreviousReview>> {
        let sql = format!(
            "SELECT {REVIEW_COLUMNS} FROM reviews r
             WHERE r.scope_kind = ?1 AND r.scope_id IS ?2 AND r.id < ?3 ORDER BY r.id DESC LIMIT 1"
        );
        let previous = self
            .conn
            .query_row(
                &sql,
                params![review.scope.kind(), review.scope.id(), review.id],
                review_row,
            )
            .optional()?;
        let Some(previous) = previous else {
            return Ok(None);
        };
        let actions = self
            .review_items(previous.id, review.as_of)?
            .into_iter()
            .filter(|i| i.kind == ReviewItemKind::Action)
            .collect();
        Ok(Some(PreviousReview {
            review: previous,
            actions,
        }))
    }

    fn review_inputs(&self, review: &Review, since: NaiveDate) -> Result<ReviewInputs> {
        let as_of = review.as_of;
        let mut readiness = self.readiness(as_of)?;
        readiness.retain(|s| match &review.scope {
            ReviewScope::Portfolio => true,
            ReviewScope::Region(id) => &s.region == id,
            ReviewScope::Site(id) => &s.site_id == id,
        });
        let in_scope: HashSet<String> = readiness.iter().map(|s| s.site_id.clone()).collect();
        let trend: BTreeMap<String, _> = self
            .trend(&readiness)?
            .into_iter()
            .map(|t| (t.site_id.clone(), t))
            .collect();
        let mut counts = Counts::default();
        let mut total = 0u64;
        let (mut improved, mut worsened) = (0, 0);
        let mut sites: Vec<ReviewSite> = readiness
            .iter()
            .map(|s| {
                match s.status {
                    Status::Ready => counts.ready += 1,
                    Status::AtRisk => counts.at_risk += 1,
                    Status::NotReady => counts.not_ready += 1,
                }
                total += u64::from(s.score);
                let t = trend.get(&s.site_id);
                match t.map(|t| t.change) {
                    Some(c) if c > 0 => improved += 1,
                    Some(c) if c < 0 => worsened += 1,
                    _ => {}
                }
                ReviewSite {
                    site_id: s.site_id.clone(),
                    site_name: s.site_name.clone(),
                    region_name: s.region_name.clone(),
                    score: s.score,
                    status: s.status,
                    status_reason: s.status_reason.clone(),
                    change: t.map(|t| t.change),
                    since: t.map(|t| t.since),
                }
            })
            .collect();
        sites.sort_by(|a, b| (a.score, &a.site_name).cmp(&(b.score, &b.site_name)));
        let average_score = match readiness.len() {
            0 => 0,
            n => (total as f64 / n as f64).round() as u8,
        };

        let mut exercises = self.exercise_results(since, as_of)?;
        exercises.retain(|e| in_scope.contains(&e.site_id));
        let mut corrective_actions = self.corrective_actions()?;
        corrective_actions.retain(|a| {
            in_scope.contains(&a.site_id) && a.closed.is_none_or(|closed| closed > since)
        });

        let matrix_scope = match &review.scope {
            ReviewScope::Portfolio => MatrixScope::default(),
            ReviewScope::Region(id) => MatrixScope {
                region: Some(id.clone()),
                ..Default::default()
            },
            ReviewScope::Site(id) => MatrixScope {
                site: Some(id.clone()),
                ..Default::default()
            },
        };
        let matrix = self.training_matrix(&matrix_scope, as_of)?;
        let mut expiring_training = Vec::new();
        for row in matrix.rows.iter().filter(|r| r.active) {
            for (i, cell) in row.cells.chars().enumerate() {
                if cell != Cell::EXPIRED && cell != Cell::EXPIRING {
                    continue;
                }
                let course = &matrix.courses[i];
                let completed = row.completed[i];
                expiring_training.push(ExpiringTraining {
                    site_id: row.site.clone(),
                    person_id: row.person.clone(),
                    person_name: row.name.clone(),
                    course_id: course.id.clone(),
                    course_name: course.name.clone(),
                    expired: cell == Cell::EXPIRED,
                    completed,
                    expires: completed
                        .zip(course.validity_months)
                        .and_then(|(d, m)| d.checked_add_months(Months::new(m))),
                });
            }
        }
        expiring_training.sort_by(|a, b| {
            (a.expires, &a.site_id, &a.person_name).cmp(&(b.expires, &b.site_id, &b.person_name))
        });

        let (changes, changes_total) = self.changes_since(since, &review.scope, &in_scope)?;
        Ok(ReviewInputs {
            since,
            counts,
            average_score,
            improved,
            worsened,
            sites,
            exercises,
            corrective_actions,
            expiring_training,
            changes,
            changes_total,
        })
    }

    /// Actions of the audit trail from `since` on that touched a site in scope (or, for the
    /// portfolio, anything).
    fn changes_since(
        &self,
        since: NaiveDate,
        scope: &ReviewScope,
        in_scope: &HashSet<String>,
    ) -> Result<(Vec<ReviewChange>, u32)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.at, c.who, c.source, c.summary, count(a.id),
                    (SELECT json_group_array(DISTINCT s.site_id) FROM audit s
                     WHERE s.change_id = c.id AND s.site_id IS NOT NULL)
             FROM audit_changes c JOIN audit a ON a.change_id = c.id
             WHERE c.at >= ?1 GROUP BY c.id ORDER BY c.id DESC",
        )?;
        let rows = stmt.query_map([since.to_string()], |r| {
            let sites: String = r.get(6)?;
            Ok(ReviewChange {
                change: r.get(0)?,
                at: r.get(1)?,
                who: r.get(2)?,
                source: super::codec::from_name(3, r.get(3)?)?,
                summary: r.get(4)?,
                entries: r.get(5)?,
                sites: super::codec::from_json(6, &sites)?,
            })
        })?;
        let mut list = Vec::new();
        let mut total = 0;
        for change in rows {
            let change = change?;
            let touches = match scope {
                ReviewScope::Portfolio => true,
                _ => change.sites.iter().any(|s| in_scope.contains(s)),
            };
            if !touches {
                continue;
            }
            total += 1;
            if list.len() < CHANGES_LIMIT {
                list.push(change);
            }
        }
        Ok((list, total))
    }

    /// Records a decision in an open review.
    pub fn add_decision(&mut self, review_id: i64, text: &str) -> Result<ReviewItem> {
        self.add_item(review_id, ReviewItemKind::Decision, text, None, None)
    }

    /// Records an action (owner, due date) in an open review.
    pub fn add_action(&mut self, review_id: i64, action: NewAction) -> Result<ReviewItem> {
        let owner = action.owner.trim();
        if owner.is_empty() {
            return Err(Error::Field {
                entity: "action",
                field: "owner".into(),
                message: "an action needs an owner".into(),
            });
        }
        self.add_item(
            review_id,
            ReviewItemKind::Action,
            &action.text,
            Some(owner),
            Some(action.due),
        )
    }

    fn add_item(
        &mut self,
        review_id: i64,
        kind: ReviewItemKind,
        text: &str,
        owner: Option<&str>,
        due: Option<NaiveDate>,
    ) -> Result<ReviewItem> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::Field {
                entity: if kind == ReviewItemKind::Decision {
                    "decision"
                } else {
                    "action"
                },
                field: "text".into(),
                message: "cannot be empty".into(),
            });
        }
        let who = self.actor()?.who;
        let tx = self.write()?;
        let (status, as_of) = review_status(&tx, review_id)?;
        if status == ReviewStatus::Signed {
            return Err(Error::Conflict(format!(
                "review #{review_id} is signed off: it takes no more decisions or actions"
            )));
        }
        let kind_name = match kind {
            ReviewItemKind::Decision => "decision",
            ReviewItemKind::Action => "action",
        };
        tx.execute(
            "INSERT INTO review_items (review_id, kind, text, owner, due, recorded_at, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![review_id, kind_name, text, owner, due, now(), who],
        )?;
        let id = tx.last_insert_rowid();
        let item = tx.query_row(
            "SELECT id, review_id, kind, text, owner, due, done, recorded_at, recorded_by
             FROM review_items WHERE id = ?1",
            [id],
            |r| item_row(r, as_of),
        )?;
        tx.commit()?;
        Ok(item)
    }

    /// Marks an action done on a date (also an action of a signed review: the follow-up);
    /// `None` reopens it.
    pub fn complete_action(&mut self, item_id: i64, done: Option<NaiveDate>) -> Result<ReviewItem> {
        let tx = self.write()?;
        let found: Option<(String, i64)> = tx
            .query_row(
                "SELECT kind, review_id FROM review_items WHERE id = ?1",
                [item_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((kind, review_id)) = found else {
            return Err(Error::not_found("review action", item_id.to_string()));
        };
        if kind != "action" {
            return Err(Error::Invalid(format!(
                "item #{item_id} is a decision, not an action: it cannot be done"
            )));
        }
        let (_, as_of) = review_status(&tx, review_id)?;
        tx.execute(
            "UPDATE review_items SET done = ?2 WHERE id = ?1",
            params![item_id, done],
        )?;
        let item = tx.query_row(
            "SELECT id, review_id, kind, text, owner, due, done, recorded_at, recorded_by
             FROM review_items WHERE id = ?1",
            [item_id],
            |r| item_row(r, as_of),
        )?;
        tx.commit()?;
        Ok(item)
    }

    /// Signs a review off: records a readiness snapshot of every site as of the review's date
    /// and freezes the review, in one transaction. Needs at least one name; refused if the
    /// review is already signed.
    pub fn sign_off(&mut self, review_id: i64, signed_by: Vec<String>) -> Result<Review> {
        let names: Vec<String> = signed_by
            .iter()
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect();
        if names.is_empty() {
            return Err(Error::Field {
                entity: "review",
                field: "signed_by".into(),
                message: "a sign-off needs at least one name".into(),
            });
        }
        let policy = self.policy()?;
        let tx = self.write()?;
        let (status, as_of) = review_status(&tx, review_id)?;
        if status == ReviewStatus::Signed {
            return Err(Error::Conflict(format!(
                "review #{review_id} is already signed off"
            )));
        }
        super::snapshots::record(&tx, as_of, &policy)?;
        tx.execute(
            "UPDATE reviews SET status = 'signed', signed_off_at = ?2, signed_by = ?3 WHERE id = ?1",
            params![
                review_id,
                now(),
                serde_json::to_string(&names).expect("names serialise")
            ],
        )?;
        tx.commit()?;
        self.stored_review(review_id)
    }
}

fn review_status(tx: &rusqlite::Transaction, id: i64) -> Result<(ReviewStatus, NaiveDate)> {
    let row: Option<(String, NaiveDate)> = tx
        .query_row(
            "SELECT status, as_of FROM reviews WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match row {
        None => Err(Error::not_found("review", id.to_string())),
        Some((status, as_of)) => Ok((
            if status == "signed" {
                ReviewStatus::Signed
            } else {
                ReviewStatus::Open
            },
            as_of,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> (Store, NaiveDate) {
        let day = crate::demo::written_for().unwrap();
        let mut store = Store::in_memory().unwrap();
        crate::demo::load_demo(&mut store, day).unwrap();
        store.set_actor(crate::audit::Actor {
            who: "Ada".into(),
            source: Source::App,
        });
        (store, day)
    }

    fn action(text: &str, due: NaiveDate) -> NewAction {
        NewAction {
            text: text.into(),
            owner: "Grace".into(),
            due,
        }
    }

    #[test]
    fn scopes_parse_and_print() {
        for text in ["portfolio", "region:emea", "site:tokyo"] {
            assert_eq!(ReviewScope::parse(text).unwrap().to_string(), text);
        }
        for bad in ["", "site:", "region", "team:x"] {
            assert!(ReviewScope::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_started_review_gathers_its_inputs() {
        let (mut store, day) = demo();
        let review = store.start_review(ReviewScope::Portfolio, day).unwrap();
        assert_eq!(review.status, ReviewStatus::Open);
        assert_eq!(review.started_by, "Ada");
        assert_eq!(review.scope_name, "Portfolio");
        let page = store.review_page(review.id).unwrap();
        let inputs = &page.inputs;
        let sites = store.list_sites().unwrap().len();
        assert_eq!(inputs.sites.len(), sites);
        let c = inputs.counts;
        assert_eq!((c.ready + c.at_risk + c.not_ready) as usize, sites);
        assert!(inputs.sites.windows(2).all(|w| w[0].score <= w[1].score));
        assert_eq!(
            inputs.since,
            day.checked_sub_months(Months::new(12)).unwrap()
        );
        assert!(!inputs.expiring_training.is_empty());
        assert!(!inputs.corrective_actions.is_empty());
        // The demo load is in the trail, made today: a change since a year before.
        assert!(inputs.changes_total >= 1);
        assert!(page.previous.is_none());

        // A site's review sees that site only.
        let site = store
            .start_review(ReviewScope::Site("tokyo".into()), day)
            .unwrap();
        let page = store.review_page(site.id).unwrap();
        assert_eq!(page.inputs.sites.len(), 1);
        assert!(page
            .inputs
            .expiring_training
            .iter()
            .all(|t| t.site_id == "tokyo"));
        assert!(page
            .inputs
            .corrective_actions
            .iter()
            .all(|a| a.site_id == "tokyo"));
        assert!(matches!(
            store.start_review(ReviewScope::Site("atlantis".into()), day),
            Err(Error::NotFound { .. })
        ));
    }

    #[test]
    fn sign_off_takes_a_snapshot_and_freezes_the_review() {
        let (mut store, day) = demo();
        let review = store
            .start_review(ReviewScope::Region("emea".into()), day)
            .unwrap();
        store
            .add_decision(review.id, "Fund a second generator")
            .unwrap();
        let act = store
            .add_action(review.id, action("Buy the generator", day))
            .unwrap();
        assert_eq!(act.state, Some(ActionState::Open));
        assert!(store.add_decision(review.id, "  ").is_err());
        assert!(store
            .add_action(
                review.id,
                NewAction {
                    owner: " ".into(),
                    ..action("x", day)
                }
            )
            .is_err());
        assert!(store.sign_off(review.id, vec![" ".into()]).is_err());

        let before = store
            .snapshots(None)
            .unwrap()
            .iter()
            .filter(|s| s.date == day)
            .count();
        assert_eq!(before, 0);
        let signed = store
            .sign_off(review.id, vec!["Ada".into(), "Grace".into()])
            .unwrap();
        assert_eq!(signed.status, ReviewStatus::Signed);
        assert_eq!(signed.signed_by, ["Ada", "Grace"]);
        assert!(signed.signed_off_at.is_some());
        let taken = store
            .snapshots(None)
            .unwrap()
            .iter()
            .filter(|s| s.date == day)
            .count();
        assert_eq!(taken, store.list_sites().unwrap().len());

        for err in [
            store.add_decision(review.id, "Too late").unwrap_err(),
            store
                .add_action(review.id, action("Too late", day))
                .unwrap_err(),
            store.sign_off(review.id, vec!["Ada".into()]).unwrap_err(),
        ] {
            assert!(matches!(err, Error::Conflict(_)), "{err}");
        }
        // The follow-up still happens.
        let done = store.complete_action(act.id, Some(day)).unwrap();
        assert_eq!(done.state, Some(ActionState::Done));
        let listed = store.reviews().unwrap();
        assert_eq!(listed[0].decisions, 1);
        assert_eq!(listed[0].actions, 1);
        assert_eq!(listed[0].open_actions, 0);
    }

    #[test]
    fn the_next_review_shows_the_previous_actions_status() {
        let (mut store, day) = demo();
        let first = store.start_review(ReviewScope::Portfolio, day).unwrap();
        let soon = day + chrono::TimeDelta::days(10);
        let late = day + chrono::TimeDelta::days(100);
        let a = store
            .add_action(first.id, action("Test the UPS", soon))
            .unwrap();
        store
            .add_action(first.id, action("Rewrite the call tree", late))
            .unwrap();
        store
            .add_action(first.id, action("Train the wardens", soon))
            .unwrap();
        store.sign_off(first.id, vec!["Ada".into()]).unwrap();
        store.complete_action(a.id, Some(soon)).unwrap();
        // Another scope's review is not the previous one.
        store
            .start_review(ReviewScope::Site("tokyo".into()), day)
            .unwrap();

        let next_day = day + chrono::TimeDelta::days(30);
        let next = store
            .start_review(ReviewScope::Portfolio, next_day)
            .unwrap();
        let page = store.review_page(next.id).unwrap();
        let previous = page.previous.expect("the first review");
        assert_eq!(previous.review.id, first.id);
        assert_eq!(page.inputs.since, day);
        let states: Vec<_> = previous
            .actions
            .iter()
            .map(|a| (a.text.as_str(), a.state.unwrap()))
            .collect();
        assert_eq!(
            states,
            [
                ("Test the UPS", ActionState::Done),
                ("Rewrite the call tree", ActionState::Open),
                ("Train the wardens", ActionState::Overdue),
            ]
        );
    }
}
