//! CSV import from HR and learning systems: people from an HR export, training completions
//! from a learning system's. Two steps, so the app's wizard can show a preview and the CLI a
//! dry run: `plan_people` / `plan_training` read the file and say, row by row, what would be
//! new, changed or unchanged; `Store::apply_csv` then writes that plan in one transaction, one
//! action in the audit trail (source `import`).
//!
//! All or nothing: if any row is wrong, planning fails with every problem by row
//! (`hr.csv:14: column "Completed": "31/02/2026" is not a date`) as `Error::Csv`, and nothing is
//! written. Importing the same file twice changes nothing the second time: people are matched
//! by id or e-mail (an existing person keeps their id), a training record is the triple person,
//! course, date, and an empty cell leaves the stored value as it is.
//!
//! Reading the file (encoding, delimiter, quoting) is `read`; which column holds which field
//! (synonyms, `--map`) and dates are `map`. See docs/csv-import.md.

mod map;
mod read;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Person, Phone, TrainingRecord};
use crate::planfile::Problem;
use crate::{Error, Result, Store};
pub use map::Field;
use map::{by_synonym, normalize, DateReader};
pub use read::{decode, delimiter};

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum CsvKind {
    People,
    Training,
}

impl CsvKind {
    fn noun(self) -> &'static str {
        match self {
            CsvKind::People => "people",
            CsvKind::Training => "training records",
        }
    }
}

/// A column of the file given a field explicitly (`--map "Cell=phones.mobile"`); the field
/// `-` (or `ignore`) leaves a column out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct ColumnMap {
    pub column: String,
    pub field: String,
}

impl ColumnMap {
    /// `COLUMN=field`, as the CLI takes it (the last `=` splits: a column name may hold one).
    pub fn parse(text: &str) -> Result<ColumnMap> {
        match text.rsplit_once('=') {
            Some((column, field)) if !column.trim().is_empty() && !field.trim().is_empty() => {
                Ok(ColumnMap {
                    column: column.trim().to_owned(),
                    field: field.trim().to_owned(),
                })
            }
            _ => Err(Error::Invalid(format!(
                "--map {text:?}: expected COLUMN=field, e.g. \"Employee number=id\""
            ))),
        }
    }
}

/// How to read a file: the wizard's choices, the CLI's options.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct CsvOptions {
    /// The site the people of a people file belong to (unless the file has a site column).
    #[serde(default)]
    #[ts(optional)]
    pub site: Option<String>,
    #[serde(default)]
    pub map: Vec<ColumnMap>,
    /// A chrono format for dates that are not ISO 8601, e.g. `%d.%m.%Y`.
    #[serde(default)]
    #[ts(optional)]
    pub date_format: Option<String>,
}

/// How a column of the file is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CsvColumn {
    pub name: String,
    /// The field it fills (`id`, `phones.mobile`, `completed`…); None: not imported.
    pub field: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    New,
    Changed,
    Unchanged,
}

/// What one row of the file would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CsvRow {
    /// The line the row starts on; the header is line 1.
    pub line: usize,
    pub status: RowStatus,
    pub site: String,
    /// The person's id; for a training record `person/course/date`.
    pub id: String,
    /// The fields a changed person would get new values in.
    pub fields: Vec<String>,
}

/// What importing a file would do: the preview the wizard shows and the dry run prints.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct CsvPlan {
    pub kind: CsvKind,
    pub file: String,
    /// `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`, `UTF-16BE` or `windows-1252`.
    pub encoding: String,
    /// `,`, `;` or `tab`.
    pub delimiter: String,
    pub columns: Vec<CsvColumn>,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub rows: Vec<CsvRow>,
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) edits: Vec<SiteEdit>,
}

/// What an applied plan wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CsvSummary {
    pub kind: CsvKind,
    pub file: String,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// The sites that changed.
    pub sites: Vec<String>,
}

impl CsvPlan {
    /// The summary of this plan (what a dry run reports; `sites` those that would change).
    pub fn summary(&self) -> CsvSummary {
        CsvSummary {
            kind: self.kind,
            file: self.file.clone(),
            new: self.new,
            changed: self.changed,
            unchanged: self.unchanged,
            sites: self
                .edits
                .iter()
                .filter(|e| !e.people.is_empty() || !e.training.is_empty())
                .map(|e| e.site.clone())
                .collect(),
        }
    }
}

