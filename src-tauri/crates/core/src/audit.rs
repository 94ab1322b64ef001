//! The audit trail's pure part: who is acting, and what changed between two versions of a site
//! or of the portfolio, as field-level entries. The store records these entries in the same
//! transaction as the change (`store/audit.rs`); this module knows no SQL.
//!
//! Why a diff of the whole site rather than a log line per store call: a site is the unit of
//! change (every edit rewrites it, an import replaces it), so comparing it before and after is
//! the one place that sees every change — from the app, the CLI or an import — however it was
//! made. Comparing the serde JSON form keeps the field names those of the plan-file format.
//!
//! Lists are matched by identity, not position, so that an inserted step or person is one
//! "added" entry and not a change of everything after it: items with an `id` by their id,
//! others by a natural key (an assignment by role and rank, a training record by person,
//! course and date, an inventory line by kind and location). Lists without a key (steps,
//! communications) are aligned by longest common subsequence. Moved items (a reorder) are one
//! entry, `<list>.order`: old is `[0, 1, …]`, new gives for each new position the old index of
//! its item (null for a new one); in a keyed list both are the keys in order. Lists of plain
//! values (objectives, scenarios, distribution…) change as a whole. A new site is one entry
//! ("created"), not one per field, so that a first import stays cheap; a deleted site is one
//! entry too.
//!
//! Each entry names the innermost record it belongs to (`entity` and `id`: a person, a plan, a
//! finding…) and the field path inside it, e.g. plan `tokyo-bcp`, `steps[3].action`, or
//! `assignments[incident-commander/1].person`. Indices are 0-based, as in import messages. An
//! empty field means the record itself was added (old null) or removed (new null).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use crate::model::{Portfolio, SiteData};

/// Environment variable naming who makes the changes; overrides the name in settings.
pub const USER_ENV: &str = "CONTINUUM_USER";

/// Where a change came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// An edit in the desktop app.
    App,
    /// A command of the `continuum` tool.
    Cli,
    /// An import of plan files (the demo load included).
    Import,
}

/// Who makes a change, and through what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub who: String,
    pub source: Source,
}

/// The acting user: `$CONTINUUM_USER`, else the name set in settings (`configured`), else the
/// OS user (`$USER`, `$USERNAME`), else "unknown".
pub fn resolve_who(configured: Option<&str>) -> String {
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    env(USER_ENV)
        .or_else(|| {
            configured
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        })
        .or_else(|| env("USER"))
        .or_else(|| env("USERNAME"))
        .unwrap_or_else(|| "unknown".into())
}

/// One field-level change: in record `entity`/`id`, `field` went from `old` to `new` (null:
/// absent).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub entity: &'static str,
    pub id: String,
    pub field: String,
    pub old: Value,
    pub new: Value,
}

/// One entry of the trail as read back: a [`Change`] with when, who, through what, in which
/// site (none for the portfolio) and which action (`change`) it was part of.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct AuditEntry {
    /// The action (one write transaction) the entry belongs to; `undo_last` undoes a whole one.
    pub change: i64,
    /// UTC, RFC 3339 (e.g. `2026-12-02T11:20:05.123Z`).
    pub at: String,
    pub who: String,
    pub source: Source,
    pub site: Option<String>,
    pub entity: String,
    pub id: String,
    pub field: String,
    #[ts(type = "unknown")]
    pub old: Value,
    #[ts(type = "unknown")]
    pub new: Value,
}

/// Which entries `Store::history` returns; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    /// Only the entries of this site (a deleted site keeps its history).
    pub site: Option<String>,
    /// Only the entries of this plan (its fields, steps, roles, assignments…).
    pub plan: Option<String>,
    /// Only entries from this day on (UTC).
    pub since: Option<chrono::NaiveDate>,
    /// At most this many entries, newest first.
    pub limit: Option<usize>,
}

/// One recorded action: an edit, an import or an undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ChangeSet {
    pub id: i64,
    pub at: String,
    pub who: String,
    pub source: Source,
    /// What the action was, e.g. `save person tyo-ken`, `import of 1 site file(s)`.
    pub summary: String,
    /// For an undo, the action it undid.
    pub undoes: Option<i64>,
}

/// What `Store::undo_last` did: the action undone and the new action that records the undo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct UndoneChange {
    pub undone: ChangeSet,
    pub undo: ChangeSet,
    /// How many entries the undo recorded.
    pub entries: u32,
}

