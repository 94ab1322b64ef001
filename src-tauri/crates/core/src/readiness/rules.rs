//! The rules: one site of the model, scored for one date. Every gap found becomes a [`Reason`]
//! that costs its component points; nothing else lowers a score, so every point lost is
//! explained.
//!
//! Date boundaries (tested on both sides):
//! - training completed on C for a course valid M months expires on C + M months: it is current
//!   up to the day before and expired from that day on;
//! - a plan review, an exercise or a corrective action due on D is on time on D and overdue from
//!   the day after.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, Months, NaiveDate};

use super::input::{Input, PersonIn, PlanIn, SiteIn};
use super::{
    Component, ComponentName, Level, Policy, Reason, ReasonCode, SiteReadiness, Status, COMPONENTS,
    TOP_REASONS,
};
use crate::model::{PlanStatus, Severity};
use crate::Span;

// -------------------------------------------------------------------------------------------
// Dates and words
// -------------------------------------------------------------------------------------------

pub(crate) fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// Whole months from `from` to `to` (0 if `to` is less than a month after).
pub(crate) fn whole_months(from: NaiveDate, to: NaiveDate) -> u32 {
    if to <= from {
        return 0;
    }
    let mut m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if m > 0 && add_months(from, m as u32) > to {
        m -= 1;
    }
    m.max(0) as u32
}

/// "5 months overdue", "1 month overdue", "12 days overdue".
pub(crate) fn overdue(due: NaiveDate, date: NaiveDate) -> String {
    match whole_months(due, date) {
        0 => plural((date - due).num_days(), "day") + " overdue",
        m => plural(i64::from(m), "month") + " overdue",
    }
}

pub(crate) fn plural(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

fn span(minutes: i64) -> String {
    Span::from_minutes(minutes).to_string()
}

/// How a plan is named in a sentence: its title if that already says "plan" ("Tokyo Business
/// Continuity Plan"), else "plan Tokyo BCP" (`Plan …` at the start of a sentence).
pub(crate) struct PlanRef<'a> {
    title: &'a str,
    start: bool,
}

pub(crate) fn plan_ref(title: &str, start: bool) -> PlanRef<'_> {
    PlanRef { title, start }
}

impl fmt::Display for PlanRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let named = self
            .title
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"plan"));
        match (named, self.start) {
            (true, _) => f.write_str(self.title),
            (false, true) => write!(f, "Plan {}", self.title),
            (false, false) => write!(f, "plan {}", self.title),
        }
    }
}

fn status_words(status: PlanStatus) -> &'static str {
    match status {
        PlanStatus::Draft => "a draft",
        PlanStatus::InReview => "in review",
        PlanStatus::Approved => "approved",
        PlanStatus::Retired => "retired",
    }
}

fn gone(who: &PersonIn) -> &'static str {
    if who.known {
        "is no longer active"
    } else {
        "is not on file"
    }
}

// -------------------------------------------------------------------------------------------
// Reasons
// -------------------------------------------------------------------------------------------

impl ReasonCode {
    /// The component a reason of this kind lowers.
    pub fn component(self) -> ComponentName {
        use ReasonCode::*;
        match self {
            NoApprovedPlan | PlanNotApproved | ReviewOverdue => ComponentName::Plans,
            PrimaryMissing | AlternateMissing | InactiveAssignee | SinglePointOfFailure => {
                ComponentName::Roles
            }
            TrainingExpired | TrainingMissing => ComponentName::Training,
            ExerciseOverdue | ActionOverdue => ComponentName::Exercises,
            ResourceShort => ComponentName::Resources,
            RecoveryOverRto | RecoveryUnproven => ComponentName::RecoveryProven,
            RunbookOverRto => ComponentName::RecoveryTime,
        }
    }
}

impl Reason {
    fn plan(mut self, plan: &PlanIn) -> Self {
        self.plan_id = Some(plan.id.clone());
        self
    }

    fn due(mut self, due: NaiveDate) -> Self {
        self.due = Some(due);
        self
    }

    fn person(mut self, person: &PersonIn) -> Self {
        self.person_ids.push(person.id.clone());
        self
    }
}

