//! A plan's lifecycle: draft → in review → approved (approver, date, a revision entry and the
//! next version) → revised or retired. Each step is one edit of the plan's site, so it is
//! checked, recorded in the trail and undone like any other.
//!
//! An approved plan stays in force while it is revised: "Revise" starts the next version as the
//! plan's `draft` (a copy, status draft), and runbooks and readiness keep using the approved
//! plan. Submitting and approving a plan that has a draft act on the draft; approving it
//! replaces the plan in force. "Discard draft" drops it; retiring a plan drops its draft too.
//! A plan never approved (a first draft) has no draft of its own: it is itself the draft.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::model::{Plan, PlanStatus, Revision};
use crate::{Error, Result, Store};

/// What an approval records: who approved, whose revision it is, what changed, and when.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// Person id of the approver (someone of the plan's site).
    pub approver: String,
    /// Person id of the revision's author.
    pub author: String,
    /// What this revision changed, in a sentence.
    pub summary: String,
    pub date: NaiveDate,
}

/// One step of the lifecycle, as the app asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ts_rs::TS)]
// Externally tagged (`"submit"`, `{"approve": {...}}`): a wrong field is then named by its path.
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PlanAction {
    /// Draft → in review (the plan's draft version, if it has one).
    Submit,
    /// Draft or in review → approved; a draft version replaces the plan in force.
    Approve(Approval),
    /// Starts a draft version of an approved plan; the approved one stays in force.
    Revise,
    /// Drops the draft version of a plan; the plan in force is unchanged.
    DiscardDraft,
    /// Any status → retired (a draft version goes with it).
    Retire,
}

/// The version after `version`: the last number goes up by one ("3.2" → "3.3", "0.9" →
/// "0.10", "2" → "3"); a version that does not end in a number gets ".1".
pub fn next_version(version: &str) -> String {
    let version = version.trim();
    let digits = version.len() - version.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (head, tail) = version.split_at(version.len() - digits);
    match tail.parse::<u64>() {
        Ok(n) => format!("{head}{}", n + 1),
        Err(_) if version.is_empty() => "0.1".into(),
        Err(_) => format!("{version}.1"),
    }
}

impl Store {
    /// Carries out one lifecycle step on a plan.
    pub fn plan_action(&mut self, plan_id: &str, action: PlanAction) -> Result<()> {
        match action {
            PlanAction::Submit => self.submit_plan(plan_id),
            PlanAction::Approve(approval) => self.approve_plan(plan_id, approval).map(drop),
            PlanAction::Revise => self.revise_plan(plan_id),
            PlanAction::DiscardDraft => self.discard_draft(plan_id),
            PlanAction::Retire => self.retire_plan(plan_id),
        }
    }

    /// Draft → in review: the plan's draft version if it has one, else the plan itself.
    pub fn submit_plan(&mut self, plan_id: &str) -> Result<()> {
        self.plan_step(
            plan_id,
            format!("submit plan {plan_id} for review"),
            |plan| {
                let (what, target) = under_work(plan);
                match target.status {
                    PlanStatus::Draft => {
                        target.status = PlanStatus::InReview;
                        Ok(())
                    }
                    other => Err(wrong_status(
                        plan_id,
                        what,
                        other,
                        "only a draft can be submitted",
                    )),
                }
            },
        )
    }

    /// Draft or in review → approved: sets approver and date, appends a revision and moves the
    /// version on. Gives back the new version.
    pub fn approve_plan(&mut self, plan_id: &str, approval: Approval) -> Result<String> {
        let summary = approval.summary.trim().to_owned();
        if summary.is_empty() {
            return Err(Error::Field {
                entity: "approval",
                field: "summary".into(),
                message: "say in a sentence what this revision changed".into(),
            });
        }
        let mut version = String::new();
        self.plan_step(plan_id, format!("approve plan {plan_id}"), |plan| {
            let (what, target) = under_work(plan);
            if !matches!(target.status, PlanStatus::Draft | PlanStatus::InReview) {
                return Err(wrong_status(
                    plan_id,
                    what,
                    target.status,
                    "revise it first; only a draft or a plan in review can be approved",
                ));
            }
            // A draft version takes the place of the plan in force.
            if let Some(draft) = plan.draft.take() {
                *plan = *draft;
                plan.draft = None;
            }
            version = next_version(&plan.version);
            plan.version = version.clone();
            plan.status = PlanStatus::Approved;
            plan.approver = Some(approval.approver.clone());
            plan.approved_on = Some(approval.date);
            plan.last_reviewed = Some(approval.date);
            plan.revisions.push(Revision {
                version: version.clone(),
                date: approval.date,
                author: approval.author.clone(),
                summary,
            });
            Ok(())
        })?;
        Ok(version)
    }

