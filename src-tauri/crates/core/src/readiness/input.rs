//! The plain-data model the rules score: only what readiness needs, with ids resolved to
//! indices. Built either from the store in bulk (`load`) or from plan-file types
//! (`Input::from_model`); both give the same model for the same data, as of a date: training
//! completed, exercises held and corrective actions closed after that date are left out.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::{PlanKind, PlanStatus, Portfolio, Severity, SiteData};

#[derive(Debug, Default)]
pub(crate) struct Input {
    pub roles: Vec<RoleInfo>,
    pub courses: Vec<CourseInfo>,
    pub sites: Vec<SiteIn>,
    pub plans: Vec<PlanIn>,
    pub people: Vec<PersonIn>,
}

#[derive(Debug)]
pub(crate) struct RoleInfo {
    pub id: String,
    pub name: String,
    pub critical: bool,
    /// Courses this role requires (indices into `Input::courses`).
    pub courses: Vec<u16>,
}

#[derive(Debug)]
pub(crate) struct CourseInfo {
    pub id: String,
    pub name: String,
    pub validity_months: Option<u32>,
}

#[derive(Debug)]
pub(crate) struct SiteIn {
    pub id: String,
    pub name: String,
    pub region: String,
    pub region_name: String,
    pub tier: u8,
    pub headcount: u32,
    /// Indices into `Input::plans` (retired plans are left out).
    pub plans: Vec<u32>,
    /// Quantity held per resource kind.
    pub inventory: Vec<(String, u64)>,
    /// Corrective actions open as of the assessment date.
    pub findings: Vec<FindingIn>,
}

#[derive(Debug, Clone)]
pub(crate) struct ExerciseRef {
    pub id: String,
    pub date: NaiveDate,
}

#[derive(Debug)]
pub(crate) struct PlanIn {
    pub id: String,
    pub title: String,
    pub kind: PlanKind,
    pub status: PlanStatus,
    pub approved_on: Option<NaiveDate>,
    pub last_reviewed: Option<NaiveDate>,
    pub review_interval_months: u32,
    /// The smallest RTO of the processes the plan covers, and that process's name (the first
    /// name in alphabetical order if several share it).
    pub rto: Option<(i64, String)>,
    pub roles: Vec<RoleReq>,
    /// Sum of the recover-phase step target times, if the plan has any.
    pub recover_minutes: Option<i64>,
    pub resources: Vec<(String, u64)>,
    pub last_exercise: Option<ExerciseRef>,
    /// The latest exercise that recorded a recovery time for this plan, and that time.
    pub last_result: Option<(ExerciseRef, i64)>,
}

#[derive(Debug)]
pub(crate) struct RoleReq {
    pub role: u16,
    pub alternates: u32,
    /// (rank, person index): rank 0 is the primary.
    pub assigned: Vec<(u32, u32)>,
}

#[derive(Debug)]
pub(crate) struct PersonIn {
    pub id: String,
    pub name: String,
    pub active: bool,
    /// False for an id an assignment names but nobody on file has.
    pub known: bool,
    /// Latest completion per required course (course index, date).
    pub training: Vec<(u16, NaiveDate)>,
}

#[derive(Debug)]
pub(crate) struct FindingIn {
    pub id: String,
    pub action: String,
    pub severity: Severity,
    pub owner: String,
    pub due: NaiveDate,
    pub closed: Option<NaiveDate>,
    pub exercise: ExerciseRef,
}

impl PersonIn {
    /// Someone an assignment names, before (or without) their row in the people table.
    pub fn placeholder(id: &str) -> PersonIn {
        PersonIn {
            id: id.to_owned(),
            name: String::new(),
            active: false,
            known: false,
            training: Vec::new(),
        }
    }

    /// The name, or the id for someone not on file.
    pub fn display(&self) -> &str {
        if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        }
    }

    pub fn completed(&self, course: u16) -> Option<NaiveDate> {
        self.training
            .iter()
            .find(|(c, _)| *c == course)
            .map(|(_, d)| *d)
    }
}

