//! Continuum's domain core: the model of sites, plans, people, training and exercises; the
//! SQLite store; plan-file import and export; the demo portfolio. No Tauri here: the desktop
//! app and the `continuum` CLI are both thin layers over this crate.

pub mod audit;
pub mod csv_import;
pub mod demo;
pub mod edit;
mod error;
pub mod generate;
mod labels;
pub mod model;
pub mod planfile;
pub mod portfolio_io;
pub mod readiness;
pub mod schema;
mod span;
pub mod store;
pub mod templates;
pub mod validate;
pub mod views;

use std::path::PathBuf;

pub use error::{Error, Result};
pub use model::*;
pub use portfolio_io::{export, import};
pub use span::{Span, SpanError};
pub use store::{ImportSummary, Store};

/// Environment variable naming the database file; overrides the platform default.
pub const DB_ENV: &str = "CONTINUUM_DB";

/// The database the CLI and the app share: `$CONTINUUM_DB` if set, else `continuum.db` in the
/// platform data directory (`~/.local/share/continuum/` on Linux).
pub fn default_db_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dirs =
        directories::ProjectDirs::from("app", "continuum", "continuum").ok_or_else(|| {
            Error::Invalid(
                "no home directory found to keep the database in; set CONTINUUM_DB or pass --db"
                    .into(),
            )
        })?;
    Ok(dirs.data_dir().join("continuum.db"))
}
