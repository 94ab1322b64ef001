//! `continuum`: the command-line tool over continuum-core.
//!
//! Exit codes: 0 success, 1 the command failed (bad plan files, unknown site, I/O…), 2 the
//! command line itself is wrong (clap's usage errors). With `--json`, a failure is printed on
//! standard error as `{ "code", "message" }` (and `problems` for bad plan files), the code being
//! the same one the app sends: `not_found`, `validation`, `conflict`, `io`, `font`, `database`.

mod csv;
mod documents;
mod error;
mod history;
mod maintain;
mod output;
mod readiness;
mod reviews;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::{Parser, Subcommand};
use continuum_core::audit::Source;
use continuum_core::{demo, generate, Store};

use error::Error;

#[derive(Parser)]
#[command(
    name = "continuum",
    version,
    about = "Business continuity plans, readiness and runbooks — from the command line"
)]
struct Cli {
    /// Database file [default: the platform data directory, e.g. ~/.local/share/continuum/continuum.db]
    #[arg(long, global = true, env = continuum_core::DB_ENV, value_name = "PATH")]
    db: Option<PathBuf>,

    /// Print machine-readable JSON instead of text
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create the database (with the demo portfolio unless --empty)
    Init {
        /// Create an empty database, without the demo portfolio
        #[arg(long)]
        empty: bool,
    },
    /// Import plan files or directories, all or nothing
    ///
    /// A site file replaces that site whole; sites not in the files are untouched. If any file
    /// has a problem, nothing changes and every problem is listed as file:line:column.
    Import {
        /// Plan files (*.json) or directories of them
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Write the portfolio back as plan files (portfolio.json and one file per site)
    Export {
        /// Directory to write into (created if missing)
        dir: PathBuf,
    },
    /// List the sites with region, plan count and people count
    Sites,
    /// Write a synthetic portfolio for benchmarks and scale tests
    Generate {
        /// Number of sites
        #[arg(long)]
        sites: usize,
        /// Random seed: the same seed gives the same files
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Directory to write into
        #[arg(long)]
        out: PathBuf,
        /// Date the portfolio is written for [default: today]
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
    },
    /// Who changed what and when: the audit trail, newest first
    ///
    /// Every change — from the app, the command line or an import — is recorded with its old
    /// and new value; an import records what changed in each site, field by field. The user is
    /// $CONTINUUM_USER, else the name set in settings, else the OS user. With --json,
    /// an array of objects with at least at, who, source, site, entity, id, field, old and new.
    History(history::Args),
    /// Import people (an HR export) or training completions (a learning system's) from CSV
    ///
    /// All or nothing: every problem is listed by row (file:line, the header being line 1) and
    /// nothing changes. Header names are matched ignoring case, spaces and punctuation, with
    /// common synonyms (Employee ID, E-mail, Completion Date…); --map overrides. Importing the
    /// same file twice changes nothing the second time. See docs/csv-import.md.
    #[command(subcommand)]
    Csv(csv::Command),
    #[command(flatten)]
    Documents(documents::Command),
    #[command(flatten)]
    Readiness(readiness::Command),
    #[command(flatten)]
    Maintain(maintain::Command),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let as_json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if as_json {
                eprintln!(
                    "{}",
                    serde_json::to_string_pretty(&e.to_json()).expect("an error serialises")
                );
            } else {
                eprintln!("error: {e}");
            }
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<(), Error> {
    let today = Local::now().date_naive();
    match cli.command {
        Command::Init { empty } => {
            let path = db_path(cli.db)?;
            let existed = path.exists();
            let mut store = open(&path)?;
            let loaded = !empty && demo::load_demo_if_empty(&mut store, today)?;
            output::init(cli.json, &path, existed, loaded);
        }
        Command::Import { paths } => {
            // An explicit import into a new database holds exactly what was imported: no demo.
            let mut store = open(&db_path(cli.db)?)?;
            let summary = continuum_core::import(&mut store, &paths)?;
            output::import(cli.json, &summary);
        }
        Command::Export { dir } => {
            let store = open_with_demo(cli.db, today)?;
            let summary = continuum_core::export(&store, &dir)?;
            output::export(cli.json, &summary);
        }
        Command::Sites => {
            let store = open_with_demo(cli.db, today)?;
            output::sites(cli.json, &store.list_sites()?);
        }
        Command::Generate {
            sites,
            seed,
            out,
            date,
        } => {
            let files = generate::write_portfolio(&out, sites, seed, date.unwrap_or(today))?;
            output::generate(cli.json, &out, files);
        }
        Command::History(args) => history::run(args, cli.db, cli.json, today)?,
        Command::Csv(cmd) => csv::run(cmd, cli.db, cli.json, today)?,
        Command::Documents(cmd) => documents::run(cmd, cli.db, cli.json, today)?,
        Command::Readiness(cmd) => readiness::run(cmd, cli.db, cli.json, today)?,
        Command::Maintain(cmd) => maintain::run(cmd, cli.db, cli.json, today)?,
    }
    Ok(())
}

fn db_path(db: Option<PathBuf>) -> Result<PathBuf, Error> {
    match db {
        Some(path) => Ok(path),
        None => Ok(continuum_core::default_db_path()?),
    }
}

/// Opens the store; on first start (no database file yet) loads the demo portfolio, as the app does.
fn open_with_demo(db: Option<PathBuf>, today: NaiveDate) -> Result<Store, Error> {
    let path = db_path(db)?;
    let first_start = !path.exists();
    let mut store = open(&path)?;
    if first_start {
        demo::load_demo_if_empty(&mut store, today)?;
    }
    Ok(store)
}

/// Opens the store, its changes recorded as made from the command line.
fn open(path: &Path) -> Result<Store, Error> {
    let mut store = Store::open(path)?;
    store.set_source(Source::Cli);
    Ok(store)
}