/// Interns person ids to indices, adding a placeholder for ids nobody on file has.
#[derive(Default)]
pub(crate) struct People {
    pub index: HashMap<String, u32, rustc_hash::FxBuildHasher>,
    pub list: Vec<PersonIn>,
}

impl People {
    pub fn add(&mut self, id: &str, name: &str, active: bool) {
        let i = self.list.len() as u32;
        self.index.insert(id.to_owned(), i);
        self.list.push(PersonIn {
            id: id.to_owned(),
            name: name.to_owned(),
            active,
            known: true,
            training: Vec::new(),
        });
    }

    pub fn get_or_unknown(&mut self, id: &str) -> u32 {
        if let Some(i) = self.index.get(id) {
            return *i;
        }
        let i = self.list.len() as u32;
        self.index.insert(id.to_owned(), i);
        self.list.push(PersonIn::placeholder(id));
        i
    }

    /// Keeps the latest completion of a course.
    pub fn complete(&mut self, person: u32, course: u16, date: NaiveDate) {
        let training = &mut self.list[person as usize].training;
        match training.iter_mut().find(|(c, _)| *c == course) {
            Some((_, d)) => *d = (*d).max(date),
            None => training.push((course, date)),
        }
    }
}

impl Input {
    /// Gives each person their training completions, read separately (see `load`).
    pub fn attach(&mut self, training: Vec<Vec<(u16, NaiveDate)>>) {
        for (person, list) in self.people.iter_mut().zip(training) {
            person.training = list;
        }
    }