/// The changes to one site: people as they were read (None: new) and as they will be, and
/// training records to add.
#[derive(Debug, Clone, Default)]
pub(crate) struct SiteEdit {
    pub site: String,
    pub people: Vec<(Option<Person>, Person)>,
    pub training: Vec<TrainingRecord>,
}

/// Reads a people file (an HR export) and plans its import.
pub fn plan_people(store: &Store, file: &Path, options: &CsvOptions) -> Result<CsvPlan> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    plan(store, CsvKind::People, file, &bytes, options)
}

/// Reads a training file (a learning system's completions) and plans its import.
pub fn plan_training(store: &Store, file: &Path, options: &CsvOptions) -> Result<CsvPlan> {
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    plan(store, CsvKind::Training, file, &bytes, options)
}

/// Plans the import of a file already in memory; `file` only names it in messages.
pub fn plan(
    store: &Store,
    kind: CsvKind,
    file: &Path,
    bytes: &[u8],
    options: &CsvOptions,
) -> Result<CsvPlan> {
    let mut problems = Problems {
        path: file.to_owned(),
        list: Vec::new(),
    };
    let dates = DateReader::new(options.date_format.as_deref()).map_err(Error::Invalid)?;
    let (table, read_problems) = match read::table(bytes) {
        Ok(read) => read,
        Err((line, message)) => {
            problems.add(line, message);
            return Err(Error::Csv(problems.list));
        }
    };
    for (line, message) in read_problems {
        problems.add(line, message);
    }
    let fields = columns(kind, &table.headers, &options.map, &mut problems);
    let mut plan = CsvPlan {
        kind,
        file: file.display().to_string(),
        encoding: table.encoding.clone(),
        delimiter: match table.delimiter {
            b'\t' => "tab".into(),
            d => (d as char).to_string(),
        },
        columns: table
            .headers
            .iter()
            .zip(&fields)
            .map(|(name, field)| CsvColumn {
                name: name.clone(),
                field: field.as_ref().map(Field::name),
            })
            .collect(),
        new: 0,
        changed: 0,
        unchanged: 0,
        rows: Vec::with_capacity(table.rows.len()),
        edits: Vec::new(),
    };
    let cells = Cells {
        headers: &table.headers,
        fields: &fields,
    };
    match kind {
        CsvKind::People => people(store, &table, &cells, options, &mut plan, &mut problems)?,
        CsvKind::Training => training(store, &table, &cells, &dates, &mut plan, &mut problems)?,
    }
    if !problems.list.is_empty() {
        problems.list.sort_by_key(|p| p.line);
        return Err(Error::Csv(problems.list));
    }
    for row in &plan.rows {
        match row.status {
            RowStatus::New => plan.new += 1,
            RowStatus::Changed => plan.changed += 1,
            RowStatus::Unchanged => plan.unchanged += 1,
        }
    }
    Ok(plan)
}

struct Problems {
    path: PathBuf,
    list: Vec<Problem>,
}

impl Problems {
    fn add(&mut self, line: Option<usize>, message: String) {
        self.list.push(Problem {
            path: self.path.clone(),
            line,
            column: None,
            message,
        });
    }
}

/// The field of each column: `--map` first, then synonyms. Two columns for one field is a
/// problem unless one is a weaker synonym (an e-mail column beside an id column in a training
/// file) or `--map` chose.
fn columns(
    kind: CsvKind,
    headers: &[String],
    map: &[ColumnMap],
    problems: &mut Problems,
) -> Vec<Option<Field>> {
    let mut fields: Vec<Option<(Field, u8)>> =
        headers.iter().map(|h| by_synonym(kind, h)).collect();
    let mut explicit = vec![false; headers.len()];
    for m in map {
        let wanted = normalize(&m.column);
        let Some(i) = headers
            .iter()
            .position(|h| *h == m.column)
            .or_else(|| headers.iter().position(|h| normalize(h) == wanted))
        else {
            problems.add(
                Some(1),
                format!(
                    "--map {:?}: the file has no column {:?} (its columns: {})",
                    format!("{}={}", m.column, m.field),
                    m.column,
                    headers.join(", ")
                ),
            );
            continue;
        };
        explicit[i] = true;
        if matches!(m.field.as_str(), "-" | "ignore") {
            fields[i] = None;
            continue;
        }
        match Field::parse(kind, &m.field) {
            Some(f) => fields[i] = Some((f, 0)),
            None => problems.add(
                None,
                format!(
                    "--map {:?}: {:?} is not a field of {} (fields: {})",
                    format!("{}={}", m.column, m.field),
                    m.field,
                    kind.noun(),
                    Field::names(kind)
                ),
            ),
        }
    }
    // One column per field: an explicit map beats a synonym, a stronger synonym a weaker one.
    let mut result: Vec<Option<Field>> = vec![None; headers.len()];
    let mut by_field: HashMap<Field, Vec<usize>> = HashMap::new();
    for (i, f) in fields.iter().enumerate() {
        if let Some((f, _)) = f {
            by_field.entry(f.clone()).or_default().push(i);
        }
    }
    for (field, cols) in by_field {
        let rank = |i: &usize| (!explicit[*i], fields[*i].as_ref().map_or(9, |f| f.1));
        let best = cols.iter().map(rank).min().expect("a field has a column");
        let winners: Vec<usize> = cols.into_iter().filter(|i| rank(i) == best).collect();
        if winners.len() > 1 {
            let names: Vec<String> = winners
                .iter()
                .map(|&i| format!("{:?}", headers[i]))
                .collect();
            problems.add(
                Some(1),
                format!(
                    "columns {} all read as {}; say which with --map \"COLUMN={}\" (and \
                     --map \"OTHER=-\" to leave one out)",
                    names.join(" and "),
                    field.name(),
                    field.name()
                ),
            );
            continue;
        }
        result[winners[0]] = Some(field);
    }
    result
}