/// One site of the model on one date, as the rules see it.
struct Scoring<'a> {
    input: &'a Input,
    site: &'a SiteIn,
    date: NaiveDate,
    policy: &'a Policy,
    /// Whether to write messages (the forecast only needs the points).
    explain: bool,
}

impl Scoring<'_> {
    /// A reason with its message (written only if the words are wanted).
    fn reason(
        &self,
        code: ReasonCode,
        severity: Level,
        points: u32,
        message: impl FnOnce() -> String,
    ) -> Reason {
        Reason {
            component: code.component(),
            code,
            severity,
            message: if self.explain {
                message()
            } else {
                String::new()
            },
            points,
            impact: 0.0,
            plan_id: None,
            role_id: None,
            person_ids: Vec::new(),
            course_id: None,
            exercise_id: None,
            finding_id: None,
            resource: None,
            due: None,
        }
    }

    fn plans(&self) -> impl Iterator<Item = &PlanIn> + '_ {
        self.site
            .plans
            .iter()
            .map(|&i| &self.input.plans[i as usize])
    }

    fn approved(&self) -> impl Iterator<Item = &PlanIn> + '_ {
        self.plans().filter(|p| p.status == PlanStatus::Approved)
    }

    fn person(&self, i: u32) -> &PersonIn {
        &self.input.people[i as usize]
    }
}

// -------------------------------------------------------------------------------------------
// The seven components
// -------------------------------------------------------------------------------------------

/// Plans: at least one approved plan (else a blocker); drafts and plans in review count
/// against the site; approved plans reviewed within their interval.
fn plans(s: &Scoring, out: &mut Vec<Reason>) {
    let pts = &s.policy.points;
    let unapproved: Vec<&PlanIn> = s
        .plans()
        .filter(|p| p.status != PlanStatus::Approved)
        .collect();
    if s.approved().next().is_none() {
        out.push(
            s.reason(ReasonCode::NoApprovedPlan, Level::Blocker, 100, || {
                if unapproved.is_empty() {
                    return "No approved plan: the site has no plan at all".to_owned();
                }
                let list: Vec<String> = unapproved
                    .iter()
                    .map(|p| format!("{} is {}", p.title, status_words(p.status)))
                    .collect();
                format!("No approved plan: {}", list.join(", "))
            }),
        );
    } else {
        for p in unapproved {
            let r = s.reason(
                ReasonCode::PlanNotApproved,
                Level::Medium,
                pts.plan_not_approved,
                || {
                    format!(
                        "{} is {}, not yet approved",
                        plan_ref(&p.title, true),
                        status_words(p.status)
                    )
                },
            );
            out.push(r.plan(p));
        }
    }
    for p in s.approved() {
        let Some((reference, due)) = review_due(p, s.date) else {
            continue;
        };
        if s.date <= due {
            continue;
        }
        let points = (pts.review_overdue
            + pts.review_overdue_per_month * whole_months(due, s.date))
        .min(pts.review_overdue_max.max(pts.review_overdue));
        let r = s.reason(ReasonCode::ReviewOverdue, Level::High, points, || {
            let what = if p.last_reviewed == Some(reference) {
                format!("last reviewed {reference}")
            } else {
                format!("approved {reference} and not reviewed since")
            };
            format!(
                "{} {what}, review due every {}: {}",
                plan_ref(&p.title, true),
                plural(i64::from(p.review_interval_months), "month"),
                overdue(due, s.date)
            )
        });
        out.push(r.plan(p).due(due));
    }
}

