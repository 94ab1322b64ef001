//! How domain values sit in SQLite columns: enums as their snake_case names, lists that are
//! only ever read whole as JSON text, spans as whole minutes.

use rusqlite::types::{FromSqlError, Type};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The plan-file name of an enum value (`approved`, `it_disaster_recovery`…).
pub fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => unreachable!("enum serialises to a string, got {other:?}"),
    }
}

pub fn from_name<T: DeserializeOwned>(column: usize, text: String) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(text))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, Type::Text, Box::new(e)))
}

pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("plan data always serialises")
}

pub fn from_json<T: DeserializeOwned>(column: usize, text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            Type::Text,
            Box::new(FromSqlError::Other(Box::new(e))),
        )
    })
}
