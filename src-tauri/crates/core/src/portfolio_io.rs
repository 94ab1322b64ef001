//! Import and export of whole plan directories: the bridge between plan files and the store.

use std::path::{Path, PathBuf};

use crate::planfile::{self, Parsed, PORTFOLIO_FILE};
use crate::store::{ImportSummary, Store};
use crate::{validate, Error, Result};

/// Imports plan files and directories all-or-nothing. Every problem in every file is listed; if
/// there is any, the store is left exactly as it was. A site file replaces that site whole;
/// sites not named are untouched.
pub fn import(store: &mut Store, paths: &[PathBuf]) -> Result<ImportSummary> {
    let inputs = planfile::read_inputs(paths);
    let mut problems = inputs.problems;
    let catalogue = match &inputs.portfolio {
        Some(p) => p.value.clone(),
        None => store.portfolio()?,
    };
    problems.extend(validate::check(&catalogue, &inputs.sites));
    if !problems.is_empty() {
        return Err(Error::PlanFiles(problems));
    }
    store.replace(inputs.portfolio.as_ref(), &inputs.sites)
}

/// What an export wrote.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct ExportSummary {
    pub files: Vec<PathBuf>,
}

/// Writes the portfolio file and one file per site into `dir` (created if missing), in the
/// canonical form. Each file is replaced atomically; files of other names are left alone.
pub fn export(store: &Store, dir: &Path) -> Result<ExportSummary> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut files = Vec::new();
    let path = dir.join(PORTFOLIO_FILE);
    planfile::write_atomically(&path, &planfile::to_text(&store.portfolio()?))?;
    files.push(path);
    for id in store.site_ids()? {
        let path = dir.join(format!("{id}.json"));
        planfile::write_atomically(&path, &planfile::to_text(&store.site(&id)?))?;
        files.push(path);
    }
    Ok(ExportSummary { files })
}

/// Parses plan files held in memory (the embedded demo), as if read from `dir`.
pub(crate) fn parse_embedded<'a>(
    files: impl Iterator<Item = (&'a str, &'a str)>,
) -> (
    Option<Parsed<crate::Portfolio>>,
    Vec<Parsed<crate::SiteData>>,
    Vec<planfile::Problem>,
) {
    let mut portfolio = None;
    let mut sites = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in files {
        let path = Path::new("plans").join(name);
        if name == PORTFOLIO_FILE {
            match planfile::parse(&path, text) {
                Ok(p) => portfolio = Some(p),
                Err(p) => problems.push(p),
            }
        } else {
            match planfile::parse(&path, text) {
                Ok(s) => sites.push(s),
                Err(p) => problems.push(p),
            }
        }
    }
    (portfolio, sites, problems)
}
