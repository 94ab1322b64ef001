//! Keeping the portfolio from the command line, through the same store calls as the app: new
//! plans from a template, plans copied to another site, the plan lifecycle, a person leaving
//! with a hand-over of their roles, a site deleted, a readiness policy previewed, and undo.
//! Each is one transaction, checked as an import, recorded in the audit trail as made from the
//! CLI (and undone with `continuum undo` or Ctrl+Z in the app).

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use continuum_core::edit;
use continuum_core::store::lifecycle::{Approval, PlanAction};
use continuum_core::store::maintain::Successor;
use continuum_core::templates::NewPlan;
use continuum_core::{Error as CoreError, PlanKind, ReadinessSettings};
use serde_json::{json, Value};

use crate::error::Error;
use crate::output::print_json;

#[derive(Subcommand)]
pub enum Command {
    /// Plans: new from a template, copy to another site, lifecycle, delete
    #[command(subcommand)]
    Plan(PlanCommand),
    /// A person leaves: hand every role they hold to a successor and deactivate them
    ///
    /// Each role is named PLAN/ROLE=SUCCESSOR; the successor takes the same place in the call
    /// order. Refused, changing nothing, if a role they hold has no successor.
    Deactivate {
        /// Person id (e.g. lon-002)
        person: String,
        /// PLAN/ROLE=PERSON, once per role held (e.g. london-bcp/hr-lead=lon-011)
        #[arg(long = "successor", value_name = "PLAN/ROLE=PERSON", value_parser = successor)]
        successors: Vec<Successor>,
    },
    /// Delete a site and everything in it (its history stays; `continuum undo` brings it back)
    DeleteSite {
        /// Site id
        site: String,
    },
    /// Which sites a readiness policy would move to another band; saves nothing
    ///
    /// Starts from the stored policy and changes what --set names, e.g. --set ready_at=90
    /// --set weights.training=25 --set blocking_roles='["incident-commander"]'.
    PolicyPreview {
        /// FIELD=VALUE of the portfolio file's `readiness` section (dotted for nested fields)
        #[arg(long = "set", value_name = "FIELD=VALUE")]
        set: Vec<String>,
        /// The date to score on [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<NaiveDate>,
    },
    /// Undo the last change (from the app, the command line or an import)
    Undo,
}

#[derive(Subcommand)]
pub enum PlanCommand {
    /// A new draft plan for a site from the template of its kind
    New {
        /// Site id
        site: String,
        /// business_continuity, it_disaster_recovery, crisis_communications, pandemic,
        /// emergency_response or supplier_continuity
        #[arg(long, value_parser = kind)]
        kind: PlanKind,
        /// Id of the new plan
        #[arg(long)]
        id: String,
        #[arg(long)]
        title: String,
        /// Person id of the owner (someone of the site)
        #[arg(long)]
        owner: String,
    },
    /// Copy a plan to another site as a new draft (people, approval and relocation cleared)
    Copy {
        /// Plan id
        plan: String,
        /// Site id to copy to
        #[arg(long)]
        to: String,
        /// Id of the copy
        #[arg(long)]
        id: String,
        /// Person id of the copy's owner (someone of that site)
        #[arg(long)]
        owner: String,
    },
    /// Submit a draft for review
    Submit { plan: String },
    /// Approve a draft or a plan in review: appends a revision and moves the version on
    Approve {
        plan: String,
        /// Person id of the approver
        #[arg(long)]
        approver: String,
        /// Person id of the revision's author [default: the plan's owner]
        #[arg(long)]
        author: Option<String>,
        /// What this revision changed, in a sentence
        #[arg(long)]
        summary: String,
        /// [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
    },
    /// Start a new revision of an approved plan
    Revise { plan: String },
    /// Retire a plan
    Retire { plan: String },
    /// Delete a plan
    Delete { plan: String },
}

fn kind(text: &str) -> Result<PlanKind, String> {
    serde_json::from_value(Value::String(text.into())).map_err(|_| {
        "expected business_continuity, it_disaster_recovery, crisis_communications, pandemic, \
         emergency_response or supplier_continuity"
            .into()
    })
}

fn successor(text: &str) -> Result<Successor, String> {
    let (slot, person) = text
        .split_once('=')
        .ok_or("expected PLAN/ROLE=PERSON, e.g. london-bcp/hr-lead=lon-011")?;
    let (plan, role) = slot
        .split_once('/')
        .ok_or("expected PLAN/ROLE=PERSON, e.g. london-bcp/hr-lead=lon-011")?;
    Ok(Successor {
        plan: plan.into(),
        role: role.into(),
        person: person.into(),
    })
}