/// Roles: every required role has an active primary and its number of active alternates;
/// nobody is the primary for more distinct critical roles across the site's plans than the
/// policy allows.
fn roles(s: &Scoring, out: &mut Vec<Reason>) {
    let pts = &s.policy.points;
    let present = |who: &PersonIn| who.active && who.known;
    // (person, role) for every critical role someone is the primary for.
    let mut critical: Vec<(u32, u16)> = Vec::new();
    for p in s.plans() {
        for req in &p.roles {
            let role = &s.input.roles[req.role as usize];
            let about = |r: Reason| {
                let mut r = r.plan(p);
                r.role_id = Some(role.id.clone());
                r
            };
            let primary = req
                .assigned
                .iter()
                .find(|(rank, _)| *rank == 0)
                .map(|a| a.1);

            let level = if s.policy.blocking_roles.contains(&role.id) {
                Level::Blocker
            } else {
                Level::High
            };
            match primary.map(|i| (i, s.person(i))) {
                None => out.push(about(s.reason(
                    ReasonCode::PrimaryMissing,
                    level,
                    pts.missing_primary,
                    || {
                        format!(
                            "{} for {} has no primary",
                            role.name,
                            plan_ref(&p.title, false)
                        )
                    },
                ))),
                Some((_, who)) if !present(who) => {
                    let r = s.reason(
                        ReasonCode::InactiveAssignee,
                        level,
                        pts.missing_primary,
                        || {
                            format!(
                                "{} for {}: the primary, {} ({}), {}",
                                role.name,
                                plan_ref(&p.title, false),
                                who.display(),
                                who.id,
                                gone(who)
                            )
                        },
                    );
                    out.push(about(r).person(who));
                }
                // Only primaries count towards a single point of failure: an alternate is a
                // backup, and adding one never makes a site less ready.
                Some((i, _)) if role.critical => critical.push((i, req.role)),
                Some(_) => {}
            }

            // Alternates: ranks 1…, not the primary again.
            let alternates = || {
                req.assigned
                    .iter()
                    .copied()
                    .filter(|&(rank, i)| rank > 0 && Some(i) != primary)
            };
            let doubled = req
                .assigned
                .iter()
                .any(|&(rank, i)| rank > 0 && Some(i) == primary);
            let good = alternates().filter(|&(_, i)| present(s.person(i))).count() as u32;
            let mut missing = req.alternates.saturating_sub(good);
            // A shortfall is first put down to the inactive people holding the slots, by rank.
            let mut after = 0;
            while missing > 0 {
                let Some((rank, i)) = alternates()
                    .filter(|&(rank, i)| rank > after && !present(s.person(i)))
                    .min_by_key(|&(rank, _)| rank)
                else {
                    break;
                };
                after = rank;
                missing -= 1;
                let who = s.person(i);
                let r = s.reason(
                    ReasonCode::InactiveAssignee,
                    Level::Medium,
                    pts.missing_alternate,
                    || {
                        format!(
                            "{} for {}: the alternate {} ({}) {}",
                            role.name,
                            plan_ref(&p.title, false),
                            who.display(),
                            who.id,
                            gone(who)
                        )
                    },
                );
                out.push(about(r).person(who));
            }
            if missing > 0 {
                let r = s.reason(
                    ReasonCode::AlternateMissing,
                    Level::Medium,
                    pts.missing_alternate * missing,
                    || {
                        let (role, plan, required) =
                            (&role.name, plan_ref(&p.title, false), req.alternates);
                        let mut text = match (good, required) {
                            (0, 1) => format!("{role} for {plan} has no alternate"),
                            (0, _) => {
                                format!("{role} for {plan} has no alternates ({required} required)")
                            }
                            _ => format!(
                                "{role} for {plan} has {good} of {required} required alternates"
                            ),
                        };
                        if doubled {
                            text.push_str(" (the primary is also listed as an alternate)");
                        }
                        text
                    },
                );
                out.push(about(r));
            }
        }
    }
    critical.sort_unstable();
    critical.dedup();
    for run in critical.chunk_by(|a, b| a.0 == b.0) {
        if run.len() as u32 <= s.policy.max_critical_roles {
            continue;
        }
        let who = s.person(run[0].0);
        let r = s.reason(
            ReasonCode::SinglePointOfFailure,
            Level::High,
            pts.single_point_of_failure,
            || {
                let names: Vec<&str> = run
                    .iter()
                    .map(|(_, r)| s.input.roles[*r as usize].name.as_str())
                    .collect();
                format!(
                    "{} ({}) is the primary for {} critical roles across this site's plans ({}); \
                     at most {} allowed: a single point of failure",
                    who.display(),
                    who.id,
                    run.len(),
                    names.join(", "),
                    s.policy.max_critical_roles
                )
            },
        );
        out.push(r.person(who));
    }
}

