//! The error every command returns, serialised for the UI as `{ "code": ..., "message": ... }`.
//!
//! `code` is stable and machine-readable ([`ErrorCode`]: the core's and the documents crate's
//! codes plus "internal" for faults of the shell itself) so the UI can branch on it; `message`
//! is for people; `problems` lists every problem of a refused plan-file import.

use serde::{Serialize, Serializer};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// An error from the core, reported with the core's own code.
    #[error(transparent)]
    Core(#[from] continuum_core::Error),

    /// An error from the documents crate (PDF exports), with its code: `not_found` for an
    /// unknown site or plan, `font`, `io`, `validation` or the core's code.
    #[error(transparent)]
    Document(continuum_documents::Error),

    /// The store could not be opened at start-up; every command reports why.
    #[error("the database could not be opened: {message}")]
    Unavailable { code: &'static str, message: String },

    /// A command panicked while holding the store.
    #[error("an earlier command failed while using the database; restart Continuum")]
    Poisoned,

    /// The blocking task could not be joined (it panicked or was cancelled).
    #[error("a background task failed: {0}")]
    Task(String),

    /// The system viewer could not be started for a written document.
    #[error("the document could not be opened: {0}")]
    Open(String),
}

/// Every code the shell can send; the UI has a label for each (ui/src/bindings/ErrorCode.ts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Input refused: a plan file, a date, a path that did not come from a dialog.
    Validation,
    /// No such site or plan.
    NotFound,
    /// The change collides with what is in the store.
    Conflict,
    /// A file could not be read or written.
    Io,
    /// The database could not be opened or used.
    Database,
    /// A PDF could not be laid out: a font or a glyph is missing.
    Font,
    /// A fault of the shell itself.
    Internal,
}

impl ErrorCode {
    /// The core's and the documents crate's codes, which are `&'static str` there.
    fn from_layer(code: &str) -> ErrorCode {
        match code {
            "validation" => ErrorCode::Validation,
            "not_found" => ErrorCode::NotFound,
            "conflict" => ErrorCode::Conflict,
            "io" => ErrorCode::Io,
            "database" => ErrorCode::Database,
            "font" => ErrorCode::Font,
            _ => ErrorCode::Internal,
        }
    }
}

/// What the UI receives when a command fails.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(rename = "AppError")]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    /// Every problem of every plan file, for an import that was refused.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<continuum_core::planfile::Problem>>", optional)]
    pub problems: Vec<continuum_core::planfile::Problem>,
    /// The field of an edited entity that is wrong (`rto`, `steps.3.target_time`), so the
    /// editor can show the message there.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Core(err) => ErrorCode::from_layer(err.code()),
            AppError::Document(err) => ErrorCode::from_layer(err.code()),
            AppError::Unavailable { code, .. } => ErrorCode::from_layer(code),
            AppError::Poisoned | AppError::Task(_) => ErrorCode::Internal,
            AppError::Open(_) => ErrorCode::Io,
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        let problems = match self {
            // Plan files or a CSV file: every problem, each with its file and line.
            AppError::Core(err) => err.problems().to_vec(),
            _ => Vec::new(),
        };
        let field = match self {
            AppError::Core(continuum_core::Error::Field { field, .. }) => Some(field.clone()),
            _ => None,
        };
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            problems,
            field,
        }
    }
}

impl From<continuum_documents::Error> for AppError {
    /// A core error inside a documents error is reported as the core error itself.
    fn from(err: continuum_documents::Error) -> Self {
        match err {
            continuum_documents::Error::Core(err) => AppError::Core(err),
            other => AppError::Document(other),
        }
    }
}

impl Serialize for AppError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.payload().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn to_json(err: impl Into<AppError>) -> serde_json::Value {
        serde_json::to_value(err.into()).expect("AppError serialises")
    }

    #[test]
    fn core_errors_keep_the_core_code_and_message() {
        let err = continuum_core::Error::NotFound {
            kind: "site",
            id: "tokyo".into(),
        };
        let message = err.to_string();
        assert_eq!(
            to_json(err),
            json!({ "code": "not_found", "message": message })
        );
    }

    #[test]
    fn every_core_code_passes_through() {
        for (err, code) in [
            (
                continuum_core::Error::Invalid("tier must be 1..=3".into()),
                "validation",
            ),
            (
                continuum_core::Error::Conflict("site tokyo exists".into()),
                "conflict",
            ),
        ] {
            let value = to_json(err);
            assert_eq!(value["code"], code);
            assert!(value["message"].as_str().is_some_and(|m| !m.is_empty()));
        }
    }

    #[test]
    fn shell_errors_are_internal_and_only_have_code_and_message() {
        let value = to_json(AppError::Poisoned);
        assert_eq!(value["code"], "internal");
        let object = value.as_object().expect("a JSON object");
        let mut keys: Vec<_> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["code", "message"]);
    }

    #[test]
    fn document_errors_keep_their_code() {
        let value = to_json(continuum_documents::Error::UnknownTarget("atlantis".into()));
        assert_eq!(value["code"], "not_found");
        let value = to_json(continuum_documents::Error::Core(
            continuum_core::Error::Invalid("bad".into()),
        ));
        assert_eq!(value, json!({ "code": "validation", "message": "bad" }));
    }

    #[test]
    fn startup_failure_reports_the_code_of_its_cause() {
        let value = to_json(AppError::Unavailable {
            code: "database",
            message: "file is not a database".into(),
        });
        assert_eq!(
            value,
            json!({
                "code": "database",
                "message": "the database could not be opened: file is not a database"
            })
        );
    }
}

#[cfg(test)]
mod code_tests {
    use super::*;

    #[test]
    fn every_layer_code_has_its_own_error_code() {
        for code in [
            "validation",
            "not_found",
            "conflict",
            "io",
            "database",
            "font",
        ] {
            let mapped = ErrorCode::from_layer(code);
            assert_ne!(mapped, ErrorCode::Internal, "{code}");
            assert_eq!(serde_json::to_value(mapped).unwrap(), code);
        }
    }

    #[test]
    fn a_refused_import_lists_its_problems() {
        let problem = continuum_core::planfile::Problem {
            path: "plans/tokyo.json".into(),
            line: Some(3),
            column: Some(7),
            message: "unknown field `nmae`".into(),
        };
        let value = serde_json::to_value(AppError::Core(continuum_core::Error::PlanFiles(vec![
            problem,
        ])))
        .unwrap();
        assert_eq!(value["code"], "validation");
        assert_eq!(value["problems"][0]["line"], 3);
        assert_eq!(value["problems"][0]["path"], "plans/tokyo.json");
    }
}