/// What changed from `old` to `new` (None: the site does not exist on that side).
pub fn diff_site(old: Option<&SiteData>, new: Option<&SiteData>) -> Vec<Change> {
    match (old, new) {
        (None, None) => Vec::new(),
        (None, Some(n)) => vec![whole("site", &n.site.id, Value::Null, site_summary(n))],
        (Some(o), None) => vec![whole("site", &o.site.id, site_summary(o), Value::Null)],
        (Some(o), Some(n)) if o == n => Vec::new(),
        (Some(o), Some(n)) => {
            let (ov, nv) = (to_value(o), to_value(n));
            let frame = Frame {
                entity: "site",
                id: n.site.id.clone(),
            };
            let mut d = Differ::default();
            let (Value::Object(om), Value::Object(nm)) = (&ov, &nv) else {
                unreachable!("a site serialises to an object")
            };
            for key in keys(om, nm) {
                let (a, b) = present(om.get(key), nm.get(key));
                if key == "site" {
                    // The site's own fields sit directly on the site record.
                    d.value(&frame, "", key, &a, &b);
                } else {
                    d.value(&frame, key, key, &a, &b);
                }
            }
            d.out
        }
    }
}

/// What changed in the portfolio: its name, the catalogues (regions, roles, courses) and the
/// readiness policy (entity `policy`, id `readiness`).
pub fn diff_portfolio(old: Option<&Portfolio>, new: Option<&Portfolio>) -> Vec<Change> {
    match (old, new) {
        (None, None) => Vec::new(),
        (None, Some(n)) => vec![whole(
            "portfolio",
            PORTFOLIO_ID,
            Value::Null,
            portfolio_summary(n),
        )],
        (Some(o), None) => vec![whole(
            "portfolio",
            PORTFOLIO_ID,
            portfolio_summary(o),
            Value::Null,
        )],
        (Some(o), Some(n)) if o == n => Vec::new(),
        (Some(o), Some(n)) => {
            let (ov, nv) = (to_value(o), to_value(n));
            let frame = Frame {
                entity: "portfolio",
                id: PORTFOLIO_ID.into(),
            };
            let mut d = Differ::default();
            let (Value::Object(om), Value::Object(nm)) = (&ov, &nv) else {
                unreachable!("a portfolio serialises to an object")
            };
            for key in keys(om, nm) {
                let (a, b) = present(om.get(key), nm.get(key));
                if key == "readiness" {
                    let policy = Frame {
                        entity: "policy",
                        id: "readiness".into(),
                    };
                    d.value(&policy, "", key, &a, &b);
                } else {
                    d.value(&frame, key, key, &a, &b);
                }
            }
            d.out
        }
    }
}

/// The id the portfolio's own entries carry (there is one portfolio).
pub const PORTFOLIO_ID: &str = "portfolio";

/// What a created or deleted site's one entry shows.
fn site_summary(d: &SiteData) -> Value {
    json!({
        "name": d.site.name,
        "country": d.site.country,
        "region": d.site.region,
        "people": d.people.len(),
        "processes": d.processes.len(),
        "plans": d.plans.len(),
    })
}

fn portfolio_summary(p: &Portfolio) -> Value {
    json!({
        "name": p.name,
        "regions": p.regions.len(),
        "roles": p.roles.len(),
        "courses": p.courses.len(),
    })
}

fn to_value(v: &impl Serialize) -> Value {
    serde_json::to_value(v).expect("plan data always serialises")
}

fn whole(entity: &'static str, id: &str, old: Value, new: Value) -> Change {
    Change {
        entity,
        id: id.to_owned(),
        field: String::new(),
        old,
        new,
    }
}

/// The record changes are reported against.
struct Frame {
    entity: &'static str,
    id: String,
}