/// When a person's training for a course stops being current: `None` if they never completed
/// it, `Some(None)` if it never expires.
pub(crate) fn expiry(input: &Input, person: &PersonIn, course: u16) -> Option<Option<NaiveDate>> {
    let completed = person.completed(course)?;
    Some(
        input.courses[course as usize]
            .validity_months
            .map(|m| add_months(completed, m)),
    )
}

/// What a person in a role of the site must be trained in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Need {
    pub person: u32,
    pub course: u16,
    /// Whether the person is the primary of some role requiring the course.
    pub primary: bool,
    /// A role requiring it (one held as primary, if any).
    pub role: u16,
}

/// Every (person, course) the site's roles require of their active people.
pub(crate) fn training_needs(input: &Input, site: &SiteIn) -> Vec<Need> {
    let mut needs = Vec::new();
    for &p in &site.plans {
        for req in &input.plans[p as usize].roles {
            let role = &input.roles[req.role as usize];
            for &(rank, person) in &req.assigned {
                let who = &input.people[person as usize];
                if who.active && who.known {
                    needs.extend(role.courses.iter().map(|&course| Need {
                        person,
                        course,
                        primary: rank == 0,
                        role: req.role,
                    }));
                }
            }
        }
    }
    // Primary first within a (person, course), so the one kept names a role held as primary.
    needs.sort_unstable_by_key(|n| (n.person, n.course, !n.primary, n.role));
    needs.dedup_by_key(|n| (n.person, n.course));
    needs
}

/// Training: the people in a site's roles hold current training for every course their roles
/// require. One reason per course and kind (expired, never completed), naming everyone.
fn training(s: &Scoring, out: &mut Vec<Reason>) {
    let pts = &s.policy.points;
    let cost = |n: &Need| {
        if n.primary {
            pts.training_primary
        } else {
            pts.training_alternate
        }
    };
    let mut needs = training_needs(s.input, s.site);
    needs.sort_by_key(|n| (n.course, n.person));
    for group in needs.chunk_by(|a, b| a.course == b.course) {
        let course = &s.input.courses[group[0].course as usize];
        let mut expired: Vec<(Need, NaiveDate)> = Vec::new();
        let mut missing: Vec<Need> = Vec::new();
        for n in group {
            match expiry(s.input, s.person(n.person), n.course) {
                None => missing.push(*n),
                Some(Some(expires)) if s.date >= expires => expired.push((*n, expires)),
                Some(_) => {}
            }
        }
        let one = |n: &Need| {
            let who = s.person(n.person);
            format!(
                "{} ({}, {})",
                who.display(),
                who.id,
                s.input.roles[n.role as usize].name
            )
        };
        let level = |primary: bool| if primary { Level::High } else { Level::Medium };
        let people = |list: &mut dyn Iterator<Item = &Need>| -> Vec<String> {
            list.map(|n| s.person(n.person).id.clone()).collect()
        };
        if !expired.is_empty() {
            let earliest = expired.iter().map(|e| e.1).min().unwrap_or(s.date);
            let latest = expired.iter().map(|e| e.1).max().unwrap_or(s.date);
            let mut r = s.reason(
                ReasonCode::TrainingExpired,
                level(expired.iter().any(|e| e.0.primary)),
                expired.iter().map(|e| cost(&e.0)).sum(),
                || {
                    let when = if earliest == latest {
                        format!("expired {earliest}")
                    } else {
                        format!("expired {earliest} to {latest}")
                    };
                    match expired.as_slice() {
                        [(n, _)] => {
                            format!("{} has expired {} training ({when})", one(n), course.name)
                        }
                        _ => format!(
                            "{} of {} people in recovery roles have expired {} training ({when})",
                            expired.len(),
                            group.len(),
                            course.name
                        ),
                    }
                },
            );
            r.course_id = Some(course.id.clone());
            r.person_ids = people(&mut expired.iter().map(|e| &e.0));
            out.push(r.due(earliest));
        }
        if !missing.is_empty() {
            let mut r = s.reason(
                ReasonCode::TrainingMissing,
                level(missing.iter().any(|n| n.primary)),
                missing.iter().map(cost).sum(),
                || match missing.as_slice() {
                    [n] => format!("{} has never completed {} training", one(n), course.name),
                    _ => format!(
                        "{} of {} people in recovery roles have never completed {} training",
                        missing.len(),
                        group.len(),
                        course.name
                    ),
                },
            );
            r.course_id = Some(course.id.clone());
            r.person_ids = people(&mut missing.iter());
            out.push(r);
        }
    }
}

