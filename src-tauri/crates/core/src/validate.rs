//! Reference and sanity checks over parsed plan files, before anything touches the store.
//!
//! Every problem is collected (not only the first) and located in its file: the message names
//! the field path (`plans[1].assignments[0].person`) and the id that does not resolve.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::model::{Plan, PlanStatus, Portfolio, ReadinessSettings, SiteData};
use crate::planfile::{Parsed, Problem};

/// Checks site files against the catalogue (from the portfolio file being imported, or the
/// one already in the store) and against each other.
pub fn check(catalogue: &Portfolio, sites: &[Parsed<SiteData>]) -> Vec<Problem> {
    let regions: HashSet<&str> = catalogue.regions.iter().map(|r| r.id.as_str()).collect();
    let roles: HashSet<&str> = catalogue.roles.iter().map(|r| r.id.as_str()).collect();
    let courses: HashSet<&str> = catalogue.courses.iter().map(|c| c.id.as_str()).collect();
    let mut problems = Vec::new();

    // Ids are global in the store, so they must be unique across all files imported together.
    let mut seen: HashMap<(&'static str, &str), &PathBuf> = HashMap::new();
    for file in sites {
        let data = &file.value;
        let mut ids: Vec<(&'static str, &str)> = vec![("site", data.site.id.as_str())];
        ids.extend(data.people.iter().map(|p| ("person", p.id.as_str())));
        ids.extend(data.processes.iter().map(|p| ("process", p.id.as_str())));
        ids.extend(data.plans.iter().map(|p| ("plan", p.id.as_str())));
        ids.extend(data.exercises.iter().map(|e| ("exercise", e.id.as_str())));
        ids.extend(
            data.exercises
                .iter()
                .flat_map(|e| e.findings.iter().map(|f| ("finding", f.id.as_str()))),
        );
        for (kind, id) in ids {
            match seen.get(&(kind, id)) {
                Some(first) if **first == file.path => problems.push(file.problem(
                    "id",
                    id,
                    format!("{kind} id {id:?} is used twice in this file"),
                )),
                Some(first) => problems.push(file.problem(
                    "id",
                    id,
                    format!("{kind} id {id:?} is also used in {}", first.display()),
                )),
                None => {
                    seen.insert((kind, id), &file.path);
                }
            }
        }
        check_site(file, &regions, &roles, &courses, &mut problems);
    }
    problems.extend(check_catalogue(catalogue));
    problems
}

/// Checks inside the portfolio file itself (course → role references, unique ids).
fn check_catalogue(catalogue: &Portfolio) -> Vec<Problem> {
    let mut problems = Vec::new();
    let roles: HashSet<&str> = catalogue.roles.iter().map(|r| r.id.as_str()).collect();
    let path = PathBuf::from(crate::planfile::PORTFOLIO_FILE);
    let plain = |message: String| Problem {
        path: path.clone(),
        line: None,
        column: None,
        message,
    };
    for (i, course) in catalogue.courses.iter().enumerate() {
        for (j, role) in course.required_for_roles.iter().enumerate() {
            if !roles.contains(role.as_str()) {
                problems.push(plain(format!(
                    "courses[{i}].required_for_roles[{j}]: unknown role {role:?}"
                )));
            }
        }
    }
    if let Some(policy) = &catalogue.readiness {
        problems.extend(
            check_readiness(policy, &roles)
                .into_iter()
                .map(|m| plain(format!("readiness.{m}"))),
        );
    }
    for (kind, ids) in [
        (
            "region",
            catalogue.regions.iter().map(|r| &r.id).collect::<Vec<_>>(),
        ),
        ("role", catalogue.roles.iter().map(|r| &r.id).collect()),
        ("course", catalogue.courses.iter().map(|c| &c.id).collect()),
    ] {
        let mut seen = HashSet::new();
        for id in ids {
            if !seen.insert(id) {
                problems.push(plain(format!("{kind} id {id:?} is used twice")));
            }
        }
    }
    problems
}

/// Checks the portfolio's readiness policy; messages start with the field path below `readiness`.
fn check_readiness(policy: &ReadinessSettings, roles: &HashSet<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    for (field, value) in [
        ("ready_at", policy.ready_at),
        ("at_risk_at", policy.at_risk_at),
        ("component_floor", policy.component_floor),
    ] {
        if let Some(v) = value.filter(|v| *v > 100) {
            problems.push(format!("{field}: {v} is not a score; use 0 to 100"));
        }
    }
    let defaults = crate::readiness::Policy::default();
    let ready = policy.ready_at.unwrap_or(defaults.ready_at);
    let at_risk = policy.at_risk_at.unwrap_or(defaults.at_risk_at);
    if at_risk > ready {
        problems.push(format!("at_risk_at: {at_risk} is above ready_at {ready}"));
    }
    if policy.exercise_interval_months == Some(0) {
        problems.push("exercise_interval_months: must be at least 1".into());
    }
    if crate::readiness::Policy::from_settings(Some(policy))
        .weights
        .iter()
        .all(|w| *w == 0)
    {
        problems.push("weights: at least one component needs a weight above 0".into());
    }
    for (j, role) in policy.blocking_roles.iter().flatten().enumerate() {
        if !roles.contains(role.as_str()) {
            problems.push(format!("blocking_roles[{j}]: unknown role {role:?}"));
        }
    }
    problems
}

struct SiteCheck<'a> {
    file: &'a Parsed<SiteData>,
    problems: &'a mut Vec<Problem>,
}

impl SiteCheck<'_> {
    fn refers(&mut self, known: &HashSet<&str>, kind: &str, at: String, field: &str, id: &str) {
        if !known.contains(id) {
            let problem = self
                .file
                .problem(field, id, format!("{at}: unknown {kind} {id:?}"));
            self.problems.push(problem);
        }
    }

    fn fail(&mut self, field: &str, value: &str, message: String) {
        let problem = self.file.problem(field, value, message);
        self.problems.push(problem);
    }
}

