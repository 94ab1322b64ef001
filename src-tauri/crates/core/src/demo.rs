//! The demo portfolio: the plan files in `plans/`, embedded in the binary, loaded into an empty
//! database on first start.
//!
//! The files record the date they were written for. So that the demo looks the same whatever
//! day it is opened (training not all expired a year later, reviews not all overdue), the
//! first-start load moves every date forward by the days since then. A plain `import` never
//! shifts dates.

use chrono::{NaiveDate, TimeDelta};

use crate::planfile::Problem;
use crate::portfolio_io::parse_embedded;
use crate::store::{ImportSummary, Store};
use crate::{validate, Error, Portfolio, Result, SiteData};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/demo_files.rs"));
}

/// The demo files as (file name, text), in name order.
pub fn files() -> &'static [(&'static str, &'static str)] {
    embedded::FILES
}

/// Loads the demo portfolio, dates moved to `today`, if the store holds no site yet. Returns
/// whether it loaded anything.
pub fn load_demo_if_empty(store: &mut Store, today: NaiveDate) -> Result<bool> {
    if !store.is_empty()? {
        return Ok(false);
    }
    load_demo(store, today)?;
    Ok(true)
}

/// Loads (or reloads) the demo portfolio with every date moved so that the files' `written_for`
/// date falls on `today`.
pub fn load_demo(store: &mut Store, today: NaiveDate) -> Result<ImportSummary> {
    let (portfolio, mut sites, mut problems) = parse_embedded(files().iter().copied());
    let Some(portfolio) = portfolio else {
        problems.push(Problem {
            path: "plans/portfolio.json".into(),
            line: None,
            column: None,
            message: "the demo portfolio file is missing from this build".into(),
        });
        return Err(Error::PlanFiles(problems));
    };
    for site in &mut sites {
        if let Some(written_for) = site.value.written_for {
            shift_dates(&mut site.value, today - written_for);
        }
    }
    problems.extend(validate::check(&portfolio.value, &sites));
    if !problems.is_empty() {
        return Err(Error::PlanFiles(problems));
    }
    store.replace(Some(&portfolio), &sites)
}

/// The date the demo files were written for.
pub fn written_for() -> Option<NaiveDate> {
    let (portfolio, _, _) = parse_embedded(
        files()
            .iter()
            .copied()
            .filter(|(n, _)| *n == "portfolio.json"),
    );
    portfolio.and_then(|p: crate::planfile::Parsed<Portfolio>| p.value.written_for)
}

/// Moves every date of a site by `by` (which may be negative).
pub fn shift_dates(data: &mut SiteData, by: TimeDelta) {
    let shift = |d: &mut NaiveDate| *d += by;
    let dates = data
        .written_for
        .iter_mut()
        .chain(data.plans.iter_mut().flat_map(|p| {
            p.approved_on
                .iter_mut()
                .chain(p.last_reviewed.iter_mut())
                .chain(p.revisions.iter_mut().map(|r| &mut r.date))
        }))
        .chain(data.training.iter_mut().map(|t| &mut t.completed))
        .chain(data.exercises.iter_mut().flat_map(|e| {
            std::iter::once(&mut e.date).chain(
                e.findings
                    .iter_mut()
                    .flat_map(|f| std::iter::once(&mut f.due).chain(f.closed.iter_mut())),
            )
        }));
    dates.for_each(shift);
}