/// The day after which an approved plan's next exercise is overdue, and whether that counts
/// from an exercise (`true`) or, never exercised, from the plan's approval (`false`).
pub(crate) fn exercise_due(
    plan: &PlanIn,
    date: NaiveDate,
    months: u32,
) -> Option<(NaiveDate, bool)> {
    match &plan.last_exercise {
        Some(e) if e.date <= date => Some((add_months(e.date, months), true)),
        _ => plan
            .approved_on
            .filter(|d| *d <= date)
            .map(|d| (add_months(d, months), false)),
    }
}

/// An approved plan's last review (or approval, if later) as of `date`, and the day after which
/// the next review is overdue.
pub(crate) fn review_due(plan: &PlanIn, date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    if plan.status != PlanStatus::Approved || plan.review_interval_months == 0 {
        return None;
    }
    let reference = [plan.last_reviewed, plan.approved_on]
        .into_iter()
        .flatten()
        .filter(|d| *d <= date)
        .max()?;
    Some((
        reference,
        add_months(reference, plan.review_interval_months),
    ))
}

fn action_points(policy: &Policy, severity: Severity) -> u32 {
    let p = &policy.points;
    match severity {
        Severity::Critical => p.action_overdue_critical,
        Severity::High => p.action_overdue_high,
        Severity::Medium => p.action_overdue_medium,
        Severity::Low => p.action_overdue_low,
    }
}

/// Exercises: every approved plan exercised within the interval (counted from approval if
/// never); open corrective actions past their due date, by severity.
fn exercises(s: &Scoring, out: &mut Vec<Reason>) {
    let months = s.policy.exercise_interval_months;
    for p in s.approved() {
        let Some((due, exercised)) = exercise_due(p, s.date, months) else {
            continue;
        };
        if s.date <= due {
            continue;
        }
        let every = plural(i64::from(months), "month");
        let mut r = s.reason(
            ReasonCode::ExerciseOverdue,
            Level::High,
            s.policy.points.exercise_overdue,
            || match (&p.last_exercise, exercised) {
                (Some(e), true) => format!(
                    "{} last exercised {}, exercise due every {every}: {}",
                    plan_ref(&p.title, true),
                    e.date,
                    overdue(due, s.date)
                ),
                _ => format!(
                    "{} has not been exercised since its approval on {}, exercise due every \
                     {every}: {}",
                    plan_ref(&p.title, true),
                    p.approved_on.map(|d| d.to_string()).unwrap_or_default(),
                    overdue(due, s.date)
                ),
            },
        );
        if exercised {
            r.exercise_id = p.last_exercise.as_ref().map(|e| e.id.clone());
        }
        out.push(r.plan(p).due(due));
    }
    for f in &s.site.findings {
        if f.closed.is_some_and(|c| c <= s.date) || s.date <= f.due {
            continue;
        }
        let level = match f.severity {
            Severity::Critical | Severity::High => Level::High,
            Severity::Medium => Level::Medium,
            Severity::Low => Level::Low,
        };
        let mut r = s.reason(
            ReasonCode::ActionOverdue,
            level,
            action_points(s.policy, f.severity),
            || {
                format!(
                    "{}-severity corrective action {} (due {}): {}",
                    f.severity.label(),
                    overdue(f.due, s.date),
                    f.due,
                    f.action
                )
            },
        );
        r.finding_id = Some(f.id.clone());
        r.exercise_id = Some(f.exercise.id.clone());
        r.person_ids.push(f.owner.clone());
        out.push(r.due(f.due));
    }
}

