//! `continuum csv import people|training FILE`: an HR or learning-system export into the
//! store, all or nothing, through the same core calls the app's import wizard makes
//! (`csv_import::plan_*`, then `Store::apply_csv`). See docs/csv-import.md.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use continuum_core::csv_import::{self, ColumnMap, CsvOptions, CsvPlan, CsvSummary, RowStatus};
use serde_json::json;

use crate::error::Error;
use crate::output::print_json;

/// How many new or changed rows the text output lists (JSON lists them all).
const LISTED: usize = 20;

#[derive(Subcommand)]
pub enum Command {
    /// Import people or training completions from a CSV file, all or nothing
    Import(ImportArgs),
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// People from an HR export (matched by id or e-mail)
    People,
    /// Training completions from a learning system (person, course, completion date)
    Training,
}

#[derive(Args)]
pub struct ImportArgs {
    /// What the file holds
    #[arg(value_enum)]
    kind: Kind,
    /// The CSV file: `,` `;` or tab; UTF-8 (BOM or not), UTF-16 with BOM or Windows-1252
    file: PathBuf,
    /// The site the people belong to (people files without a site column)
    #[arg(long, value_name = "ID")]
    site: Option<String>,
    /// Which field a column fills, overriding the header's synonyms (e.g. "Personalnr=id",
    /// "Cell=phones.mobile", "Notes=-" to leave a column out); repeat for several
    #[arg(long = "map", value_name = "COLUMN=field")]
    map: Vec<String>,
    /// Chrono format of dates that are not ISO 8601 (e.g. %d.%m.%Y); never guessed
    #[arg(long, value_name = "FMT")]
    date_format: Option<String>,
    /// Say what would be new, changed and unchanged; write nothing
    #[arg(long)]
    dry_run: bool,
}

pub fn run(
    cmd: Command,
    db: Option<PathBuf>,
    as_json: bool,
    today: NaiveDate,
) -> Result<(), Error> {
    let Command::Import(args) = cmd;
    let options = CsvOptions {
        site: args.site,
        map: args
            .map
            .iter()
            .map(|m| ColumnMap::parse(m))
            .collect::<Result<_, _>>()?,
        date_format: args.date_format,
    };
    let mut store = super::open_with_demo(db, today)?;
    let plan = match args.kind {
        Kind::People => csv_import::plan_people(&store, &args.file, &options)?,
        Kind::Training => csv_import::plan_training(&store, &args.file, &options)?,
    };
    let summary = match args.dry_run {
        true => plan.summary(),
        false => store.apply_csv(&plan)?,
    };
    report(as_json, args.dry_run, &plan, &summary);
    Ok(())
}

fn report(as_json: bool, dry_run: bool, plan: &CsvPlan, summary: &CsvSummary) {
    let changes = plan
        .rows
        .iter()
        .filter(|r| r.status != RowStatus::Unchanged);
    if as_json {
        print_json(&json!({
            "dry_run": dry_run,
            "kind": plan.kind,
            "file": plan.file,
            "encoding": plan.encoding,
            "delimiter": plan.delimiter,
            "columns": plan.columns,
            "new": summary.new,
            "changed": summary.changed,
            "unchanged": summary.unchanged,
            "sites": summary.sites,
            "rows": changes.collect::<Vec<_>>(),
        }));
        return;
    }
    let columns: Vec<String> = plan
        .columns
        .iter()
        .map(|c| match &c.field {
            Some(f) => format!("{} → {f}", c.name),
            None => format!("{} (not imported)", c.name),
        })
        .collect();
    println!(
        "{} ({}, delimiter {}): {}",
        plan.file,
        plan.encoding,
        plan.delimiter,
        columns.join(", ")
    );
    let mut listed = 0;
    for row in changes {
        listed += 1;
        if listed > LISTED {
            continue;
        }
        let what = match row.status {
            RowStatus::New => "new".to_owned(),
            _ => format!("changed {}", row.fields.join(", ")),
        };
        println!("  line {}: {} ({}) {what}", row.line, row.id, row.site);
    }
    if listed > LISTED {
        println!("  … and {} more", listed - LISTED);
    }
    let counts = format!(
        "{} new, {} changed, {} unchanged",
        summary.new, summary.changed, summary.unchanged
    );
    if dry_run {
        println!("Dry run, nothing imported: {counts}.");
    } else if summary.sites.is_empty() {
        println!("Nothing to change: {counts}.");
    } else {
        println!("Imported: {counts} (sites: {}).", summary.sites.join(", "));
    }
}
