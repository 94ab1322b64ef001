//! The readiness engine: for every site, as of any date, a score from 0 to 100 made of seven
//! components, a status band (ready, at risk, not ready), and the reasons behind both, written
//! for people and carrying structured data (component, severity, plan, people, due date) so the
//! app can link and sort them.
//!
//! This module is pure: no SQL, no store. The store depends on it, never the reverse: its
//! loader (`store/load.rs`) reads what the rules need and its methods (`Store::readiness`,
//! `Store::forecast`, `Store::record_snapshot`…) call the functions here. So there is no cycle
//! between `store` and `readiness`, and every rule can be tested without a database.
//!
//! How it works, and why:
//! - the store's loader reads everything the rules need for the whole portfolio in a fixed
//!   number of bulk queries (one per table, never one per site) into a plain-data [`input`]
//!   model; the same model can be built from plan-file types (`assess_portfolio`), which is
//!   what the property tests use.
//! - `rules` scores one site of that model for one date. It needs no database, so the forecast
//!   re-scores a site on every date something changes (a training record expiring, a review
//!   falling due…) at the cost of a few microseconds each.
//! - Each reason costs its component a number of points (the policy's `points`); a component
//!   is 100 minus what its reasons cost. The overall score is the weighted average of the
//!   components. Blockers cap a site at not ready whatever the average says, and a site is
//!   ready only if every component reaches the policy's floor.
//!
//! The rules, defaults and JSON shape are documented in docs/readiness.md.

mod forecast;
pub(crate) mod input;
mod policy;
mod rollup;
mod rules;
mod snapshots;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Portfolio, SiteData};
use crate::Result;
pub(crate) use input::Input;

pub use forecast::{BandDrop, EventKind, ForecastEvent, SiteForecast};
pub use policy::{Points, Policy};
pub(crate) use rollup::{rollup as rollup_of, RollupSite};
pub use rollup::{Counts, Gap, Group, Rollup};
pub use snapshots::{Snapshot, SnapshotSummary, Trend};

/// The version of the rules and of the output's shape. Bump it whenever a rule, a message or
/// a field of [`SiteReadiness`] changes: cached results carry it and are scored again.
pub const RULES_VERSION: u32 = 1;

/// How many reasons a site lists at its top level.
pub const TOP_REASONS: usize = 5;

/// A status band. Ordered from worst to best, so `a < b` means `a` is the lower band.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotReady,
    AtRisk,
    Ready,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotReady => "not_ready",
            Status::AtRisk => "at_risk",
            Status::Ready => "ready",
        }
    }

    /// For people: "ready", "at risk", "not ready".
    pub fn label(self) -> &'static str {
        match self {
            Status::NotReady => "not ready",
            Status::AtRisk => "at risk",
            Status::Ready => "ready",
        }
    }

    pub fn parse(text: &str) -> Option<Status> {
        match text {
            "not_ready" => Some(Status::NotReady),
            "at_risk" => Some(Status::AtRisk),
            "ready" => Some(Status::Ready),
            _ => None,
        }
    }
}

/// The seven components of a site's readiness, in the order they are listed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum ComponentName {
    Plans,
    Roles,
    Training,
    Exercises,
    Resources,
    RecoveryProven,
    RecoveryTime,
}

pub const COMPONENTS: [ComponentName; 7] = [
    ComponentName::Plans,
    ComponentName::Roles,
    ComponentName::Training,
    ComponentName::Exercises,
    ComponentName::Resources,
    ComponentName::RecoveryProven,
    ComponentName::RecoveryTime,
];

impl ComponentName {
    pub fn as_str(self) -> &'static str {
        match self {
            ComponentName::Plans => "plans",
            ComponentName::Roles => "roles",
            ComponentName::Training => "training",
            ComponentName::Exercises => "exercises",
            ComponentName::Resources => "resources",
            ComponentName::RecoveryProven => "recovery_proven",
            ComponentName::RecoveryTime => "recovery_time",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ComponentName::Plans => "Plans",
            ComponentName::Roles => "Roles",
            ComponentName::Training => "Training",
            ComponentName::Exercises => "Exercises",
            ComponentName::Resources => "Resources",
            ComponentName::RecoveryProven => "Recovery proven",
            ComponentName::RecoveryTime => "Recovery time",
        }
    }
}