/// How the items of a list are matched.
enum ListKind {
    /// Each item is a record of its own (entity), known by its key.
    Entity(&'static str, &'static [&'static str]),
    /// Items addressed by a key inside the enclosing record's field path.
    Keyed(&'static [&'static str]),
    /// No key: aligned by longest common subsequence, addressed by index.
    Sequence,
}

const ID: &[&str] = &["id"];

/// The plan-file format's lists: `parent` is the record holding the list.
fn list_kind(parent: &str, name: &str) -> ListKind {
    use ListKind::*;
    match (parent, name) {
        ("site", "people") => Entity("person", ID),
        ("site", "processes") => Entity("process", ID),
        ("site", "plans") => Entity("plan", ID),
        ("site", "exercises") => Entity("exercise", ID),
        ("site", "inventory") => Entity("inventory", &["kind", "location"]),
        ("site", "training") => Entity("training", &["person", "course", "completed"]),
        ("exercise", "findings") => Entity("finding", ID),
        ("portfolio", "regions") => Entity("region", ID),
        ("portfolio", "roles") => Entity("role", ID),
        ("portfolio", "courses") => Entity("course", ID),
        (_, "assignments") => Keyed(&["role", "rank"]),
        (_, "roles") => Keyed(&["role"]),
        (_, "resources") => Keyed(&["kind"]),
        (_, "results") => Keyed(&["plan"]),
        (_, "contacts") => Keyed(&["name"]),
        (_, "vital_records") => Keyed(&["record"]),
        (_, "revisions") => Keyed(&["version"]),
        (_, "dependencies") => Keyed(&["kind", "name"]),
        (_, "phones") => Keyed(&["label"]),
        _ => Sequence,
    }
}

/// The keys of two objects, each once, sorted (so the entries do not depend on map order).
fn keys<'a>(a: &'a Map<String, Value>, b: &'a Map<String, Value>) -> Vec<&'a String> {
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys
}

/// Both sides of a field, a field left out of the file standing for its default: an empty list
/// for a list, the opposite for a flag (flags are only written when not their default), null
/// otherwise.
fn present(a: Option<&Value>, b: Option<&Value>) -> (Value, Value) {
    let absent = |other: &Value| match other {
        Value::Array(_) => Value::Array(Vec::new()),
        Value::Bool(b) => Value::Bool(!b),
        _ => Value::Null,
    };
    match (a, b) {
        (Some(a), Some(b)) => (a.clone(), b.clone()),
        (Some(a), None) => (a.clone(), absent(a)),
        (None, Some(b)) => (absent(b), b.clone()),
        (None, None) => (Value::Null, Value::Null),
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn key_of(item: &Value, fields: &[&str]) -> Option<String> {
    let mut parts = Vec::with_capacity(fields.len());
    for field in fields {
        parts.push(match item.get(field)? {
            Value::String(s) => s.clone(),
            Value::Null => return None,
            other => other.to_string(),
        });
    }
    Some(parts.join("/"))
}

/// Every item's key, if every item has one and no two share it.
fn keys_of(items: &[Value], fields: &[&str]) -> Option<Vec<String>> {
    let keys: Vec<String> = items
        .iter()
        .map(|i| key_of(i, fields))
        .collect::<Option<_>>()?;
    let mut sorted: Vec<&String> = keys.iter().collect();
    sorted.sort();
    sorted.dedup();
    (sorted.len() == keys.len()).then_some(keys)
}

/// Where each key sits in a list of unique keys.
fn index_of(keys: &[String]) -> HashMap<&str, usize> {
    keys.iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect()
}

/// Longest common subsequence tables above this many cells fall back to pairing by position.
const LCS_LIMIT: usize = 1_000_000;

#[derive(Default)]
struct Differ {
    out: Vec<Change>,
}

impl Differ {
    fn emit(&mut self, frame: &Frame, field: String, old: Value, new: Value) {
        self.out.push(Change {
            entity: frame.entity,
            id: frame.id.clone(),
            field,
            old,
            new,
        });
    }

    /// Compares the values at `path` (inside `frame`); `name` is the field's own name, which
    /// decides how a list is matched.
    fn value(&mut self, frame: &Frame, path: &str, name: &str, old: &Value, new: &Value) {
        if old == new {
            return;
        }
        // In the readiness policy a section left out means "every default", as an empty one.
        let empty = Value::Object(Map::new());
        let (old, new) = match (old, new) {
            (Value::Null, Value::Object(_)) if frame.entity == "policy" => (&empty, new),
            (Value::Object(_), Value::Null) if frame.entity == "policy" => (old, &empty),
            _ => (old, new),
        };
        match (old, new) {
            (Value::Object(o), Value::Object(n)) => {
                for key in keys(o, n) {
                    let (a, b) = present(o.get(key), n.get(key));
                    self.value(frame, &join(path, key), key, &a, &b);
                }
            }
            (Value::Array(o), Value::Array(n))
                if o.iter().chain(n).all(Value::is_object) && !(o.is_empty() && n.is_empty()) =>
            {
                self.list(frame, path, name, o, n)
            }
            _ => self.emit(frame, path.to_owned(), old.clone(), new.clone()),
        }
    }

    fn list(&mut self, frame: &Frame, path: &str, name: &str, old: &[Value], new: &[Value]) {
        let (entity, fields) = match list_kind(frame.entity, name) {
            ListKind::Entity(entity, fields) => (Some(entity), fields),
            ListKind::Keyed(fields) => (None, fields),
            ListKind::Sequence => return self.sequence(frame, path, old, new),
        };
        match (keys_of(old, fields), keys_of(new, fields)) {
            (Some(ok), Some(nk)) => self.keyed(frame, path, entity, (old, &ok), (new, &nk)),
            _ => self.sequence(frame, path, old, new),
        }
    }

    fn item(
        &mut self,
        frame: &Frame,
        path: &str,
        entity: Option<&'static str>,
        key: &str,
        old: &Value,
        new: &Value,
    ) {
        match entity {
            Some(entity) => {
                let inner = Frame {
                    entity,
                    id: key.to_owned(),
                };
                if old.is_null() || new.is_null() {
                    self.emit(&inner, String::new(), old.clone(), new.clone());
                } else {
                    self.value(&inner, "", "", old, new);
                }
            }
            None => self.value(frame, &format!("{path}[{key}]"), "", old, new),
        }
    }

    fn keyed(
        &mut self,
        frame: &Frame,
        path: &str,
        entity: Option<&'static str>,
        (old, ok): (&[Value], &[String]),
        (new, nk): (&[Value], &[String]),
    ) {
        // By hash, not by scanning: a site's training list runs to thousands of records (a CSV
        // import of a learning system's completions), and scanning made this quadratic.
        let (old_at, new_at) = (index_of(ok), index_of(nk));
        for (item, key) in old.iter().zip(ok) {
            if !new_at.contains_key(key.as_str()) {
                self.item(frame, path, entity, key, item, &Value::Null);
            }
        }
        for (item, key) in new.iter().zip(nk) {
            match old_at.get(key.as_str()) {
                None => self.item(frame, path, entity, key, &Value::Null, item),
                Some(&i) => self.item(frame, path, entity, key, &old[i], item),
            }
        }
        let common_old: Vec<&String> = ok
            .iter()
            .filter(|k| new_at.contains_key(k.as_str()))
            .collect();
        let common_new: Vec<&String> = nk
            .iter()
            .filter(|k| old_at.contains_key(k.as_str()))
            .collect();
        if common_old != common_new {
            self.emit(frame, join(path, "order"), json!(ok), json!(nk));
        }
    }

    /// Lists without a key: aligned by longest common subsequence. Between two aligned items,
    /// removed and added items pair up as edits; an item removed in one place and added
    /// unchanged in another was moved, and all moves together are one `<list>.order` entry.
    fn sequence(&mut self, frame: &Frame, path: &str, old: &[Value], new: &[Value]) {
        let Alignment {
            mut hunks,
            mut source,
        } = align(old, new);
        let moved = find_moves(old, new, &mut hunks, &mut source);
        let at = |i: usize| format!("{path}[{i}]");
        for hunk in &hunks {
            let pairs = hunk.removed.len().min(hunk.added.len());
            for (&i, &j) in hunk.removed.iter().zip(&hunk.added) {
                source[j] = Some(i);
                self.value(frame, &at(j), "", &old[i], &new[j]);
            }
            for &i in &hunk.removed[pairs..] {
                self.emit(frame, at(i), old[i].clone(), Value::Null);
            }
            for &j in &hunk.added[pairs..] {
                self.emit(frame, at(j), Value::Null, new[j].clone());
            }
        }
        if moved {
            // For each new position, the old index of its item (null: a new item).
            let was: Vec<usize> = (0..old.len()).collect();
            self.emit(frame, join(path, "order"), json!(was), json!(source));
        }
    }
}

/// A run of removed old items and added new items between items both sides share.
#[derive(Default)]
struct Hunk {
    removed: Vec<usize>,
    added: Vec<usize>,
}

/// Two lists aligned: the hunks where they differ, and for each new item the old index of the
/// same item where the alignment kept one.
struct Alignment {
    hunks: Vec<Hunk>,
    source: Vec<Option<usize>>,
}

/// Aligns two lists by longest common subsequence (by position when the lists are too long for
/// that to be cheap).
fn align(old: &[Value], new: &[Value]) -> Alignment {
    let (n, m) = (old.len(), new.len());
    let mut source = vec![None; m];
    if n.saturating_mul(m) > LCS_LIMIT {
        let common = n.min(m);
        let mut hunks = Vec::new();
        for i in 0..common {
            if old[i] == new[i] {
                source[i] = Some(i);
            } else {
                hunks.push(Hunk {
                    removed: vec![i],
                    added: vec![i],
                });
            }
        }
        hunks.push(Hunk {
            removed: (common..n).collect(),
            added: (common..m).collect(),
        });
        return Alignment { hunks, source };
    }
    // lcs[i][j]: length of the longest common subsequence of old[i..] and new[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut hunks = Vec::new();
    let mut hunk = Hunk::default();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            if !hunk.removed.is_empty() || !hunk.added.is_empty() {
                hunks.push(std::mem::take(&mut hunk));
            }
            source[j] = Some(i);
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            hunk.added.push(j);
            j += 1;
        } else {
            hunk.removed.push(i);
            i += 1;
        }
    }
    if !hunk.removed.is_empty() || !hunk.added.is_empty() {
        hunks.push(hunk);
    }
    Alignment { hunks, source }
}

/// Takes the items removed in one place and added unchanged in another out of the hunks,
/// noting where each came from. Returns whether there was any.
fn find_moves(
    old: &[Value],
    new: &[Value],
    hunks: &mut [Hunk],
    source: &mut [Option<usize>],
) -> bool {
    let removed: Vec<usize> = hunks.iter().flat_map(|h| h.removed.clone()).collect();
    let added: Vec<usize> = hunks.iter().flat_map(|h| h.added.clone()).collect();
    if removed.is_empty() || added.is_empty() || removed.len() * added.len() > LCS_LIMIT {
        return false;
    }
    let mut taken = vec![false; old.len()];
    let mut moved_to = vec![false; new.len()];
    for &j in &added {
        if let Some(&i) = removed.iter().find(|&&i| !taken[i] && old[i] == new[j]) {
            taken[i] = true;
            moved_to[j] = true;
            source[j] = Some(i);
        }
    }
    if !moved_to.contains(&true) {
        return false;
    }
    for hunk in hunks.iter_mut() {
        hunk.removed.retain(|&i| !taken[i]);
        hunk.added.retain(|&j| !moved_to[j]);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo_site(id: &str) -> SiteData {
        let (_, sites, problems) =
            crate::portfolio_io::parse_embedded(crate::demo::files().iter().copied());
        assert!(problems.is_empty());
        sites
            .into_iter()
            .find(|s| s.value.site.id == id)
            .unwrap()
            .value
    }

    fn fields(changes: &[Change]) -> Vec<(String, String, String)> {
        changes
            .iter()
            .map(|c| (c.entity.to_owned(), c.id.clone(), c.field.clone()))
            .collect()
    }

    fn triple(entity: &str, id: &str, field: &str) -> (String, String, String) {
        (entity.into(), id.into(), field.into())
    }

    #[test]
    fn an_unchanged_site_has_no_entries_and_a_new_one_has_one() {
        let tokyo = demo_site("tokyo");
        assert!(diff_site(Some(&tokyo), Some(&tokyo.clone())).is_empty());
        let created = diff_site(None, Some(&tokyo));
        assert_eq!(fields(&created), [triple("site", "tokyo", "")]);
        assert_eq!(created[0].new["name"], "東京");
        assert!(created[0].old.is_null());
        let deleted = diff_site(Some(&tokyo), None);
        assert_eq!(deleted.len(), 1);
        assert!(deleted[0].new.is_null());
    }

    #[test]
    fn site_fields_and_nested_records_name_the_innermost_record() {
        let old = demo_site("tokyo");
        let mut new = old.clone();
        new.site.headcount += 1;
        new.people[0].name = "Renamed".into();
        new.people[1].active = !new.people[1].active;
        new.plans[0].steps[1].action = "Call everyone".into();
        let changes = diff_site(Some(&old), Some(&new));
        let (p0, p1, plan) = (&old.people[0].id, &old.people[1].id, &old.plans[0].id);
        assert_eq!(
            fields(&changes),
            [
                triple("person", p0, "name"),
                triple("person", p1, "active"),
                triple("plan", plan, "steps[1].action"),
                triple("site", "tokyo", "headcount"),
            ]
        );
        assert_eq!(changes[0].old, json!(old.people[0].name));
        assert_eq!(changes[0].new, json!("Renamed"));
        assert_eq!(changes[1].old, json!(old.people[1].active));
        assert_eq!(changes[1].new, json!(!old.people[1].active));
        assert_eq!(changes[3].new, json!(old.site.headcount + 1));
    }

    #[test]
    fn an_inserted_step_is_one_entry_and_a_reorder_is_one() {
        let old = demo_site("tokyo");
        let plan = old.plans[0].id.clone();
        assert!(old.plans[0].steps.len() >= 3);
        let mut new = old.clone();
        let mut step = new.plans[0].steps[0].clone();
        step.action = "A new step".into();
        new.plans[0].steps.insert(2, step);
        let changes = diff_site(Some(&old), Some(&new));
        assert_eq!(fields(&changes), [triple("plan", &plan, "steps[2]")]);
        assert!(changes[0].old.is_null());
        assert_eq!(changes[0].new["action"], "A new step");

        let mut moved = old.clone();
        moved.plans[0].steps.swap(1, 2);
        let changes = diff_site(Some(&old), Some(&moved));
        assert_eq!(fields(&changes), [triple("plan", &plan, "steps.order")]);
        let n = old.plans[0].steps.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.swap(1, 2);
        assert_eq!(changes[0].new, json!(order));

        // A step inserted and two others swapped: the insertion and one order entry.
        let mut both = old.clone();
        let mut step = both.plans[0].steps[0].clone();
        step.action = "Another new step".into();
        both.plans[0].steps.insert(0, step);
        both.plans[0].steps.swap(3, 4);
        let changes = diff_site(Some(&old), Some(&both));
        assert_eq!(
            fields(&changes),
            [
                triple("plan", &plan, "steps[0]"),
                triple("plan", &plan, "steps.order")
            ]
        );
        let mut source: Vec<Value> = vec![Value::Null];
        source.extend((0..n).map(|i| json!(i)));
        source.swap(3, 4);
        assert_eq!(changes[1].new, Value::Array(source));

        let mut removed = old.clone();
        removed.plans[0].steps.remove(0);
        let changes = diff_site(Some(&old), Some(&removed));
        assert_eq!(fields(&changes), [triple("plan", &plan, "steps[0]")]);
        assert!(changes[0].new.is_null());
    }

    #[test]
    fn keyed_lists_match_by_key() {
        let old = demo_site("tokyo");
        let mut new = old.clone();
        let plan = &mut new.plans[0];
        let a = plan.assignments[0].clone();
        plan.assignments[0].person = old.people.last().unwrap().id.clone();
        let person = old.people[2].clone();
        new.people.remove(2);
        new.people.push(person.clone());
        new.training.remove(0);
        let changes = diff_site(Some(&old), Some(&new));
        let t = &old.training[0];
        let order: Vec<&str> = new.people.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(
            fields(&changes),
            [
                triple("site", "tokyo", "people.order"),
                triple(
                    "plan",
                    &old.plans[0].id,
                    &format!("assignments[{}/{}].person", a.role, a.rank)
                ),
                triple(
                    "training",
                    &format!("{}/{}/{}", t.person, t.course, t.completed),
                    ""
                ),
            ]
        );
        assert_eq!(changes[0].new, json!(order));
    }

    #[test]
    fn portfolio_catalogue_and_policy_entries() {
        let (portfolio, _, _) =
            crate::portfolio_io::parse_embedded(crate::demo::files().iter().copied());
        let old = portfolio.unwrap().value;
        let mut new = old.clone();
        new.roles[0].name = "Chief".into();
        new.regions.push(crate::model::Region {
            id: "polar".into(),
            name: "Polar".into(),
        });
        let mut policy = new.readiness.clone().unwrap_or_default();
        policy.ready_at = Some(91);
        new.readiness = Some(policy);
        let changes = diff_portfolio(Some(&old), Some(&new));
        let mut got = fields(&changes);
        got.sort();
        assert_eq!(
            got,
            [
                triple("policy", "readiness", "ready_at"),
                triple("region", "polar", ""),
                triple("role", &old.roles[0].id, "name"),
            ]
        );
        assert_eq!(
            diff_portfolio(None, Some(&old))[0].new["regions"],
            old.regions.len()
        );
    }

    #[test]
    fn who_prefers_the_configured_name_to_the_os_user() {
        // The environment is shared by the tests of this binary: only read it here.
        match std::env::var(USER_ENV) {
            Ok(v) if !v.trim().is_empty() => assert_eq!(resolve_who(Some("x")), v.trim()),
            _ => {
                assert_eq!(resolve_who(Some("  Ada  ")), "Ada");
                assert!(!resolve_who(None).is_empty());
            }
        }
    }
}
