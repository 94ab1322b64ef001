//! Plan files: reading them with errors that point at file, line and column, and writing them
//! back in one canonical form (stable order, pretty-printed, trailing newline) so that they
//! diff well in version control and an import followed by an export is byte-identical.
//!
//! A directory holds one `portfolio.json` (regions, roles, courses) and one file per site
//! (`<site-id>.json`). Every other `*.json` file in it is read as a site file.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{Portfolio, SiteData};

/// The file name of the portfolio file inside a plan directory.
pub const PORTFOLIO_FILE: &str = "portfolio.json";

/// One thing wrong with one plan file, located as precisely as it can be.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// A parsed file together with its text, kept so later checks can point at lines too.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    pub path: PathBuf,
    pub text: String,
    pub value: T,
}

impl<T> Parsed<T> {
    /// A problem with this file, located at `"field": "value"` when that text can be found.
    pub fn problem(&self, field: &str, value: &str, message: String) -> Problem {
        let (line, column) = match locate(&self.text, field, value) {
            Some((l, c)) => (Some(l), Some(c)),
            None => (None, None),
        };
        Problem {
            path: self.path.clone(),
            line,
            column,
            message,
        }
    }
}

/// All plan files named on a command line, read and parsed; `problems` lists every file that
/// could not be read or parsed.
#[derive(Debug, Default)]
pub struct Inputs {
    pub portfolio: Option<Parsed<Portfolio>>,
    pub sites: Vec<Parsed<SiteData>>,
    pub problems: Vec<Problem>,
}

/// Reads files and directories (their `*.json` files, in name order).
pub fn read_inputs(paths: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    for path in paths {
        if path.is_dir() {
            match json_files_in(path) {
                Ok(files) => {
                    if files.is_empty() {
                        inputs.problems.push(whole_file(
                            path,
                            "no *.json plan files in this directory".into(),
                        ));
                    }
                    for file in files {
                        read_one(&file, &mut inputs);
                    }
                }
                Err(e) => inputs.problems.push(whole_file(path, e.to_string())),
            }
        } else {
            read_one(path, &mut inputs);
        }
    }
    inputs
}

fn json_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "json") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

fn read_one(path: &Path, inputs: &mut Inputs) {
    let text = match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                inputs
                    .problems
                    .push(whole_file(path, format!("not UTF-8 text: {e}")));
                return;
            }
        },
        Err(e) => {
            inputs.problems.push(whole_file(path, e.to_string()));
            return;
        }
    };
    if path.file_name().is_some_and(|n| n == PORTFOLIO_FILE) {
        if let Some(first) = &inputs.portfolio {
            inputs.problems.push(whole_file(
                path,
                format!(
                    "a second portfolio file; {} was given already",
                    first.path.display()
                ),
            ));
            return;
        }
        match parse::<Portfolio>(path, &text) {
            Ok(p) => inputs.portfolio = Some(p),
            Err(p) => inputs.problems.push(p),
        }
    } else {
        match parse::<SiteData>(path, &text) {
            Ok(p) => inputs.sites.push(p),
            Err(p) => inputs.problems.push(p),
        }
    }
}

/// Parses one file; serde_json's error carries the line and column.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<Parsed<T>, Problem> {
    match serde_json::from_str::<T>(text) {
        Ok(value) => Ok(Parsed {
            path: path.to_owned(),
            text: text.to_owned(),
            value,
        }),
        Err(e) => {
            // serde_json appends " at line L column C"; we print the location up front instead.
            let full = e.to_string();
            let message = match full.rfind(" at line ") {
                Some(i) => full[..i].to_owned(),
                None => full,
            };
            Err(Problem {
                path: path.to_owned(),
                line: (e.line() > 0).then_some(e.line()),
                column: (e.column() > 0).then_some(e.column()),
                message,
            })
        }
    }
}

fn whole_file(path: &Path, message: String) -> Problem {
    Problem {
        path: path.to_owned(),
        line: None,
        column: None,
        message,
    }
}

/// Finds `"field": "value"` (any whitespace around the colon) in a JSON text and returns its
/// 1-based line and column; falls back to the first `"value"` anywhere.
pub fn locate(text: &str, field: &str, value: &str) -> Option<(usize, usize)> {
    let quoted_value = serde_json::to_string(value).ok()?;
    let quoted_field = serde_json::to_string(field).ok()?;
    let mut fallback = None;
    for (at, _) in text.match_indices(&quoted_value) {
        fallback.get_or_insert(at);
        let before = text[..at].trim_end();
        let Some(before) = before.strip_suffix(':') else {
            continue;
        };
        if before.trim_end().ends_with(&quoted_field) {
            return Some(line_column(text, at));
        }
    }
    fallback.map(|at| line_column(text, at))
}

fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The canonical text of a plan file: pretty-printed with two spaces and a trailing newline.
pub fn to_text<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("plan data always serialises");
    text.push('\n');
    text
}

/// Writes a file so that a crash or a full disk never leaves half a file behind: the text goes
/// to a temporary file beside it, is synced, then renamed over the target.
pub fn write_atomically(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let tmp = path.with_extension("json.tmp");
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_field_value_pairs() {
        let text = "{\n  \"a\": \"x\",\n  \"person\":  \"x\"\n}";
        assert_eq!(locate(text, "person", "x"), Some((3, 14)));
        assert_eq!(locate(text, "other", "x"), Some((2, 8)));
        assert_eq!(locate(text, "person", "nope"), None);
    }

    #[test]
    fn unknown_field_is_reported_with_line_and_column() {
        let text = "{\n  \"format\": \"continuum/1\",\n  \"nme\": \"x\"\n}";
        let err = parse::<Portfolio>(Path::new("plans/portfolio.json"), text).unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with("plans/portfolio.json:3:"), "{shown}");
        assert!(shown.contains("unknown field `nme`"), "{shown}");
    }

    #[test]
    fn impossible_date_is_reported() {
        let text = r#"{"format":"continuum/1","written_for":"2026-02-30","name":"x"}"#;
        let err = parse::<Portfolio>(Path::new("p.json"), text).unwrap_err();
        assert_eq!(err.line, Some(1));
        assert!(
            err.message.contains("out of range") || err.message.contains("invalid"),
            "{err}"
        );
    }
}
