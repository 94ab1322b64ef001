//! The forecast: what changes over the coming days if nobody acts, and the date each site would
//! drop a band.
//!
//! Nothing in the model changes between the events listed here (a training record expiring, a
//! review, exercise or corrective action falling overdue) except the months a review is overdue,
//! so a site is re-scored only on those dates and on each month a review stays overdue: a few
//! scorings per site, from the model already in memory, with no words written.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::input::Input;
use super::rules::{self, add_months, exercise_due, expiry, review_due, training_needs};
use super::{ComponentName, Policy, Status};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    TrainingExpires,
    ReviewOverdue,
    ExerciseOverdue,
    ActionOverdue,
}

/// Something that will happen on a date if nobody acts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ForecastEvent {
    pub date: NaiveDate,
    pub kind: EventKind,
    pub component: ComponentName,
    pub message: String,
    /// The site's score from that date on.
    pub score: u8,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub plan_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub person_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub course_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub finding_id: Option<String>,
}

/// A site falling from one band to a lower one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct BandDrop {
    pub date: NaiveDate,
    pub from: Status,
    pub to: Status,
    pub score: u8,
}

/// The forecast of one site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SiteForecast {
    pub site_id: String,
    pub site_name: String,
    pub region: String,
    /// The day assessed (today by default) and the last day forecast.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub score: u8,
    pub status: Status,
    pub end_score: u8,
    pub end_status: Status,
    /// The first date the site would drop a band, if it would.
    pub drops_on: Option<NaiveDate>,
    pub drops: Vec<BandDrop>,
    /// In date order.
    pub events: Vec<ForecastEvent>,
}

fn event(
    date: NaiveDate,
    kind: EventKind,
    component: ComponentName,
    message: String,
) -> ForecastEvent {
    ForecastEvent {
        date,
        kind,
        component,
        message,
        score: 0,
        status: Status::Ready,
        plan_id: None,
        person_ids: Vec::new(),
        course_id: None,
        finding_id: None,
    }
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).unwrap_or(d)
}

/// The events of one site in (from, to], and the extra dates its score may change on.
fn site_events(
    input: &Input,
    site: usize,
    from: NaiveDate,
    to: NaiveDate,
    policy: &Policy,
) -> (Vec<ForecastEvent>, Vec<NaiveDate>) {
    let s = &input.sites[site];
    let within = |d: NaiveDate| from < d && d <= to;
    let mut events = Vec::new();
    let mut dates = Vec::new();
    for need in training_needs(input, s) {
        let who = &input.people[need.person as usize];
        if let Some(Some(expires)) = expiry(input, who, need.course) {
            if within(expires) {
                let course = &input.courses[need.course as usize];
                let message = format!(
                    "{} ({}, {}): {} training expires",
                    who.display(),
                    who.id,
                    input.roles[need.role as usize].name,
                    course.name
                );
                let mut e = event(
                    expires,
                    EventKind::TrainingExpires,
                    ComponentName::Training,
                    message,
                );
                e.person_ids.push(who.id.clone());
                e.course_id = Some(course.id.clone());
                events.push(e);
            }
        }
    }
    for &p in &s.plans {
        let plan = &input.plans[p as usize];
        if let Some((_, due)) = review_due(plan, from) {
            let overdue = next_day(due);
            if within(overdue) {
                let message = format!(
                    "{}: review falls overdue (due {due})",
                    rules::plan_ref(&plan.title, true)
                );
                let mut e = event(
                    overdue,
                    EventKind::ReviewOverdue,
                    ComponentName::Plans,
                    message,
                );
                e.plan_id = Some(plan.id.clone());
                events.push(e);
            }
            // Each whole month overdue costs more.
            let mut m = 1;
            while add_months(due, m) <= to {
                if within(add_months(due, m)) {
                    dates.push(add_months(due, m));
                }
                m += 1;
            }
        }
        if plan.status == crate::model::PlanStatus::Approved {
            if let Some((due, exercised)) =
                exercise_due(plan, from, policy.exercise_interval_months)
            {
                let overdue = next_day(due);
                if within(overdue) {
                    let since = if exercised {
                        "last exercised"
                    } else {
                        "approved"
                    };
                    let last = if exercised {
                        plan.last_exercise.as_ref().map(|e| e.date)
                    } else {
                        plan.approved_on
                    };
                    let message = format!(
                        "{}: exercise falls overdue ({since} {}, due every {})",
                        rules::plan_ref(&plan.title, true),
                        last.map(|d| d.to_string()).unwrap_or_default(),
                        rules::plural(i64::from(policy.exercise_interval_months), "month")
                    );
                    let mut e = event(
                        overdue,
                        EventKind::ExerciseOverdue,
                        ComponentName::Exercises,
                        message,
                    );
                    e.plan_id = Some(plan.id.clone());
                    events.push(e);
                }
            }
        }
    }
    for f in &s.findings {
        let overdue = next_day(f.due);
        if within(overdue) && f.closed.is_none_or(|c| c >= overdue) {
            let message = format!(
                "Corrective action falls overdue (due {}): {}",
                f.due, f.action
            );
            let mut e = event(
                overdue,
                EventKind::ActionOverdue,
                ComponentName::Exercises,
                message,
            );
            e.finding_id = Some(f.id.clone());
            e.person_ids.push(f.owner.clone());
            events.push(e);
        }
    }
    events.sort_by(|a, b| (a.date, a.kind, &a.message).cmp(&(b.date, b.kind, &b.message)));
    (events, dates)
}

pub(crate) fn forecast(
    input: &Input,
    from: NaiveDate,
    days: u32,
    policy: &Policy,
) -> Vec<SiteForecast> {
    let to = from
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(from);
    let sites: Vec<usize> = (0..input.sites.len()).collect();
    super::parallel(sites, |site, _| {
        let (mut events, mut dates) = site_events(input, site, from, to, policy);
        dates.extend(events.iter().map(|e| e.date));
        dates.push(to);
        dates.sort_unstable();
        dates.dedup();
        let (score, status) = rules::quick(input, site, from, policy);
        let mut previous = status;
        let mut at = Vec::with_capacity(dates.len());
        let mut drops = Vec::new();
        for d in dates {
            let (score, status) = if d == from {
                (score, status)
            } else {
                rules::quick(input, site, d, policy)
            };
            if status < previous {
                drops.push(BandDrop {
                    date: d,
                    from: previous,
                    to: status,
                    score,
                });
            }
            previous = status;
            at.push((d, score, status));
        }
        for e in &mut events {
            if let Some((_, score, status)) = at.iter().find(|(d, ..)| *d == e.date) {
                e.score = *score;
                e.status = *status;
            }
        }
        let (_, end_score, end_status) = at.last().copied().unwrap_or((to, score, status));
        let s = &input.sites[site];
        SiteForecast {
            site_id: s.id.clone(),
            site_name: s.name.clone(),
            region: s.region.clone(),
            from,
            to,
            score,
            status,
            end_score,
            end_status,
            drops_on: drops.first().map(|d| d.date),
            drops,
            events,
        }
    })
}
