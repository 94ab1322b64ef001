//! Writing a CSV import (`crate::csv_import`): what its planning reads from the store, and
//! `apply_csv`, which writes a plan in one transaction as one action of the audit trail.

use std::collections::HashSet;

use super::audit::Trail;
use super::codec::from_json;
use super::{commit, put_site, read, Store};
use crate::audit::{diff_site, Actor, Source};
use crate::csv_import::{CsvPlan, CsvSummary, TrainingKey};
use crate::model::{Person, TrainingRecord};
use crate::{Error, Result};

impl Store {
    /// Every person with the id of their site.
    pub(crate) fn people_by_site(&self) -> Result<Vec<(String, Person)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT site_id, id, name, title, email, phones, active FROM people ORDER BY site_id, position",
            )?
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    Person {
                        id: r.get(1)?,
                        name: r.get(2)?,
                        title: r.get(3)?,
                        email: r.get(4)?,
                        phones: from_json(5, &r.get::<_, String>(5)?)?,
                        active: r.get(6)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Every training record there is, as person, course, date.
    pub(crate) fn training_keys(&self) -> Result<HashSet<TrainingKey>> {
        Ok(self
            .conn
            .prepare_cached("SELECT person_id, course_id, completed FROM training_records")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Writes a planned CSV import: all of it in one transaction, each site it touches checked
    /// as an edit is, recorded as one action (source `import`). A person changed elsewhere
    /// since the plan was made is a conflict, and nothing is written: plan again. Training
    /// records already there are left as they are, so applying a plan twice adds nothing.
    pub fn apply_csv(&mut self, plan: &CsvPlan) -> Result<CsvSummary> {
        let actor = Actor {
            source: Source::Import,
            ..self.actor()?
        };
        let noun = match plan.kind {
            crate::csv_import::CsvKind::People => "people",
            crate::csv_import::CsvKind::Training => "training",
        };
        let mut trail = Trail::new(
            actor,
            format!(
                "CSV import of {noun} from {}: {} new, {} changed",
                file_name(&plan.file),
                plan.new,
                plan.changed
            ),
        );
        let tx = self.write()?;
        let mut sites = Vec::new();
        for edit in &plan.edits {
            let before = read::site(&tx, &edit.site)?;
            let mut data = before.clone();
            for (was, person) in &edit.people {
                let now = data.people.iter().position(|p| p.id == person.id);
                match (was, now) {
                    (None, None) => data.people.push(person.clone()),
                    (Some(was), Some(i)) if data.people[i] == *was => {
                        data.people[i] = person.clone()
                    }
                    _ => {
                        return Err(Error::Conflict(format!(
                            "person {:?} was changed elsewhere since {} was read; nothing was \
                             imported — read the file again",
                            person.id, plan.file
                        )))
                    }
                }
            }
            if !edit.training.is_empty() {
                let have: HashSet<(&str, &str, chrono::NaiveDate)> = before
                    .training
                    .iter()
                    .map(|t| (t.person.as_str(), t.course.as_str(), t.completed))
                    .collect();
                let add: Vec<TrainingRecord> = edit
                    .training
                    .iter()
                    .filter(|t| {
                        !have.contains(&(t.person.as_str(), t.course.as_str(), t.completed))
                    })
                    .cloned()
                    .collect();
                data.training.extend(add);
            }
            let changes = diff_site(Some(&before), Some(&data));
            if changes.is_empty() {
                continue;
            }
            put_site(&tx, data)?;
            trail.site(&tx, &edit.site, &changes, Some(&before))?;
            sites.push(edit.site.clone());
        }
        commit(tx)?;
        Ok(CsvSummary {
            sites,
            ..plan.summary()
        })
    }
}

fn file_name(path: &str) -> &str {
    std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}