pub fn run(
    cmd: Command,
    db: Option<PathBuf>,
    as_json: bool,
    today: NaiveDate,
) -> Result<(), Error> {
    let mut store = super::open_with_demo(db, today)?;
    let done = |what: String, extra: Value| {
        if as_json {
            let mut out = json!({ "done": what });
            if let (Some(o), Value::Object(e)) = (out.as_object_mut(), extra) {
                o.extend(e);
            }
            print_json(&out);
        } else {
            println!("{what}.");
        }
    };
    match cmd {
        Command::Plan(plan) => {
            match plan {
                PlanCommand::New {
                    site,
                    kind,
                    id,
                    title,
                    owner,
                } => {
                    store.new_plan(
                        &site,
                        NewPlan {
                            kind,
                            id: id.clone(),
                            title,
                            owner,
                        },
                    )?;
                    let steps = store.plan(&id)?.steps.len();
                    done(
                    format!("Created draft plan {id} at {site} from the {} template ({steps} steps)", kind.label()),
                    json!({ "plan": id, "site": site, "steps": steps }),
                );
                }
                PlanCommand::Copy {
                    plan,
                    to,
                    id,
                    owner,
                } => {
                    store.duplicate_plan(&plan, &to, &id, &owner)?;
                    done(
                        format!("Copied {plan} to {to} as draft {id}"),
                        json!({ "plan": id, "site": to }),
                    );
                }
                PlanCommand::Submit { plan } => {
                    store.plan_action(&plan, PlanAction::Submit)?;
                    done(
                        format!("Submitted {plan} for review"),
                        json!({ "plan": plan }),
                    );
                }
                PlanCommand::Approve {
                    plan,
                    approver,
                    author,
                    summary,
                    date,
                } => {
                    let author = match author {
                        Some(a) => a,
                        None => store.plan(&plan)?.owner,
                    };
                    let version = store.approve_plan(
                        &plan,
                        Approval {
                            approver,
                            author,
                            summary,
                            date: date.unwrap_or(today),
                        },
                    )?;
                    done(
                        format!("Approved {plan} as version {version}"),
                        json!({ "plan": plan, "version": version }),
                    );
                }
                PlanCommand::Revise { plan } => {
                    store.plan_action(&plan, PlanAction::Revise)?;
                    done(format!("Revising {plan}"), json!({ "plan": plan }));
                }
                PlanCommand::Retire { plan } => {
                    store.plan_action(&plan, PlanAction::Retire)?;
                    done(format!("Retired {plan}"), json!({ "plan": plan }));
                }
                PlanCommand::Delete { plan } => {
                    store.delete_plan(&plan)?;
                    done(format!("Deleted plan {plan}"), json!({ "plan": plan }));
                }
            }
        }
        Command::Deactivate { person, successors } => {
            let roles = successors.len();
            store.hand_over(&person, successors)?;
            done(
                format!("Deactivated {person}; {roles} role(s) handed over"),
                json!({ "person": person, "roles": roles }),
            );
        }
        Command::DeleteSite { site } => {
            store.delete_site(&site)?;
            done(format!("Deleted site {site}"), json!({ "site": site }));
        }
        Command::PolicyPreview { set, as_of } => {
            let mut settings =
                serde_json::to_value(store.portfolio()?.readiness.unwrap_or_default())
                    .expect("settings serialise");
            for assignment in &set {
                apply(&mut settings, assignment)?;
            }
            let settings: ReadinessSettings = edit::from_json("policy", settings)?;
            let preview = store.policy_preview(&settings, as_of.unwrap_or(today))?;
            if as_json {
                print_json(&preview);
            } else {
                println!(
                    "As of {}: {} of {} site(s) would change band ({} score(s) would change).",
                    preview.as_of,
                    preview.changes.len(),
                    preview.sites,
                    preview.scores_changed
                );
                for c in &preview.changes {
                    println!(
                        "  {:<24} {:>3} {:<9} → {:>3} {}",
                        c.site_name,
                        c.score_before,
                        c.before.as_str(),
                        c.score_after,
                        c.after.as_str()
                    );
                }
            }
        }
        Command::Undo => match store.undo_last()? {
            Some(undone) => done(
                format!(
                    "Undone: {} ({}, {})",
                    undone.undone.summary, undone.undone.who, undone.undone.at
                ),
                json!({ "undone": undone.undone.summary, "entries": undone.entries }),
            ),
            None => done("Nothing to undo".into(), json!({ "undone": null })),
        },
    }
    Ok(())
}

/// Sets `path=value` in the policy's JSON: the value read as JSON when it is (a number, a list),
/// else as text.
fn apply(settings: &mut Value, assignment: &str) -> Result<(), Error> {
    let (path, raw) = assignment.split_once('=').ok_or_else(|| {
        CoreError::Invalid(format!(
            "--set {assignment:?}: expected FIELD=VALUE, e.g. ready_at=90"
        ))
    })?;
    let value = serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.into()));
    let mut at = settings;
    let parts: Vec<&str> = path.split('.').collect();
    for (i, key) in parts.iter().enumerate() {
        let object = match at {
            Value::Object(o) => o,
            other => {
                *other = json!({});
                other.as_object_mut().expect("just made an object")
            }
        };
        if i + 1 == parts.len() {
            object.insert((*key).into(), value);
            return Ok(());
        }
        at = object.entry(*key).or_insert_with(|| json!({}));
    }
    Ok(())
}
