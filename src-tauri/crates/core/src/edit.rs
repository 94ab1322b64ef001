//! What the app sends to be saved: a person, a process or a plan as JSON, read by the same
//! rules as a plan file (unknown fields refused, durations such as `"1h 30m"` parsed the same
//! way) so a mistake gets the message an import would give, named by its field so the editor
//! can show it there. Checks that span a whole entity (RTO within MTPD) are named by field too;
//! the rest (references, duplicates) are the import's checks, run by the store when it saves.

use serde::de::DeserializeOwned;

use crate::model::Process;
use crate::{Error, Result};

/// Reads an entity of kind `entity` ("process", "plan", ...) from the JSON the app sent.
pub fn from_json<T: DeserializeOwned>(entity: &'static str, value: serde_json::Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let field = err.path().to_string();
        Error::Field {
            entity,
            field: if field == "." { String::new() } else { field },
            message: readable(err.inner().to_string()),
        }
    })
}

/// chrono's parse errors say "input is out of range" for 2026-02-30; say what is wrong instead.
fn readable(message: String) -> String {
    const CHRONO: [&str; 4] = [
        "input is out of range",
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
    ];
    if CHRONO.contains(&message.as_str()) {
        format!("not a real date (YYYY-MM-DD): {message}")
    } else {
        message
    }
}

/// A process as the BIA editor sends it, with its own rule checked: recovery must come before
/// the maximum tolerable period of disruption.
pub fn process_from_json(value: serde_json::Value) -> Result<Process> {
    let process: Process = from_json("process", value)?;
    if process.rto > process.mtpd {
        return Err(Error::Field {
            entity: "process",
            field: "rto".into(),
            message: format!(
                "rto {} is longer than mtpd {}: the process must be recovered before the \
                 disruption becomes intolerable",
                process.rto, process.mtpd
            ),
        });
    }
    Ok(process)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn process() -> serde_json::Value {
        json!({
            "id": "tyo-payments",
            "name": "Payments",
            "owner": "tyo-001",
            "criticality": "critical",
            "rto": "4h",
            "rpo": "15m",
            "mtpd": "1day",
            "minimum_staff": 3
        })
    }

    #[test]
    fn a_good_process_reads() {
        let p = process_from_json(process()).unwrap();
        assert_eq!(p.rto.to_string(), "4h");
    }

    #[test]
    fn a_bad_duration_is_named_by_its_field() {
        let mut v = process();
        v["rto"] = json!("-4h");
        match process_from_json(v).unwrap_err() {
            Error::Field {
                entity,
                field,
                message,
            } => {
                assert_eq!((entity, field.as_str()), ("process", "rto"));
                assert!(message.contains("-4h"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rto_beyond_mtpd_is_refused_at_rto() {
        let mut v = process();
        v["rto"] = json!("2days");
        let err = process_from_json(v).unwrap_err();
        assert!(
            matches!(&err, Error::Field { field, .. } if field == "rto"),
            "{err:?}"
        );
        assert_eq!(err.code(), "validation");
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let mut v = process();
        v["rtoo"] = json!("4h");
        let err = process_from_json(v).unwrap_err();
        assert!(err.to_string().contains("rtoo"), "{err}");
    }
}