    /// The catalogue part: roles with the courses each requires, and courses.
    pub fn catalogue(portfolio: &Portfolio) -> (Vec<RoleInfo>, Vec<CourseInfo>) {
        let courses: Vec<CourseInfo> = portfolio
            .courses
            .iter()
            .map(|c| CourseInfo {
                id: c.id.clone(),
                name: c.name.clone(),
                validity_months: c.validity_months,
            })
            .collect();
        let roles = portfolio
            .roles
            .iter()
            .map(|r| RoleInfo {
                id: r.id.clone(),
                name: r.name.clone(),
                critical: r.critical,
                courses: portfolio
                    .courses
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.required_for_roles.contains(&r.id))
                    .map(|(i, _)| i as u16)
                    .collect(),
            })
            .collect();
        (roles, courses)
    }

    pub fn role_index(&self, id: &str) -> Option<u16> {
        self.roles.iter().position(|r| r.id == id).map(|i| i as u16)
    }

    /// Builds the model from plan-file data, as the store would give it back as of `as_of`.
    pub fn from_model(portfolio: &Portfolio, sites: &[SiteData], as_of: NaiveDate) -> Input {
        let (roles, courses) = Self::catalogue(portfolio);
        let mut input = Input {
            roles,
            courses,
            ..Input::default()
        };
        let required: Vec<bool> = (0..input.courses.len())
            .map(|c| input.roles.iter().any(|r| r.courses.contains(&(c as u16))))
            .collect();
        let mut people = People::default();
        for data in sites {
            for p in &data.people {
                people.add(&p.id, &p.name, p.active);
            }
        }
        let mut ordered: Vec<&SiteData> = sites.iter().collect();
        let region_pos = |r: &str| {
            portfolio
                .regions
                .iter()
                .position(|x| x.id == r)
                .unwrap_or(usize::MAX)
        };
        ordered.sort_by(|a, b| {
            (region_pos(&a.site.region), &a.site.id).cmp(&(region_pos(&b.site.region), &b.site.id))
        });
        for data in ordered {
            let s = &data.site;
            let mut site = SiteIn {
                id: s.id.clone(),
                name: s.name.clone(),
                region: s.region.clone(),
                region_name: portfolio
                    .regions
                    .iter()
                    .find(|r| r.id == s.region)
                    .map(|r| r.name.clone())
                    .unwrap_or_default(),
                tier: s.tier,
                headcount: s.headcount,
                plans: Vec::new(),
                inventory: Vec::new(),
                findings: Vec::new(),
            };
            for item in &data.inventory {
                add_quantity(&mut site.inventory, &item.kind, u64::from(item.quantity));
            }
            for t in data.training.iter().filter(|t| t.completed <= as_of) {
                let Some(c) = input.courses.iter().position(|c| c.id == t.course) else {
                    continue;
                };
                if required[c] {
                    let p = people.get_or_unknown(&t.person);
                    people.complete(p, c as u16, t.completed);
                }
            }
            let exercises: Vec<_> = data.exercises.iter().filter(|e| e.date <= as_of).collect();
            for e in &exercises {
                for f in e
                    .findings
                    .iter()
                    .filter(|f| f.closed.is_none_or(|c| c > as_of))
                {
                    site.findings.push(FindingIn {
                        id: f.id.clone(),
                        action: f.action.clone(),
                        severity: f.severity,
                        owner: f.owner.clone(),
                        due: f.due,
                        closed: f.closed,
                        exercise: ExerciseRef {
                            id: e.id.clone(),
                            date: e.date,
                        },
                    });
                }
            }
            for plan in data
                .plans
                .iter()
                .filter(|p| p.status != PlanStatus::Retired)
            {
                let rto = plan
                    .processes
                    .iter()
                    .filter_map(|id| data.processes.iter().find(|p| &p.id == id))
                    .map(|p| (p.rto.minutes(), p.name.clone()))
                    .min();
                let recover: Vec<i64> = plan
                    .steps
                    .iter()
                    .filter(|s| s.phase == crate::model::Phase::Recover)
                    .map(|s| s.target_time.minutes())
                    .collect();
                let mut resources = Vec::new();
                for r in &plan.resources {
                    resources.push((r.kind.clone(), u64::from(r.quantity)));
                }
                let roles = plan
                    .roles
                    .iter()
                    .filter_map(|r| {
                        let role = input.role_index(&r.role)?;
                        let assigned = plan
                            .assignments
                            .iter()
                            .filter(|a| a.role == r.role)
                            .map(|a| (a.rank, people.get_or_unknown(&a.person)))
                            .collect();
                        Some(RoleReq {
                            role,
                            alternates: r.alternates,
                            assigned,
                        })
                    })
                    .collect();
                let mut last_exercise: Option<ExerciseRef> = None;
                let mut last_result: Option<(ExerciseRef, i64)> = None;
                for e in &exercises {
                    let here = ExerciseRef {
                        id: e.id.clone(),
                        date: e.date,
                    };
                    if e.plans.contains(&plan.id)
                        && last_exercise.as_ref().is_none_or(|l| e.date > l.date)
                    {
                        last_exercise = Some(here.clone());
                    }
                    if let Some(r) = e.results.iter().find(|r| r.plan == plan.id) {
                        if last_result.as_ref().is_none_or(|(l, _)| e.date > l.date) {
                            last_result = Some((here, r.recovery_time.minutes()));
                        }
                    }
                }
                site.plans.push(input.plans.len() as u32);
                input.plans.push(PlanIn {
                    id: plan.id.clone(),
                    title: plan.title.clone(),
                    kind: plan.kind,
                    status: plan.status,
                    approved_on: plan.approved_on,
                    last_reviewed: plan.last_reviewed,
                    review_interval_months: plan.review_interval_months,
                    rto,
                    roles,
                    recover_minutes: (!recover.is_empty()).then(|| recover.iter().sum()),
                    resources,
                    last_exercise,
                    last_result,
                });
            }
            input.sites.push(site);
        }
        input.people = people.list;
        input
    }
}

pub(crate) fn add_quantity(list: &mut Vec<(String, u64)>, kind: &str, quantity: u64) {
    match list.iter_mut().find(|(k, _)| k == kind) {
        Some((_, q)) => *q += quantity,
        None => list.push((kind.to_owned(), quantity)),
    }
}
