//! `Span`: a duration as continuity managers write it ("30m", "4h", "2days").
//!
//! RTO, RPO, MTPD, step target times and achieved recovery times are all spans. They are
//! held as a chrono `TimeDelta` of whole minutes (nothing in a continuity plan is finer than
//! a minute) and written in plan files in humantime's canonical form, so that an import
//! followed by an export always yields the same text.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::TimeDelta;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span(TimeDelta);

impl Span {
    pub fn from_minutes(minutes: i64) -> Self {
        Span(TimeDelta::minutes(minutes))
    }

    pub fn minutes(self) -> i64 {
        self.0.num_minutes()
    }

    pub fn as_delta(self) -> TimeDelta {
        self.0
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.minutes() == 0 {
            return f.write_str("0m");
        }
        let std = std::time::Duration::from_secs(self.minutes().unsigned_abs() * 60);
        write!(f, "{}", humantime::format_duration(std))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SpanError {
    #[error("invalid duration {0:?}: write it like \"30m\", \"4h\", \"1h 30m\" or \"2days\"")]
    Syntax(String),
    #[error("duration {0:?} is not a whole number of minutes")]
    NotWholeMinutes(String),
}

impl FromStr for Span {
    type Err = SpanError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let std = humantime::parse_duration(s).map_err(|_| SpanError::Syntax(s.to_owned()))?;
        if std.subsec_nanos() != 0 || std.as_secs() % 60 != 0 {
            return Err(SpanError::NotWholeMinutes(s.to_owned()));
        }
        let minutes =
            i64::try_from(std.as_secs() / 60).map_err(|_| SpanError::Syntax(s.to_owned()))?;
        Ok(Span::from_minutes(minutes))
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Span {
    fn schema_name() -> Cow<'static, str> {
        "Span".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "description": "A duration in whole minutes, e.g. \"30m\", \"4h\", \"1h 30m\", \"2days\".",
            "pattern": "^[0-9]+ ?[a-z]+( ?[0-9]+ ?[a-z]+)*$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_canonically() {
        for (text, minutes, canonical) in [
            ("30m", 30, "30m"),
            ("4h", 240, "4h"),
            ("240m", 240, "4h"),
            ("1h 30m", 90, "1h 30m"),
            ("2days", 2880, "2days"),
            ("0m", 0, "0m"),
        ] {
            let span: Span = text.parse().unwrap();
            assert_eq!(span.minutes(), minutes, "{text}");
            assert_eq!(span.to_string(), canonical, "{text}");
            assert_eq!(span.to_string().parse::<Span>().unwrap(), span);
        }
    }

    #[test]
    fn rejects_nonsense_and_seconds() {
        assert!(matches!("soon".parse::<Span>(), Err(SpanError::Syntax(_))));
        assert!(matches!(
            "90s".parse::<Span>(),
            Err(SpanError::NotWholeMinutes(_))
        ));
    }
}

/// In TypeScript a span is what it is on the wire and in plan files: its text ("4h", "1h 30m").
impl ts_rs::TS for Span {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn name(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }

    fn inline(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
}
