//! `continuum runbook`, `continuum cards` and `continuum review`: the PDF documents.
//!
//! Each writes one file: the path given with `-o`, or a default name in the current directory
//! (`tokyo-runbook.pdf`, `tokyo-cards.pdf`, `readiness-review-2026-11-25.pdf`), atomically.

use std::path::PathBuf;

use crate::error::Error;
use chrono::NaiveDate;
use clap::Subcommand;
use continuum_documents::{self as documents, Target};

#[derive(Subcommand)]
pub enum Command {
    /// Write the PDF runbook of a site (all its approved plans) or of one plan
    ///
    /// A site with no approved plan gets a runbook of its drafts, every page marked DRAFT.
    /// With --draft, the draft version of an approved plan being revised (marked DRAFT, naming
    /// the version in force) instead of the plan in force.
    Runbook {
        /// Site id (e.g. tokyo) or plan id (e.g. tokyo-bcp)
        #[arg(value_name = "SITE_OR_PLAN")]
        target: String,
        /// The draft version of the plan (started by "Revise") instead of the one in force
        #[arg(long)]
        draft: bool,
        /// Output file [default: SITE_OR_PLAN-runbook.pdf in the current directory]
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Generation date printed on every page and used for training currency [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
    },
    /// Write one A6 role card per person in a recovery role of a site, into one PDF
    Cards {
        /// Site id (e.g. tokyo)
        site: String,
        /// Output file [default: SITE-cards.pdf in the current directory]
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Generation date [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
    },
    /// Write the readiness-review report of the portfolio (input to the ISO 22301 §9.3 management review)
    ///
    /// With --id, the report of a stored review (its decisions, actions and sign-off). The
    /// subcommands start a stored review, record its decisions and actions, and sign it off.
    #[command(args_conflicts_with_subcommands = true)]
    Review {
        #[command(subcommand)]
        action: Option<crate::reviews::Command>,
        /// A stored review's id (see `continuum reviews`): write its report
        #[arg(long, value_name = "ID", conflicts_with = "as_of")]
        id: Option<i64>,
        /// The date to assess readiness on [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<NaiveDate>,
        /// Output file [default: readiness-review-DATE.pdf, or review-ID.pdf with --id, in the current directory]
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List the stored readiness reviews, newest first
    Reviews,
}

fn report(as_json: bool, written: &documents::Written) {
    if as_json {
        println!(
            "{}",
            serde_json::to_string_pretty(written).expect("output serialises")
        );
    } else {
        println!(
            "Wrote {} ({} page(s), {} KB).",
            written.path.display(),
            written.pages,
            written.bytes.div_ceil(1024)
        );
    }
}

pub fn run(
    cmd: Command,
    db: Option<PathBuf>,
    as_json: bool,
    today: NaiveDate,
) -> Result<(), Error> {
    let mut store = super::open_with_demo(db, today)?;
    match cmd {
        Command::Runbook {
            target,
            draft,
            output,
            date,
        } => {
            let mut target = Target::resolve(&store, &target)?;
            if draft {
                target = target.draft()?;
            }
            let path =
                output.unwrap_or_else(|| PathBuf::from(documents::default_runbook_file(&target)));
            let written = documents::write_runbook(&store, &target, date.unwrap_or(today), &path)?;
            report(as_json, &written);
        }
        Command::Cards { site, output, date } => {
            let path =
                output.unwrap_or_else(|| PathBuf::from(documents::default_cards_file(&site)));
            let written = documents::write_cards(&store, &site, date.unwrap_or(today), &path)?;
            report(as_json, &written);
        }
        Command::Reviews => crate::reviews::list(&store, as_json)?,
        Command::Review {
            action: Some(action),
            ..
        } => crate::reviews::run(action, &mut store, as_json, today)?,
        Command::Review {
            id: Some(id),
            output,
            ..
        } => {
            let written = crate::reviews::write_pdf(&store, id, output)?;
            report(as_json, &written);
        }
        Command::Review { as_of, output, .. } => {
            let as_of = as_of.unwrap_or(today);
            let path =
                output.unwrap_or_else(|| PathBuf::from(documents::default_review_file(as_of)));
            let written = documents::write_review(&store, as_of, &path)?;
            report(as_json, &written);
        }
    }
    Ok(())
}
