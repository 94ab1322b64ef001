//! The error every command returns, serialised for the UI as `{ "code": ..., "message": ... }`.
//!
//! `code` is stable and machine-readable (the core's codes: "validation", "not_found",
//! "conflict", "io", "database"; plus "internal" for faults of the shell itself) so the UI can
//! branch on it; `message` is for people.

use serde::ser::{Serialize, SerializeStruct, Serializer};

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
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Core(err) => err.code(),
            AppError::Document(err) => err.code(),
            AppError::Unavailable { code, .. } => code,
            AppError::Poisoned | AppError::Task(_) => "internal",
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
        let mut s = serializer.serialize_struct("AppError", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
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