/// Resources: for each kind, the largest need of any one plan against what the site holds.
fn resources(s: &Scoring, out: &mut Vec<Reason>) {
    let mut needs: Vec<(&str, u64, &PlanIn)> = Vec::new();
    for p in s.plans() {
        for (kind, quantity) in &p.resources {
            match needs.iter_mut().find(|n| n.0 == kind) {
                Some(n) if *quantity > n.1 => *n = (kind, *quantity, p),
                Some(_) => {}
                None => needs.push((kind, *quantity, p)),
            }
        }
    }
    for (kind, need, plan) in needs {
        let held = s
            .site
            .inventory
            .iter()
            .find(|(k, _)| k == kind)
            .map_or(0, |(_, q)| *q);
        if held >= need {
            continue;
        }
        let short = need - held;
        let level = if held == 0 {
            Level::High
        } else {
            Level::Medium
        };
        let points = (short * 100).div_ceil(need).clamp(1, 100) as u32;
        let mut r = s.reason(ReasonCode::ResourceShort, level, points, || {
            format!(
                "{} needs {need} × {kind}; the site holds {held} ({short} short)",
                plan_ref(&plan.title, true)
            )
        });
        r.resource = Some(kind.to_owned());
        out.push(r.plan(plan));
    }
}

/// Recovery proven: the last recovery time recorded in an exercise of each approved plan fits
/// the smallest RTO of its processes; plans of the kinds the policy names must have one.
fn recovery_proven(s: &Scoring, out: &mut Vec<Reason>) {
    let pts = &s.policy.points;
    for p in s.approved() {
        let Some((rto, process)) = &p.rto else {
            continue;
        };
        match p.last_result.as_ref().filter(|(e, _)| e.date <= s.date) {
            Some((e, minutes)) if minutes > rto => {
                let mut r = s.reason(
                    ReasonCode::RecoveryOverRto,
                    Level::High,
                    pts.recovery_over_rto,
                    || {
                        format!(
                            "{} recovered in {} in the exercise of {}, against an RTO of {} \
                             ({process}): {} over",
                            plan_ref(&p.title, true),
                            span(*minutes),
                            e.date,
                            span(*rto),
                            span(minutes - rto)
                        )
                    },
                );
                r.exercise_id = Some(e.id.clone());
                out.push(r.plan(p));
            }
            None if s.policy.proof_required_for.contains(&p.kind) => {
                let r = s.reason(
                    ReasonCode::RecoveryUnproven,
                    Level::Medium,
                    pts.recovery_unproven,
                    || {
                        format!(
                            "{} has no recovery time recorded in an exercise to prove its RTO of \
                             {} ({process})",
                            plan_ref(&p.title, true),
                            span(*rto)
                        )
                    },
                );
                out.push(r.plan(p));
            }
            _ => {}
        }
    }
}

/// Recovery time: the recover-phase steps of each plan add up to no more than the smallest RTO
/// of its processes.
fn recovery_time(s: &Scoring, out: &mut Vec<Reason>) {
    for p in s.plans() {
        let (Some((rto, process)), Some(total)) = (&p.rto, p.recover_minutes) else {
            continue;
        };
        if total <= *rto {
            continue;
        }
        let r = s.reason(
            ReasonCode::RunbookOverRto,
            Level::High,
            s.policy.points.runbook_over_rto,
            || {
                format!(
                    "The recover steps of {} add up to {}, more than its RTO of {} ({process}): \
                     the runbook cannot meet its RTO",
                    plan_ref(&p.title, false),
                    span(total),
                    span(*rto)
                )
            },
        );
        out.push(r.plan(p));
    }
}

// -------------------------------------------------------------------------------------------
// Scores and bands
// -------------------------------------------------------------------------------------------

