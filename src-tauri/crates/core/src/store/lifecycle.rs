//! A plan's lifecycle: draft → in review → approved (approver, date, a revision entry and the
//! next version) → revised (a new draft) or retired. Each step is one edit of the plan's site,
//! so it is checked, recorded in the trail and undone like any other.

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
    Submit,
    Approve(Approval),
    Revise,
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
            PlanAction::Retire => self.retire_plan(plan_id),
        }
    }

    /// Draft → in review.
    pub fn submit_plan(&mut self, plan_id: &str) -> Result<()> {
        self.plan_step(
            plan_id,
            format!("submit plan {plan_id} for review"),
            |plan| match plan.status {
                PlanStatus::Draft => {
                    plan.status = PlanStatus::InReview;
                    Ok(())
                }
                other => Err(wrong_status(plan, other, "only a draft can be submitted")),
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
            if !matches!(plan.status, PlanStatus::Draft | PlanStatus::InReview) {
                return Err(wrong_status(
                    plan,
                    plan.status,
                    "revise it first; only a draft or a plan in review can be approved",
                ));
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

    /// Approved → draft, to be changed and approved again.
    pub fn revise_plan(&mut self, plan_id: &str) -> Result<()> {
        self.plan_step(
            plan_id,
            format!("revise plan {plan_id}"),
            |plan| match plan.status {
                PlanStatus::Approved => {
                    plan.status = PlanStatus::Draft;
                    Ok(())
                }
                other => Err(wrong_status(
                    plan,
                    other,
                    "only an approved plan is revised",
                )),
            },
        )
    }

    /// Any status → retired.
    pub fn retire_plan(&mut self, plan_id: &str) -> Result<()> {
        self.plan_step(plan_id, format!("retire plan {plan_id}"), |plan| {
            if plan.status == PlanStatus::Retired {
                return Err(wrong_status(plan, plan.status, "it is retired already"));
            }
            plan.status = PlanStatus::Retired;
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

fn wrong_status(plan: &Plan, status: PlanStatus, why: &str) -> Error {
    Error::Conflict(format!(
        "plan {:?} is {}: {why}",
        plan.id,
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