/// The cells of a row by field.
struct Cells<'a> {
    headers: &'a [String],
    fields: &'a [Option<Field>],
}

impl Cells<'_> {
    fn column(&self, field: &Field) -> Option<usize> {
        self.fields.iter().position(|f| f.as_ref() == Some(field))
    }

    fn require(&self, field: Field, problems: &mut Problems) -> Option<usize> {
        let found = self.column(&field);
        if found.is_none() {
            problems.add(
                Some(1),
                format!(
                    "no column for {}: the header has {}; name one with --map \"COLUMN={}\"",
                    field.name(),
                    self.headers.join(", "),
                    field.name()
                ),
            );
        }
        found
    }

    fn header(&self, i: usize) -> &str {
        &self.headers[i]
    }
}

fn people(
    store: &Store,
    table: &read::Table,
    cells: &Cells,
    options: &CsvOptions,
    plan: &mut CsvPlan,
    problems: &mut Problems,
) -> Result<()> {
    let id_col = cells.column(&Field::Id);
    let email_col = cells.column(&Field::Email);
    if id_col.is_none() && email_col.is_none() {
        problems.add(
            Some(1),
            format!(
                "no column for id or email: people are matched by one of them (the header \
                 has {}); name one with --map \"COLUMN=id\"",
                table.headers.join(", ")
            ),
        );
    }
    let name_col = cells.column(&Field::Name);
    let title_col = cells.column(&Field::Title);
    let active_col = cells.column(&Field::Active);
    let site_col = cells.column(&Field::Site);
    let phone_cols: Vec<(usize, String)> = cells
        .fields
        .iter()
        .enumerate()
        .filter_map(|(i, f)| match f {
            Some(Field::Phone(label)) => Some((i, label.clone())),
            _ => None,
        })
        .collect();
    let sites: HashSet<String> = store.site_ids()?.into_iter().collect();
    if let Some(site) = &options.site {
        if !sites.contains(site) {
            return Err(Error::not_found("site", site));
        }
    } else if site_col.is_none() {
        problems.add(
            None,
            "give the site these people belong to with --site, or a site column".into(),
        );
    }
    if !problems.list.is_empty() {
        return Ok(());
    }

    let everyone = store.people_by_site()?;
    let by_id: HashMap<&str, usize> = everyone
        .iter()
        .enumerate()
        .map(|(i, (_, p))| (p.id.as_str(), i))
        .collect();
    let by_email: HashMap<String, usize> = everyone
        .iter()
        .enumerate()
        .filter(|(_, (_, p))| !p.email.is_empty())
        .map(|(i, (_, p))| (p.email.to_lowercase(), i))
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut edits: HashMap<String, SiteEdit> = HashMap::new();

    for (line, record) in &table.rows {
        let line = *line;
        let cell = |c: Option<usize>| c.map_or("", |i| &record[i]);
        let mut fail = |message: String| problems.add(Some(line), message);
        let (id, email) = (cell(id_col), cell(email_col));
        let found_by_id = by_id.get(id).copied().filter(|_| !id.is_empty());
        let found_by_email = by_email.get(&email.to_lowercase()).copied();
        let found = match (found_by_id, found_by_email) {
            (Some(a), Some(b)) if a != b => {
                fail(format!(
                    "id {id:?} and e-mail {email:?} are two different people ({} and {})",
                    everyone[a].1.id, everyone[b].1.id
                ));
                continue;
            }
            (Some(a), _) | (None, Some(a)) => Some(a),
            (None, None) => None,
        };
        let row_site = match cell(site_col) {
            "" => options.site.clone(),
            s => Some(s.to_owned()),
        };
        if let Some(s) = row_site.as_deref().filter(|s| !sites.contains(*s)) {
            fail(format!(
                "column {:?}: no site {s:?}",
                cells.header(site_col.unwrap_or(0))
            ));
            continue;
        }
        let (site, before) = match found {
            Some(i) => {
                let (home, person) = &everyone[i];
                if let Some(s) = row_site.as_deref().filter(|s| *s != home.as_str()) {
                    fail(format!(
                        "person {:?} belongs to site {home:?}, not {s:?}; an import does not move \
                         people between sites",
                        person.id
                    ));
                    continue;
                }
                (home.clone(), Some(person.clone()))
            }
            None => {
                if id.is_empty() {
                    fail(format!(
                        "e-mail {email:?} matches nobody, and without an id the row cannot be a \
                         new person"
                    ));
                    continue;
                }
                let Some(site) = row_site else {
                    fail("no site for this new person: give --site or fill the site column".into());
                    continue;
                };
                (site, None)
            }
        };
        let mut person = before.clone().unwrap_or_else(|| Person {
            id: id.to_owned(),
            name: String::new(),
            title: String::new(),
            email: String::new(),
            phones: Vec::new(),
            active: true,
        });
        if let Some(first) = seen.insert(person.id.clone(), line) {
            fail(format!("person {:?} is also on line {first}", person.id));
            continue;
        }
        let set = |target: &mut String, value: &str| {
            if !value.is_empty() {
                value.clone_into(target);
            }
        };
        set(&mut person.name, cell(name_col));
        set(&mut person.title, cell(title_col));
        // E-mail addresses match ignoring case; a stored one differing only in case stays.
        if person.email.to_lowercase() != email.to_lowercase() {
            set(&mut person.email, email);
        }
        for (i, label) in &phone_cols {
            let number = &record[*i];
            if number.is_empty() {
                continue;
            }
            match person.phones.iter_mut().find(|p| p.label == *label) {
                Some(p) => number.clone_into(&mut p.number),
                None => person.phones.push(Phone {
                    label: label.clone(),
                    number: number.to_owned(),
                }),
            }
        }
        match yes_no(cell(active_col)) {
            Ok(Some(active)) => person.active = active,
            Ok(None) => {}
            Err(value) => {
                fail(format!(
                    "column {:?}: {value:?} is not yes or no",
                    cells.header(active_col.unwrap_or(0))
                ));
                continue;
            }
        }
        if person.name.is_empty() {
            let message = match name_col {
                Some(c) => format!(
                    "column {:?} is empty: a new person needs a name",
                    cells.header(c)
                ),
                None => "a new person needs a name, and the file has no name column".into(),
            };
            fail(message);
            continue;
        }
        let (status, fields) = match &before {
            None => (RowStatus::New, Vec::new()),
            Some(b) if *b == person => (RowStatus::Unchanged, Vec::new()),
            Some(b) => (RowStatus::Changed, changed_fields(b, &person)),
        };
        plan.rows.push(CsvRow {
            line,
            status,
            site: site.clone(),
            id: person.id.clone(),
            fields,
        });
        if status != RowStatus::Unchanged {
            let edit = edits.entry(site.clone()).or_insert_with(|| SiteEdit {
                site,
                ..SiteEdit::default()
            });
            edit.people.push((before, person));
        }
    }
    plan.edits = sorted(edits);
    Ok(())
}