    /// Starts the next version of an approved plan as its draft: a copy of the plan in force
    /// (status draft, not yet approved by anyone), which stays in force until the draft is
    /// approved. Its version is the one in force; approval moves it on.
    pub fn revise_plan(&mut self, plan_id: &str) -> Result<()> {
        self.plan_step(plan_id, format!("revise plan {plan_id}"), |plan| {
            if let Some(draft) = &plan.draft {
                return Err(Error::Conflict(format!(
                    "plan {plan_id:?} already has a draft version ({}): edit that one, or \
                     discard it first",
                    draft.status.label().to_lowercase()
                )));
            }
            match plan.status {
                PlanStatus::Approved => {
                    let mut draft = plan.clone();
                    draft.status = PlanStatus::Draft;
                    draft.approver = None;
                    draft.approved_on = None;
                    plan.draft = Some(Box::new(draft));
                    Ok(())
                }
                other => Err(wrong_status(
                    plan_id,
                    "plan",
                    other,
                    "only an approved plan is revised; edit this one as it is",
                )),
            }
        })
    }

    /// Drops the draft version of a plan; the plan in force does not change.
    pub fn discard_draft(&mut self, plan_id: &str) -> Result<()> {
        self.plan_step(
            plan_id,
            format!("discard the draft of plan {plan_id}"),
            |plan| match plan.draft.take() {
                Some(_) => Ok(()),
                None => Err(Error::Conflict(format!(
                    "plan {plan_id:?} has no draft version to discard"
                ))),
            },
        )
    }

    /// Any status → retired. A draft version of the plan is dropped with it (the trail keeps
    /// it, and undo brings it back).
    pub fn retire_plan(&mut self, plan_id: &str) -> Result<()> {
        self.plan_step(plan_id, format!("retire plan {plan_id}"), |plan| {
            if plan.status == PlanStatus::Retired {
                return Err(wrong_status(
                    plan_id,
                    "plan",
                    plan.status,
                    "it is retired already",
                ));
            }
            plan.status = PlanStatus::Retired;
            plan.draft = None;
            Ok(())
        })
    }

    fn plan_step(
        &mut self,
        plan_id: &str,
        summary: String,
        change: impl FnOnce(&mut Plan) -> Result<()>,
    ) -> Result<()> {
        let site = self.owner("plans", "plan", plan_id)?;
        self.edit_site_as(&site, summary, |data| {
            let plan = data
                .plans
                .iter_mut()
                .find(|p| p.id == plan_id)
                .ok_or_else(|| Error::not_found("plan", plan_id))?;
            change(plan)
        })
    }
}

/// What the lifecycle acts on: the plan's draft version if it has one, else the plan itself
/// (with the words for it in messages).
fn under_work(plan: &mut Plan) -> (&'static str, &mut Plan) {
    if plan.draft.is_some() {
        let draft = plan.draft.as_deref_mut().expect("checked above");
        ("the draft version of plan", draft)
    } else {
        ("plan", plan)
    }
}

fn wrong_status(plan_id: &str, what: &str, status: PlanStatus, why: &str) -> Error {
    Error::Conflict(format!(
        "{what} {plan_id:?} is {}: {why}",
        status.label().to_lowercase()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_move_on_by_their_last_number() {
        for (from, to) in [
            ("3.2", "3.3"),
            ("0.9", "0.10"),
            ("2", "3"),
            ("1.0-rc", "1.0-rc.1"),
            ("", "0.1"),
        ] {
            assert_eq!(next_version(from), to, "{from}");
        }
    }
}
