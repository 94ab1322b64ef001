//! The core's one error type. Every variant reads as a sentence a continuity manager can act on;
//! `code()` gives the stable machine code the app and the CLI branch on.

use std::path::PathBuf;

use crate::planfile::Problem;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more plan files are wrong; every problem found is listed, not only the first.
    #[error("{} problem(s) in plan files, nothing was imported:\n{}", .0.len(), list(.0))]
    PlanFiles(Vec<Problem>),

    /// A CSV file to import is wrong; every problem is listed by row (the header is line 1).
    #[error("{} problem(s) in the CSV file, nothing was imported:\n{}", .0.len(), list(.0))]
    Csv(Vec<Problem>),

    #[error("{kind} {id:?} not found")]
    NotFound { kind: &'static str, id: String },

    #[error("{0}")]
    Invalid(String),

    /// One field of an entity the app sent to be saved is wrong.
    #[error("{entity} {field}: {message}")]
    Field {
        entity: &'static str,
        field: String,
        message: String,
    },

    #[error("{0}")]
    Conflict(String),

    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("database {path}: {message}")]
    DatabaseFile { path: PathBuf, message: String },

    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    /// A stable code for programs: `validation`, `not_found`, `conflict`, `io` or `database`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::PlanFiles(_) | Error::Csv(_) | Error::Invalid(_) | Error::Field { .. } => {
                "validation"
            }
            Error::NotFound { .. } => "not_found",
            Error::Conflict(_) => "conflict",
            Error::Io { .. } => "io",
            Error::DatabaseFile { .. } | Error::Database(_) => "database",
        }
    }

    /// Every located problem, when the failure is bad plan files or a bad CSV file.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::PlanFiles(p) | Error::Csv(p) => p,
            _ => &[],
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn not_found(kind: &'static str, id: impl Into<String>) -> Self {
        Error::NotFound {
            kind,
            id: id.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