fn check_site(
    file: &Parsed<SiteData>,
    regions: &HashSet<&str>,
    roles: &HashSet<&str>,
    courses: &HashSet<&str>,
    problems: &mut Vec<Problem>,
) {
    let data = &file.value;
    let site = &data.site;
    let people: HashSet<&str> = data.people.iter().map(|p| p.id.as_str()).collect();
    let processes: HashSet<&str> = data.processes.iter().map(|p| p.id.as_str()).collect();
    let plans: HashSet<&str> = data.plans.iter().map(|p| p.id.as_str()).collect();
    let mut c = SiteCheck { file, problems };

    if !is_slug(&site.id) {
        c.fail(
            "id",
            &site.id,
            format!(
                "site.id {:?}: use lowercase letters, digits and '-' only",
                site.id
            ),
        );
    }
    let expected_name = format!("{}.json", site.id);
    if file
        .path
        .file_name()
        .is_some_and(|n| n.to_string_lossy() != expected_name)
    {
        c.fail(
            "id",
            &site.id,
            format!(
                "site.id {:?}: a site file must be named {expected_name}",
                site.id
            ),
        );
    }
    c.refers(
        regions,
        "region",
        "site.region".into(),
        "region",
        &site.region,
    );
    if !(site.country.len() == 2 && site.country.chars().all(|ch| ch.is_ascii_uppercase())) {
        c.fail(
            "country",
            &site.country,
            format!(
                "site.country {:?}: expected an ISO 3166-1 alpha-2 code such as \"JP\"",
                site.country
            ),
        );
    }
    if !(-90.0..=90.0).contains(&site.latitude) || !(-180.0..=180.0).contains(&site.longitude) {
        c.fail(
            "latitude",
            "",
            "site.latitude/longitude: out of range".into(),
        );
    }
    if !(1..=4).contains(&site.tier) {
        c.fail(
            "tier",
            "",
            format!("site.tier {}: expected 1 (most critical) to 4", site.tier),
        );
    }
    if let Some(lead) = &site.lead {
        c.refers(&people, "person", "site.lead".into(), "lead", lead);
    }

    for (i, process) in data.processes.iter().enumerate() {
        c.refers(
            &people,
            "person",
            format!("processes[{i}].owner"),
            "owner",
            &process.owner,
        );
        if process.rto > process.mtpd {
            c.fail(
                "id",
                &process.id,
                format!(
                    "processes[{i}] {:?}: rto {} is longer than mtpd {}",
                    process.id, process.rto, process.mtpd
                ),
            );
        }
    }

    for (i, plan) in data.plans.iter().enumerate() {
        let at = format!("plans[{i}]");
        check_plan(&mut c, &at, plan, &people, &processes, roles);
        if let Some(draft) = &plan.draft {
            check_draft(&mut c, &at, plan, draft);
            check_plan(
                &mut c,
                &format!("{at}.draft"),
                draft,
                &people,
                &processes,
                roles,
            );
        }
    }

    for (i, record) in data.training.iter().enumerate() {
        c.refers(
            &people,
            "person",
            format!("training[{i}].person"),
            "person",
            &record.person,
        );
        c.refers(
            courses,
            "course",
            format!("training[{i}].course"),
            "course",
            &record.course,
        );
    }

    for (i, exercise) in data.exercises.iter().enumerate() {
        for (j, plan) in exercise.plans.iter().enumerate() {
            c.refers(
                &plans,
                "plan",
                format!("exercises[{i}].plans[{j}]"),
                "plans",
                plan,
            );
        }
        for (j, result) in exercise.results.iter().enumerate() {
            c.refers(
                &plans,
                "plan",
                format!("exercises[{i}].results[{j}].plan"),
                "plan",
                &result.plan,
            );
        }
        for (j, person) in exercise.participants.iter().enumerate() {
            c.refers(
                &people,
                "person",
                format!("exercises[{i}].participants[{j}]"),
                "participants",
                person,
            );
        }
        for (j, finding) in exercise.findings.iter().enumerate() {
            c.refers(
                &people,
                "person",
                format!("exercises[{i}].findings[{j}].owner"),
                "owner",
                &finding.owner,
            );
        }
    }
}

