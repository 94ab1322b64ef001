//! The CLI's one error type: whatever failed, from the core or the documents crate, keeps its
//! kind, so `--json` can report the same stable code the app sends (`not_found`, `validation`,
//! `font`, `io`…) instead of flattening everything into one.

use continuum_core::planfile::Problem;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Core(#[from] continuum_core::Error),

    #[error(transparent)]
    Documents(#[from] continuum_documents::Error),
}

impl Error {
    /// The stable machine code of the failure, as the app's `{code, message}` carries it.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Core(e) => e.code(),
            Error::Documents(e) => e.code(),
        }
    }

    /// Every located problem, when the failure is bad plan files or a bad CSV file.
    fn problems(&self) -> &[Problem] {
        match self {
            Error::Core(e) | Error::Documents(continuum_documents::Error::Core(e)) => e.problems(),
            _ => &[],
        }
    }

    /// `{ "code", "message" }`, plus `problems` (each `{ path, line, column, message }`) when
    /// plan files or a CSV file were wrong: what `--json` prints on standard error.
    pub fn to_json(&self) -> serde_json::Value {
        #[derive(Serialize)]
        struct Located<'a> {
            path: String,
            line: Option<usize>,
            column: Option<usize>,
            message: &'a str,
        }
        let mut value = serde_json::json!({ "code": self.code(), "message": self.to_string() });
        let problems = self.problems();
        if !problems.is_empty() {
            let list: Vec<Located> = problems
                .iter()
                .map(|p| Located {
                    path: p.path.display().to_string(),
                    line: p.line,
                    column: p.column,
                    message: &p.message,
                })
                .collect();
            value["problems"] = serde_json::to_value(list).expect("problems serialise");
        }
        value
    }
}