/// How much a reason matters. `blocker` reasons cap the site at not ready.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Blocker,
    High,
    Medium,
    Low,
}

/// What kind of gap a reason reports: stable codes the app can branch and group on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCode {
    NoApprovedPlan,
    PlanNotApproved,
    ReviewOverdue,
    PrimaryMissing,
    AlternateMissing,
    InactiveAssignee,
    SinglePointOfFailure,
    TrainingExpired,
    TrainingMissing,
    ExerciseOverdue,
    ActionOverdue,
    ResourceShort,
    RecoveryOverRto,
    RecoveryUnproven,
    RunbookOverRto,
}

impl ReasonCode {
    /// A short name for the gap, as roll-ups list it.
    pub fn label(self) -> &'static str {
        match self {
            ReasonCode::NoApprovedPlan => "No approved plan",
            ReasonCode::PlanNotApproved => "Plans not yet approved",
            ReasonCode::ReviewOverdue => "Plan reviews overdue",
            ReasonCode::PrimaryMissing => "Roles without a primary",
            ReasonCode::AlternateMissing => "Roles short of alternates",
            ReasonCode::InactiveAssignee => "Inactive people in roles",
            ReasonCode::SinglePointOfFailure => "People holding too many critical roles",
            ReasonCode::TrainingExpired => "Expired training",
            ReasonCode::TrainingMissing => "Required training never completed",
            ReasonCode::ExerciseOverdue => "Plans not exercised in time",
            ReasonCode::ActionOverdue => "Overdue corrective actions",
            ReasonCode::ResourceShort => "Resources short of plan needs",
            ReasonCode::RecoveryOverRto => "Exercises recovering slower than the RTO",
            ReasonCode::RecoveryUnproven => "Recovery time never proven in an exercise",
            ReasonCode::RunbookOverRto => "Runbooks that cannot meet their RTO",
        }
    }
}

/// One finding of the engine: what lowered a component, in words and in data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Reason {
    pub component: ComponentName,
    pub code: ReasonCode,
    pub severity: Level,
    /// For people, e.g. "Plan Munich IT Disaster Recovery Plan last reviewed 2025-06-01, review
    /// due every 12 months: 5 months overdue".
    pub message: String,
    /// Points the component lost for this reason.
    pub points: u32,
    /// Points of the overall score lost for this reason (points × weight ÷ total weight).
    pub impact: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub plan_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub role_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub person_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub course_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub exercise_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub finding_id: Option<String>,
    /// Resource kind, for `resource_short`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub resource: Option<String>,
    /// When it was (or is) due: review date, expiry, corrective-action due date…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub due: Option<NaiveDate>,
}

/// One component of a site's readiness.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Component {
    pub name: ComponentName,
    pub label: String,
    /// 0–100: 100 minus the points of its reasons.
    pub score: u8,
    pub weight: u32,
    /// Every reason that cost the component points, most costly first.
    pub reasons: Vec<Reason>,
}

/// The readiness of one site as of a date: the object the JSON output holds one of per site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SiteReadiness {
    pub site_id: String,
    pub site_name: String,
    pub region: String,
    pub region_name: String,
    pub tier: u8,
    pub headcount: u32,
    pub as_of: NaiveDate,
    /// 0–100: the weighted average of the components.
    pub score: u8,
    pub status: Status,
    /// Why the site is in its band, in one sentence.
    pub status_reason: String,
    pub components: Vec<Component>,
    /// The reasons that matter most (blockers first, then by impact), at most [`TOP_REASONS`].
    pub reasons: Vec<Reason>,
    /// The reasons that cap the site at not ready.
    pub blockers: Vec<Reason>,
}

impl SiteReadiness {
    pub fn component(&self, name: ComponentName) -> &Component {
        &self.components[name as usize]
    }
}

/// Latest completion per person (index into `Input::people`) of each course a role requires:
/// what the store's loader reads separately from the rest (see [`assess_overlapped`]).
pub(crate) type Training = Vec<Vec<(u16, NaiveDate)>>;

