//! Edits that keep a portfolio true as people and sites change: a site's own facts, a new plan
//! from a template or from another site's plan, and a person leaving with their roles handed
//! over. Each is one edit of one site (checked as an import, recorded in the trail, undone
//! like any other).

use std::path::PathBuf;

use serde::Deserialize;

use crate::model::{Plan, PlanStatus, Site};
use crate::planfile::Parsed;
use crate::templates::{self, NewPlan};
use crate::views::{self, PlanTiming};
use crate::{validate, Error, Result, Store};

/// Who takes over one role a leaving person holds in a plan, at the same rank.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Successor {
    pub plan: String,
    pub role: String,
    /// Person id of the successor, someone active of the same site.
    pub person: String,
}

impl Store {
    /// Checks a plan being edited as saving it would, without saving: the import's reference
    /// checks against its site and the catalogue, the first problem named by its field in the
    /// plan (`steps[3].role`). Gives the plan's timing (steps against the RTO) when it passes,
    /// so an editor can show the running total as it is typed.
    pub fn check_plan(&self, site_id: &str, plan: Plan) -> Result<PlanTiming> {
        let mut data = self.site(site_id)?;
        let index = match data.plans.iter().position(|p| p.id == plan.id) {
            Some(i) => {
                data.plans[i] = plan;
                i
            }
            None => {
                data.plans.push(plan);
                data.plans.len() - 1
            }
        };
        let catalogue = self.portfolio()?;
        let file = Parsed {
            path: PathBuf::from(format!("{site_id}.json")),
            text: String::new(),
            value: data,
        };
        let problems = validate::check(&catalogue, std::slice::from_ref(&file));
        let prefix = format!("plans[{index}].");
        let in_plan = problems.iter().find_map(|p| {
            let rest = p.message.strip_prefix(&prefix)?;
            let (field, message) = rest.split_once(": ")?;
            Some((field.to_owned(), message.to_owned()))
        });
        if let Some((field, message)) = in_plan {
            return Err(Error::Field {
                entity: "plan",
                field,
                message,
            });
        }
        if !problems.is_empty() {
            return Err(Error::PlanFiles(problems));
        }
        Ok(views::timing(&file.value, &file.value.plans[index]))
    }

    /// Changes a site's own facts (name, place, tier, headcount, lead); its id stays.
    pub fn save_site(&mut self, site: Site) -> Result<()> {
        let id = site.id.clone();
        self.edit_site_as(&id, format!("edit site {id}"), |d| {
            d.site = site;
            Ok(())
        })
    }

    /// Adds a new draft plan to a site from the template of its kind.
    pub fn new_plan(&mut self, site_id: &str, new: NewPlan) -> Result<()> {
        let catalogue = self.portfolio()?;
        let plan = templates::plan_from_template(&new, &catalogue);
        let summary = format!("new plan {} from the {} template", new.id, new.kind.label());
        self.edit_site_as(site_id, summary, |d| add_plan(&mut d.plans, plan))
    }

    /// Copies a plan to another site as a new draft `id` owned by `owner` (see
    /// [`templates::duplicate_plan`] for what is kept and what is cleared).
    pub fn duplicate_plan(
        &mut self,
        plan_id: &str,
        to_site: &str,
        id: &str,
        owner: &str,
    ) -> Result<()> {
        let plan = self.plan(plan_id)?;
        let target = self.site(to_site)?;
        let copy = templates::duplicate_plan(&plan, &target, id, owner);
        let summary = format!("duplicate plan {plan_id} to {to_site} as {id}");
        self.edit_site_as(to_site, summary, |d| add_plan(&mut d.plans, copy))
    }

    /// A person leaves: every role they hold goes to the successor named for it (same plan,
    /// role and rank), and they are marked inactive — in one edit. Refused, changing nothing,
    /// if a role they hold has no successor, or a successor is not an active person of the
    /// site. They stay on file (plans may still name them as owner or in revisions).
    pub fn hand_over(&mut self, person_id: &str, successors: Vec<Successor>) -> Result<()> {
        let site = self.owner("people", "person", person_id)?;
        let summary = format!("hand over the roles of {person_id} and deactivate them");
        self.edit_site_as(&site, summary, |d| {
            let active = |id: &str| d.people.iter().any(|p| p.id == id && p.active);
            for (i, s) in successors.iter().enumerate() {
                let field = format!("successors[{i}].person");
                if s.person == person_id {
                    return Err(handover_error(field, "cannot succeed themselves".into()));
                }
                if !active(&s.person) {
                    return Err(handover_error(
                        field,
                        format!("{:?} is not an active person of this site", s.person),
                    ));
                }
            }
            // A plan being revised hands over in its draft too, or approving the draft would
            // bring the person back.
            let hand = |plan: &mut Plan| -> Result<()> {
                let held: Vec<(String, u32)> = plan
                    .assignments
                    .iter()
                    .filter(|a| a.person == person_id)
                    .map(|a| (a.role.clone(), a.rank))
                    .collect();
                for (role, rank) in held {
                    let successor = successors
                        .iter()
                        .find(|s| s.plan == plan.id && s.role == role)
                        .ok_or_else(|| {
                            handover_error(
                                format!("{}/{role}", plan.id),
                                format!("name a successor for {role} in plan {:?}", plan.title),
                            )
                        })?;
                    hand_role(plan, &role, rank, &successor.person);
                }
                Ok(())
            };
            for plan in &mut d.plans {
                hand(plan)?;
                if let Some(draft) = plan.draft.as_deref_mut() {
                    hand(draft)?;
                }
            }
            let person = d
                .people
                .iter_mut()
                .find(|p| p.id == person_id)
                .ok_or_else(|| Error::not_found("person", person_id))?;
            person.active = false;
            Ok(())
        })
    }
}

/// `successor` takes `rank` of `role`; if they already held another rank of it, that slot is
/// left to the ranks behind (everyone behind moves up one), so nobody holds a role twice.
fn hand_role(plan: &mut Plan, role: &str, rank: u32, successor: &str) {
    let before = plan
        .assignments
        .iter()
        .find(|a| a.role == role && a.person == successor)
        .map(|a| a.rank);
    for a in plan.assignments.iter_mut().filter(|a| a.role == role) {
        if a.rank == rank {
            a.person = successor.into();
        }
    }
    if let Some(old) = before {
        plan.assignments
            .retain(|a| !(a.role == role && a.rank == old));
        for a in plan.assignments.iter_mut() {
            if a.role == role && a.rank > old {
                a.rank -= 1;
            }
        }
    }
}

fn add_plan(plans: &mut Vec<Plan>, plan: Plan) -> Result<()> {
    if plans.iter().any(|p| p.id == plan.id) {
        return Err(Error::Field {
            entity: "plan",
            field: "id".into(),
            message: format!("this site already has a plan {:?}", plan.id),
        });
    }
    debug_assert_eq!(plan.status, PlanStatus::Draft);
    plans.push(plan);
    Ok(())
}

fn handover_error(field: String, message: String) -> Error {
    Error::Field {
        entity: "hand-over",
        field,
        message,
    }
}