fn changed_fields(before: &Person, after: &Person) -> Vec<String> {
    let mut fields = Vec::new();
    for (name, changed) in [
        ("name", before.name != after.name),
        ("title", before.title != after.title),
        ("email", before.email != after.email),
        ("active", before.active != after.active),
    ] {
        if changed {
            fields.push(name.to_owned());
        }
    }
    for phone in &after.phones {
        if !before.phones.contains(phone) {
            fields.push(format!("phones.{}", phone.label));
        }
    }
    fields
}

/// `yes`/`no`, `true`/`false`, `1`/`0`, `active`/`inactive`; Ok(None) for an empty cell.
fn yes_no(value: &str) -> Result<Option<bool>, String> {
    match value.to_lowercase().as_str() {
        "" => Ok(None),
        "yes" | "y" | "true" | "1" | "active" | "x" => Ok(Some(true)),
        "no" | "n" | "false" | "0" | "inactive" | "left" | "terminated" => Ok(Some(false)),
        _ => Err(value.to_owned()),
    }
}

fn training(
    store: &Store,
    table: &read::Table,
    cells: &Cells,
    dates: &DateReader,
    plan: &mut CsvPlan,
    problems: &mut Problems,
) -> Result<()> {
    let person_col = cells.require(Field::Person, problems);
    let course_col = cells.require(Field::Course, problems);
    let date_col = cells.require(Field::Completed, problems);
    let (Some(person_col), Some(course_col), Some(date_col)) = (person_col, course_col, date_col)
    else {
        return Ok(());
    };
    let everyone = store.people_by_site()?;
    let mut person_of: HashMap<&str, usize> = HashMap::with_capacity(everyone.len() * 2);
    let mut by_email: HashMap<String, usize> = HashMap::with_capacity(everyone.len());
    for (i, (_, p)) in everyone.iter().enumerate() {
        person_of.insert(&p.id, i);
        if !p.email.is_empty() {
            by_email.insert(p.email.to_lowercase(), i);
        }
    }
    let portfolio = store.portfolio()?;
    let mut course_of: HashMap<String, &str> = HashMap::new();
    for c in &portfolio.courses {
        course_of.insert(c.name.to_lowercase(), &c.id);
        course_of.insert(c.id.to_lowercase(), &c.id);
    }
    let mut known = store.training_keys()?;
    let mut edits: HashMap<String, SiteEdit> = HashMap::new();
    let (person_header, course_header, date_header) = (
        cells.header(person_col),
        cells.header(course_col),
        cells.header(date_col),
    );

    for (line, record) in &table.rows {
        let line = *line;
        let (who, what, when) = (&record[person_col], &record[course_col], &record[date_col]);
        let mut fail = |message: String| problems.add(Some(line), message);
        let person = match person_of.get(who) {
            Some(&i) => Some(i),
            None if who.is_empty() => {
                fail(format!("column {person_header:?} is empty"));
                None
            }
            None => match by_email.get(&who.to_lowercase()) {
                Some(&i) => Some(i),
                None => {
                    fail(format!(
                        "column {person_header:?}: no person with id or e-mail {who:?}"
                    ));
                    None
                }
            },
        };
        let course = match course_of.get(&what.to_lowercase()) {
            Some(id) => Some(*id),
            None if what.is_empty() => {
                fail(format!("column {course_header:?} is empty"));
                None
            }
            None => {
                fail(format!(
                    "column {course_header:?}: no course {what:?} in the portfolio"
                ));
                None
            }
        };
        let completed = match dates.read(when) {
            Some(date) => Some(date),
            None if when.is_empty() => {
                fail(format!("column {date_header:?} is empty"));
                None
            }
            None => {
                fail(format!(
                    "column {date_header:?}: {when:?} is not a date{}",
                    dates.hint()
                ));
                None
            }
        };
        let (Some(person), Some(course), Some(completed)) = (person, course, completed) else {
            continue;
        };
        let (site, person) = &everyone[person];
        let key = (person.id.clone(), course.to_owned(), completed);
        let new = known.insert(key);
        let status = match new {
            true => RowStatus::New,
            false => RowStatus::Unchanged,
        };
        plan.rows.push(CsvRow {
            line,
            status,
            site: site.clone(),
            id: format!("{}/{course}/{completed}", person.id),
            fields: Vec::new(),
        });
        if new {
            edits
                .entry(site.clone())
                .or_insert_with(|| SiteEdit {
                    site: site.clone(),
                    ..SiteEdit::default()
                })
                .training
                .push(TrainingRecord {
                    person: person.id.clone(),
                    course: course.to_owned(),
                    completed,
                });
        }
    }
    plan.edits = sorted(edits);
    Ok(())
}

fn sorted(edits: HashMap<String, SiteEdit>) -> Vec<SiteEdit> {
    let mut list: Vec<SiteEdit> = edits.into_values().collect();
    list.sort_by(|a, b| a.site.cmp(&b.site));
    list
}

/// The key of a training record in the store: person, course, date.
pub(crate) type TrainingKey = (String, String, NaiveDate);

#[cfg(test)]
mod tests;
