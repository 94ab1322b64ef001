//! `continuum reviews` and `continuum review …`: stored readiness reviews (ISO 22301 §9.3).
//!
//! `continuum review` alone (with `--as-of`, `-o`) still writes the blank readiness-review
//! report; `--id ID` writes a stored review's report instead, and the subcommands start a
//! review, record its decisions and actions, and sign it off.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Subcommand;
use continuum_core::store::{NewAction, Review, ReviewItem, ReviewPage, ReviewScope, ReviewStatus};
use continuum_core::Store;
use continuum_documents as documents;
use serde::Serialize;

use crate::error::Error;

#[derive(Subcommand)]
pub enum Command {
    /// Start a stored review of the portfolio, a region or a site
    Start {
        /// portfolio, region:ID or site:ID
        #[arg(long, default_value = "portfolio", value_name = "SCOPE")]
        scope: String,
        /// The date the review assesses readiness on [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<NaiveDate>,
    },
    /// Show a stored review: its inputs, decisions, actions, the previous review's actions
    Show {
        /// The review's id
        id: i64,
    },
    /// Record a decision of an open review
    Decide {
        /// The review's id
        id: i64,
        /// What was decided
        text: String,
    },
    /// Record an action of an open review, with its owner and due date
    Action {
        /// The review's id
        id: i64,
        /// What is to be done
        text: String,
        /// Who owns it
        #[arg(long, value_name = "NAME")]
        owner: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: NaiveDate,
    },
    /// Mark a review action done (also of a signed review: that is its follow-up)
    Done {
        /// The action's id (see `continuum review show ID`)
        action: i64,
        /// The day it was done [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<NaiveDate>,
        /// Reopen it instead
        #[arg(long, conflicts_with = "on")]
        reopen: bool,
    },
    /// Sign a review off: records a readiness snapshot and freezes the review
    SignOff {
        /// The review's id
        id: i64,
        /// Who signs (one or more names)
        #[arg(long = "by", value_name = "NAME", num_args = 1.., required = true)]
        by: Vec<String>,
    },
}

fn print<T: Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).expect("output serialises")
    );
}

fn status(r: &Review) -> String {
    match r.status {
        ReviewStatus::Open => "open".into(),
        ReviewStatus::Signed => format!(
            "signed {} by {}",
            r.signed_off_at
                .as_deref()
                .unwrap_or("")
                .get(..10)
                .unwrap_or(""),
            r.signed_by.join(", ")
        ),
    }
}

/// `continuum reviews`
pub fn list(store: &Store, as_json: bool) -> Result<(), Error> {
    let list = store.reviews()?;
    if as_json {
        print(&list);
        return Ok(());
    }
    if list.is_empty() {
        println!("No stored review. Start one with: continuum review start --scope portfolio");
        return Ok(());
    }
    println!(
        "{:>4}  {:<10}  {:<24}  {:>9}  {:>12}  STATUS",
        "ID", "AS OF", "SCOPE", "DECISIONS", "ACTIONS OPEN"
    );
    for r in &list {
        println!(
            "{:>4}  {:<10}  {:<24}  {:>9}  {:>12}  {}",
            r.id,
            r.as_of.to_string(),
            r.scope_name,
            r.decisions,
            format!("{}/{}", r.open_actions, r.actions),
            status(r)
        );
    }
    Ok(())
}

/// `continuum review --id ID [-o FILE]`
pub fn write_pdf(
    store: &Store,
    id: i64,
    output: Option<PathBuf>,
) -> Result<documents::Written, Error> {
    let path = output.unwrap_or_else(|| PathBuf::from(documents::default_stored_review_file(id)));
    Ok(documents::write_stored_review(store, id, &path)?)
}

fn item_line(i: &ReviewItem) -> String {
    match (&i.owner, i.due, i.state) {
        (Some(owner), Some(due), Some(state)) => format!(
            "  #{:<4} {} — {owner}, due {due}, {}{}",
            i.id,
            i.text,
            state.label(),
            i.done.map(|d| format!(" {d}")).unwrap_or_default()
        ),
        _ => format!("  #{:<4} {}", i.id, i.text),
    }
}

fn show(page: &ReviewPage) {
    let r = &page.review;
    let i = &page.inputs;
    println!(
        "Review #{} — {} as of {} ({})",
        r.id,
        r.scope_name,
        r.as_of,
        status(r)
    );
    println!(
        "Readiness: {} ready, {} at risk, {} not ready; average {}; {} improved, {} worsened since {}",
        i.counts.ready, i.counts.at_risk, i.counts.not_ready, i.average_score, i.improved, i.worsened, i.since
    );
    println!(
        "Exercise results: {}; corrective actions open or closed since: {}; expiring or expired training: {}; changes since: {}",
        i.exercises.len(),
        i.corrective_actions.len(),
        i.expiring_training.len(),
        i.changes_total
    );
    if let Some(p) = &page.previous {
        println!(
            "Previous review #{} as of {}: actions",
            p.review.id, p.review.as_of
        );
        for a in &p.actions {
            println!("{}", item_line(a));
        }
    }
    println!("Decisions:");
    for d in &page.decisions {
        println!("{}", item_line(d));
    }
    println!("Actions:");
    for a in &page.actions {
        println!("{}", item_line(a));
    }
}

pub fn run(cmd: Command, store: &mut Store, as_json: bool, today: NaiveDate) -> Result<(), Error> {
    match cmd {
        Command::Start { scope, as_of } => {
            let scope = ReviewScope::parse(&scope)?;
            let review = store.start_review(scope, as_of.unwrap_or(today))?;
            if as_json {
                print(&review);
            } else {
                println!(
                    "Started review #{} of {} as of {}.",
                    review.id, review.scope_name, review.as_of
                );
            }
        }
        Command::Show { id } => {
            let page = store.review_page(id)?;
            if as_json {
                print(&page);
            } else {
                show(&page);
            }
        }
        Command::Decide { id, text } => {
            let item = store.add_decision(id, &text)?;
            if as_json {
                print(&item);
            } else {
                println!("Recorded decision #{} in review #{id}.", item.id);
            }
        }
        Command::Action {
            id,
            text,
            owner,
            due,
        } => {
            let item = store.add_action(id, NewAction { text, owner, due })?;
            if as_json {
                print(&item);
            } else {
                println!("Recorded action #{} in review #{id}.", item.id);
            }
        }
        Command::Done { action, on, reopen } => {
            let done = (!reopen).then(|| on.unwrap_or(today));
            let item = store.complete_action(action, done)?;
            if as_json {
                print(&item);
            } else {
                println!("{}", item_line(&item).trim_start());
            }
        }
        Command::SignOff { id, by } => {
            let review = store.sign_off(id, by)?;
            if as_json {
                print(&review);
            } else {
                println!(
                    "Signed off review #{} by {}; readiness snapshot recorded as of {}.",
                    review.id,
                    review.signed_by.join(", "),
                    review.as_of
                );
            }
        }
    }
    Ok(())
}