/// Readiness of every site of a model that holds everything but the training completions,
/// which `read_training` supplies (on this thread: it reads the database).
///
/// While this thread reads the training records (the biggest table by far), another scores
/// every component but training, and this one joins in when its reading is done; then both
/// finish the sites. The result is the same as [`assess_input`] on the complete model.
pub(crate) fn assess_overlapped(
    mut input: Input,
    as_of: NaiveDate,
    policy: &Policy,
    read_training: impl FnOnce(&Input) -> Result<Training>,
) -> Result<Vec<SiteReadiness>> {
    let sites = input.sites.len();
    let skip = Some(ComponentName::Training);
    let next = std::sync::atomic::AtomicUsize::new(0);
    // Scores sites not yet taken, a few at a time, until none is left.
    let score = |input: &Input| {
        // Room for every site: growing this list of (large) partial results copied them.
        let mut done = Vec::with_capacity(sites);
        loop {
            let start = next.fetch_add(16, std::sync::atomic::Ordering::Relaxed);
            if start >= sites {
                return done;
            }
            for s in start..(start + 16).min(sites) {
                done.push((s, rules::components(input, s, as_of, policy, true, skip)));
            }
        }
    };
    let (training, mut partial) = std::thread::scope(|scope| {
        let input = &input;
        let helper = scope.spawn(|| score(input));
        let training = read_training(input);
        let mut partial = score(input);
        partial.extend(helper.join().expect("scoring a site does not panic"));
        (training, partial)
    });
    input.attach(training?);
    partial.sort_unstable_by_key(|(s, _)| *s);
    let input = &input;
    Ok(parallel(partial, |_, (site, mut reasons)| {
        let training = ComponentName::Training;
        reasons[training as usize] = rules::component(input, site, as_of, policy, true, training);
        rules::assemble(input, site, as_of, policy, reasons)
    }))
}

/// Readiness of every site of a complete model, in its order.
pub(crate) fn assess_input(input: &Input, as_of: NaiveDate, policy: &Policy) -> Vec<SiteReadiness> {
    let sites: Vec<usize> = (0..input.sites.len()).collect();
    parallel(sites, |s, _| rules::assess(input, s, as_of, policy))
}

/// `f(i, item)` for every item, in order, spread over the machine's cores for big portfolios
/// (sites score independently from the model in memory).
pub(crate) fn parallel<T: Send, U: Send>(
    items: Vec<T>,
    f: impl Fn(usize, T) -> U + Sync,
) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .min(8);
    let n = items.len();
    if threads < 2 || n < 64 {
        return items
            .into_iter()
            .enumerate()
            .map(|(i, t)| f(i, t))
            .collect();
    }
    let chunk = n.div_ceil(threads);
    let mut items = items.into_iter();
    let chunks: Vec<Vec<T>> = (0..n)
        .step_by(chunk)
        .map(|_| items.by_ref().take(chunk).collect())
        .collect();
    std::thread::scope(|scope| {
        let f = &f;
        let parts: Vec<_> = chunks
            .into_iter()
            .enumerate()
            .map(|(c, part)| {
                scope.spawn(move || {
                    let first = c * chunk;
                    part.into_iter()
                        .enumerate()
                        .map(|(i, t)| f(first + i, t))
                        .collect::<Vec<U>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().expect("scoring a site does not panic"))
            .collect()
    })
}

/// Readiness computed straight from plan-file data, without a store (what-if views, tests).
pub fn assess_portfolio(
    portfolio: &Portfolio,
    sites: &[SiteData],
    as_of: NaiveDate,
    policy: &Policy,
) -> Vec<SiteReadiness> {
    assess_input(&Input::from_model(portfolio, sites, as_of), as_of, policy)
}

/// What changes over the `days` after `as_of` if nobody acts, per site of a complete model,
/// and when each site would drop a band.
pub(crate) fn forecast_input(
    input: &Input,
    as_of: NaiveDate,
    days: u32,
    policy: &Policy,
) -> Vec<SiteForecast> {
    forecast::forecast(input, as_of, days, policy)
}

/// Roll-ups by region and worldwide, with the top gaps.
pub fn rollup(sites: &[SiteReadiness]) -> Rollup {
    rollup::rollup(sites)
}

#[cfg(test)]
mod tests;