/// The draft version of a plan (`plans[i].draft`): the next version of an approved plan,
/// being written or in review, with the plan's id and no draft of its own.
fn check_draft(c: &mut SiteCheck<'_>, at: &str, plan: &Plan, draft: &Plan) {
    if plan.status != PlanStatus::Approved {
        c.fail(
            "id",
            &plan.id,
            format!(
                "{at}.draft: only an approved plan has a draft version (this plan is {}); \
                 edit the plan itself",
                plan.status.label().to_lowercase()
            ),
        );
    }
    if draft.id != plan.id {
        c.fail(
            "id",
            &draft.id,
            format!(
                "{at}.draft.id {:?}: a draft has the id of its plan, {:?}",
                draft.id, plan.id
            ),
        );
    }
    if !matches!(draft.status, PlanStatus::Draft | PlanStatus::InReview) {
        c.fail(
            "status",
            "",
            format!(
                "{at}.draft.status: a draft version is draft or in_review, not {}",
                draft.status.label().to_lowercase()
            ),
        );
    }
    if draft.draft.is_some() {
        c.fail(
            "draft",
            "",
            format!("{at}.draft.draft: a draft version cannot have a draft of its own"),
        );
    }
}

fn check_plan(
    c: &mut SiteCheck<'_>,
    prefix: &str,
    plan: &Plan,
    people: &HashSet<&str>,
    processes: &HashSet<&str>,
    roles: &HashSet<&str>,
) {
    let at = |field: String| format!("{prefix}.{field}");
    c.refers(people, "person", at("owner".into()), "owner", &plan.owner);
    if let Some(approver) = &plan.approver {
        c.refers(
            people,
            "person",
            at("approver".into()),
            "approver",
            approver,
        );
    }
    if plan.status == PlanStatus::Approved
        && (plan.approver.is_none() || plan.approved_on.is_none())
    {
        c.fail(
            "id",
            &plan.id,
            format!(
                "{}: an approved plan needs an approver and approved_on",
                at("status".into())
            ),
        );
    }
    let plan_roles: HashSet<&str> = plan.roles.iter().map(|r| r.role.as_str()).collect();
    for (j, required) in plan.roles.iter().enumerate() {
        c.refers(
            roles,
            "role",
            at(format!("roles[{j}].role")),
            "role",
            &required.role,
        );
    }
    if plan_roles.len() != plan.roles.len() {
        c.fail(
            "id",
            &plan.id,
            format!("{}: a role is listed twice", at("roles".into())),
        );
    }
    let mut ranks = HashSet::new();
    for (j, a) in plan.assignments.iter().enumerate() {
        c.refers(
            &plan_roles,
            "role of this plan",
            at(format!("assignments[{j}].role")),
            "role",
            &a.role,
        );
        c.refers(
            people,
            "person",
            at(format!("assignments[{j}].person")),
            "person",
            &a.person,
        );
        if !ranks.insert((a.role.as_str(), a.rank)) {
            c.fail(
                "person",
                &a.person,
                format!(
                    "{}: role {:?} has two people at rank {}",
                    at(format!("assignments[{j}]")),
                    a.role,
                    a.rank
                ),
            );
        }
    }
    for (j, step) in plan.steps.iter().enumerate() {
        c.refers(
            &plan_roles,
            "role of this plan",
            at(format!("steps[{j}].role")),
            "role",
            &step.role,
        );
    }
    for (j, comm) in plan.communications.iter().enumerate() {
        c.refers(
            &plan_roles,
            "role of this plan",
            at(format!("communications[{j}].role")),
            "role",
            &comm.role,
        );
    }
    for (j, role) in plan.activated_by.iter().enumerate() {
        c.refers(
            &plan_roles,
            "role of this plan",
            at(format!("activated_by[{j}]")),
            "activated_by",
            role,
        );
    }
    for (j, role) in plan.stood_down_by.iter().enumerate() {
        c.refers(
            &plan_roles,
            "role of this plan",
            at(format!("stood_down_by[{j}]")),
            "stood_down_by",
            role,
        );
    }
    for (j, process) in plan.processes.iter().enumerate() {
        c.refers(
            processes,
            "process",
            at(format!("processes[{j}]")),
            "processes",
            process,
        );
    }
    for (j, person) in plan.distribution.iter().enumerate() {
        c.refers(
            people,
            "person",
            at(format!("distribution[{j}]")),
            "distribution",
            person,
        );
    }
    for (j, revision) in plan.revisions.iter().enumerate() {
        c.refers(
            people,
            "person",
            at(format!("revisions[{j}].author")),
            "author",
            &revision.author,
        );
    }
}

pub(crate) fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
}