/// The reasons of one component of a site for a date.
pub(crate) fn component(
    input: &Input,
    site: usize,
    date: NaiveDate,
    policy: &Policy,
    explain: bool,
    name: ComponentName,
) -> Vec<Reason> {
    let s = Scoring {
        input,
        site: &input.sites[site],
        date,
        policy,
        explain,
    };
    let rule: fn(&Scoring, &mut Vec<Reason>) = match name {
        ComponentName::Plans => plans,
        ComponentName::Roles => roles,
        ComponentName::Training => training,
        ComponentName::Exercises => exercises,
        ComponentName::Resources => resources,
        ComponentName::RecoveryProven => recovery_proven,
        ComponentName::RecoveryTime => recovery_time,
    };
    // Collected in a scratch list kept per thread, then moved once into a list of the exact
    // size: growing each component's list from empty re-copied its reasons (a couple of
    // hundred bytes each) at every doubling, into fresh memory, which showed as most of the
    // cache misses of a 2,000-site assessment.
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<Reason>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        scratch.clear();
        rule(&s, &mut scratch);
        let mut out = Vec::with_capacity(scratch.len());
        out.extend(scratch.drain(..));
        out
    })
}

/// The reasons of each component of a site for a date, in the order of [`COMPONENTS`]; the
/// component `skip`, if any, is left empty.
pub(crate) fn components(
    input: &Input,
    site: usize,
    date: NaiveDate,
    policy: &Policy,
    explain: bool,
    skip: Option<ComponentName>,
) -> [Vec<Reason>; 7] {
    std::array::from_fn(|i| match COMPONENTS[i] {
        name if Some(name) == skip => Vec::new(),
        name => component(input, site, date, policy, explain, name),
    })
}

fn component_score(reasons: &[Reason]) -> u8 {
    100 - reasons.iter().map(|r| r.points).sum::<u32>().min(100) as u8
}

/// The weighted average of the component scores.
fn overall(scores: &[u8; 7], policy: &Policy) -> u8 {
    let total = policy.total_weight();
    let sum: u32 = scores
        .iter()
        .zip(policy.weights)
        .map(|(s, w)| u32::from(*s) * w)
        .sum();
    ((sum + total / 2) / total) as u8
}

/// The band, and why (in words if `explain`).
fn band(
    score: u8,
    scores: &[u8; 7],
    blockers: &[&Reason],
    policy: &Policy,
    explain: bool,
) -> (Status, String) {
    let say = |f: &dyn Fn() -> String| if explain { f() } else { String::new() };
    if let Some(first) = blockers.first() {
        let more = match blockers.len() {
            1 => String::new(),
            n => format!(" (and {} more)", plural(n as i64 - 1, "blocker")),
        };
        return (
            Status::NotReady,
            say(&|| format!("Blocked: {}{more}", first.message)),
        );
    }
    if score < policy.at_risk_at {
        let why = say(&|| format!("Score {score} is below {}", policy.at_risk_at));
        return (Status::NotReady, why);
    }
    if score < policy.ready_at {
        let why = say(&|| {
            format!(
                "Score {score} is below the {} needed to be ready",
                policy.ready_at
            )
        });
        return (Status::AtRisk, why);
    }
    let weakest = COMPONENTS
        .iter()
        .filter(|c| policy.weight(**c) > 0)
        .min_by_key(|c| scores[**c as usize])
        .filter(|c| scores[**c as usize] < policy.component_floor);
    if let Some(c) = weakest {
        let why = say(&|| {
            format!(
                "{} scores {}, below the {} every component needs to be ready",
                c.label(),
                scores[*c as usize],
                policy.component_floor
            )
        });
        return (Status::AtRisk, why);
    }
    let why = say(&|| {
        format!(
            "Score {score}, and every component at {} or above",
            policy.component_floor
        )
    });
    (Status::Ready, why)
}

fn blockers(reasons: &[Vec<Reason>; 7]) -> Vec<&Reason> {
    reasons
        .iter()
        .flatten()
        .filter(|r| r.severity == Level::Blocker)
        .collect()
}

