//! `continuum history`: the audit trail — who changed what, when, from what to what — newest
//! first. Text is one line per entry for people; `--json` is an array of the core's
//! `AuditEntry` (`change`, `at`, `who`, `source`, `site`, `entity`, `id`, `field`, `old`, `new`).

use std::path::PathBuf;

use chrono::{DateTime, Local, NaiveDate};
use continuum_core::audit::{AuditEntry, HistoryFilter};
use serde_json::Value;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::error::Error;
use crate::output::print_json;

/// Widest a value gets in the text output before it is cut with "…".
const VALUE_WIDTH: usize = 60;

#[derive(clap::Args)]
pub struct Args {
    /// Only the changes of this site (id, e.g. tokyo); a deleted site keeps its history
    #[arg(long, value_name = "ID")]
    site: Option<String>,
    /// Only the changes of this plan (id, e.g. tokyo-bcp): its fields, steps, roles, assignments
    #[arg(long, value_name = "ID")]
    plan: Option<String>,
    /// Only changes made on or after this day (UTC)
    #[arg(long, value_name = "YYYY-MM-DD")]
    since: Option<NaiveDate>,
    /// At most this many entries (the newest)
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
}

pub fn run(args: Args, db: Option<PathBuf>, as_json: bool, today: NaiveDate) -> Result<(), Error> {
    let store = super::open_with_demo(db, today)?;
    let entries = store.history(HistoryFilter {
        site: args.site,
        plan: args.plan,
        since: args.since,
        limit: args.limit,
    })?;
    if as_json {
        print_json(&entries);
    } else if entries.is_empty() {
        println!("No changes recorded.");
    } else {
        for e in &entries {
            println!("{}", line(e));
        }
    }
    Ok(())
}

/// `2026-12-02 11:20  alice  tokyo  plan tokyo-bcp  steps[3].action: "old" → "new"`, the time
/// in the local time zone.
fn line(e: &AuditEntry) -> String {
    let when = DateTime::parse_from_rfc3339(&e.at)
        .map(|t| t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| e.at.clone());
    let site = e.site.as_deref().unwrap_or("-");
    let what = match (&e.old, &e.new) {
        (Value::Null, new) => format!("added {}", shown(new)),
        (old, Value::Null) => format!("removed {}", shown(old)),
        (old, new) => format!("{} → {}", shown(old), shown(new)),
    };
    let field = match e.field.as_str() {
        "" => String::new(),
        f => format!("{f}: "),
    };
    format!(
        "{when}  {}  {site}  {} {}  {field}{what}",
        e.who, e.entity, e.id
    )
}

/// A value as compact JSON, cut to `VALUE_WIDTH` columns.
fn shown(v: &Value) -> String {
    let text = v.to_string();
    if text.width() <= VALUE_WIDTH {
        return text;
    }
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        width += c.width().unwrap_or(0);
        if width > VALUE_WIDTH - 1 {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use continuum_core::audit::Source;
    use serde_json::json;

    fn entry(field: &str, old: Value, new: Value) -> AuditEntry {
        AuditEntry {
            change: 3,
            at: "2026-12-02T11:20:05.123Z".into(),
            who: "alice".into(),
            source: Source::Cli,
            site: Some("tokyo".into()),
            entity: "plan".into(),
            id: "tokyo-bcp".into(),
            field: field.into(),
            old,
            new,
        }
    }

    #[test]
    fn one_line_per_entry_with_old_and_new() {
        let l = line(&entry("steps[3].action", json!("old"), json!("new")));
        assert!(
            l.ends_with("  alice  tokyo  plan tokyo-bcp  steps[3].action: \"old\" → \"new\""),
            "{l}"
        );
        assert!(l.starts_with("2026-12-0"), "{l}");
        let added = line(&entry("", Value::Null, json!({"id": "tokyo-bcp"})));
        assert!(
            added.ends_with("plan tokyo-bcp  added {\"id\":\"tokyo-bcp\"}"),
            "{added}"
        );
        let long = shown(&json!("東".repeat(100)));
        assert!(long.width() <= VALUE_WIDTH && long.ends_with('…'), "{long}");
    }
}