/// Score and band only, without words: what the forecast re-computes on each event date.
pub(crate) fn quick(input: &Input, site: usize, date: NaiveDate, policy: &Policy) -> (u8, Status) {
    let reasons = components(input, site, date, policy, false, None);
    let scores: [u8; 7] = std::array::from_fn(|i| component_score(&reasons[i]));
    let score = overall(&scores, policy);
    let (status, _) = band(score, &scores, &blockers(&reasons), policy, false);
    (score, status)
}

/// Costliest first, then the earliest due, then by message; then by every other field, so that
/// only reasons equal in everything compare equal: an unstable sort, which moves the (large)
/// reasons in place instead of through a scratch buffer, then gives the same order as a stable
/// one.
fn by_weight(a: &Reason, b: &Reason) -> Ordering {
    b.points
        .cmp(&a.points)
        .then_with(|| {
            let due = |r: &Reason| r.due.unwrap_or(NaiveDate::MAX);
            due(a).cmp(&due(b))
        })
        .then_with(|| a.message.cmp(&b.message))
        .then_with(|| a.plan_id.cmp(&b.plan_id))
        .then_with(|| {
            (a.code, a.severity, &a.role_id, &a.person_ids, &a.course_id).cmp(&(
                b.code,
                b.severity,
                &b.role_id,
                &b.person_ids,
                &b.course_id,
            ))
        })
        .then_with(|| {
            (&a.exercise_id, &a.finding_id, &a.resource, a.due).cmp(&(
                &b.exercise_id,
                &b.finding_id,
                &b.resource,
                b.due,
            ))
        })
}

/// The full readiness of a site for a date, with words.
pub(crate) fn assess(
    input: &Input,
    site: usize,
    date: NaiveDate,
    policy: &Policy,
) -> SiteReadiness {
    let reasons = components(input, site, date, policy, true, None);
    assemble(input, site, date, policy, reasons)
}

/// A site's readiness from the reasons of its components.
pub(crate) fn assemble(
    input: &Input,
    site: usize,
    date: NaiveDate,
    policy: &Policy,
    mut reasons: [Vec<Reason>; 7],
) -> SiteReadiness {
    let total = f64::from(policy.total_weight());
    for (c, list) in COMPONENTS.iter().zip(reasons.iter_mut()) {
        let weight = f64::from(policy.weight(*c));
        for r in list.iter_mut() {
            r.impact = (f64::from(r.points) * weight / total * 10.0).round() / 10.0;
        }
        list.sort_unstable_by(by_weight);
    }
    let scores: [u8; 7] = std::array::from_fn(|i| component_score(&reasons[i]));
    let score = overall(&scores, policy);
    let mut blocking = blockers(&reasons);
    blocking.sort_by(|a, b| by_weight(a, b));
    let (status, status_reason) = band(score, &scores, &blocking, policy, true);
    let blockers: Vec<Reason> = blocking.into_iter().cloned().collect();
    // Rank references, and copy only the top few.
    let rank = |a: &&Reason, b: &&Reason| {
        (a.severity != Level::Blocker)
            .cmp(&(b.severity != Level::Blocker))
            .then_with(|| b.impact.total_cmp(&a.impact))
            .then_with(|| a.component.cmp(&b.component))
            .then_with(|| by_weight(a, b))
    };
    let mut ranked: Vec<&Reason> = reasons.iter().flatten().collect();
    if ranked.len() > TOP_REASONS {
        ranked.select_nth_unstable_by(TOP_REASONS, rank);
        ranked.truncate(TOP_REASONS);
    }
    ranked.sort_by(rank);
    let top: Vec<Reason> = ranked.into_iter().cloned().collect();
    let s = &input.sites[site];
    SiteReadiness {
        site_id: s.id.clone(),
        site_name: s.name.clone(),
        region: s.region.clone(),
        region_name: s.region_name.clone(),
        tier: s.tier,
        headcount: s.headcount,
        as_of: date,
        score,
        status,
        status_reason,
        components: COMPONENTS
            .iter()
            .zip(reasons)
            .zip(scores)
            .map(|((c, reasons), score)| Component {
                name: *c,
                label: c.label().to_owned(),
                score,
                weight: policy.weight(*c),
                reasons,
            })
            .collect(),
        reasons: top,
        blockers,
    }
}
