//! The domain model: what continuity managers work with, per site.
//!
//! These types are at once the in-memory model and the plan-file format (see `planfile`), so
//! the two can never drift apart; the JSON Schema in `plans/schema/` is generated from them and
//! a test keeps it in sync. Every struct rejects unknown fields, so a typo such as `"rtoo"` in a
//! plan file is an error and not silently lost data. Optional values are left out of the files
//! when absent, and lists are kept in the order the author wrote them.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::span::Span;

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

// ---------------------------------------------------------------------------------------------
// Portfolio catalogues (shared by every site)
// ---------------------------------------------------------------------------------------------

/// A region sites roll up to (Americas, EMEA, APAC…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub id: String,
    pub name: String,
}

/// A recovery role a plan may require (incident commander, IT recovery lead…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    pub name: String,
    /// Critical roles count towards the "too many critical roles for one person" check.
    #[serde(default, skip_serializing_if = "is_false")]
    #[ts(as = "Option<bool>", optional)]
    pub critical: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub description: String,
}

/// A training course, how long a completion stays valid, and the roles that require it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Course {
    pub id: String,
    pub name: String,
    /// Months a completion stays valid; absent means it never expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub validity_months: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub required_for_roles: Vec<String>,
}

// ---------------------------------------------------------------------------------------------
// Site and people
// ---------------------------------------------------------------------------------------------

/// A location of the enterprise: an office, plant or data centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Stable slug, e.g. `tokyo`; used in file names and on the command line.
    pub id: String,
    /// Display name in any script, e.g. `東京` or `São Paulo`.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code, e.g. `JP`.
    pub country: String,
    /// Id of a region in the portfolio file.
    pub region: String,
    pub city: String,
    pub latitude: f64,
    pub longitude: f64,
    /// IANA time zone, e.g. `Asia/Tokyo`.
    pub time_zone: String,
    /// Criticality tier, 1 (most critical) to 4.
    pub tier: u8,
    pub headcount: u32,
    /// Person id of the site lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lead: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    /// What the number is: mobile, office, home, satellite…
    pub label: String,
    pub number: String,
}

/// Someone who works at a site (their home site is the site of the file that lists them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub email: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Phone>>", optional)]
    pub phones: Vec<Phone>,
    /// People who left stay on file until their assignments are handed over.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    #[ts(as = "Option<bool>", optional)]
    pub active: bool,
}

// ---------------------------------------------------------------------------------------------
// Business impact analysis
// ---------------------------------------------------------------------------------------------

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Criticality {
    Critical,
    High,
    Medium,
    Low,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum DependencyKind {
    System,
    Supplier,
    Site,
    Process,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    pub kind: DependencyKind,
    /// The system, supplier, site id or process id depended on.
    pub name: String,
}

/// A business process with its recovery objectives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Process {
    pub id: String,
    pub name: String,
    /// Person id of the process owner.
    pub owner: String,
    pub criticality: Criticality,
    /// Recovery time objective.
    pub rto: Span,
    /// Recovery point objective (how much data may be lost).
    pub rpo: Span,
    /// Maximum tolerable period of disruption.
    pub mtpd: Span,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Dependency>>", optional)]
    pub dependencies: Vec<Dependency>,
    pub minimum_staff: u32,
}

// ---------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    BusinessContinuity,
    ItDisasterRecovery,
    CrisisCommunications,
    Pandemic,
    EmergencyResponse,
    SupplierContinuity,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Draft,
    InReview,
    Approved,
    Retired,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    LossOfSite,
    LossOfStaff,
    LossOfIt,
    LossOfSupplier,
    LossOfUtilities,
    Cyberattack,
    Pandemic,
    NaturalDisaster,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Respond,
    Recover,
    Restore,
}

/// A role the plan needs filled, and how many ranked alternates must stand behind the primary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct RequiredRole {
    pub role: String,
    pub alternates: u32,
}

/// A person in a plan role: rank 0 is the primary, 1.. the alternates in call order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    pub role: String,
    pub person: String,
    pub rank: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub phase: Phase,
    pub action: String,
    /// Role id responsible for the step.
    pub role: String,
    /// How long the step may take.
    pub target_time: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ResourceNeed {
    /// Matched against the site inventory's `kind`, e.g. `laptop`.
    pub kind: String,
    pub quantity: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Communication {
    pub audience: String,
    pub message: String,
    pub channel: String,
    /// When it goes out, e.g. "within 1h of activation".
    pub timing: String,
    /// Role id responsible.
    pub role: String,
}

/// Where the team relocates when the site is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Relocation {
    pub alternate_site: String,
    pub address: String,
    pub seats: u32,
    /// How to get there.
    pub directions: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct VitalRecord {
    pub record: String,
    /// Where the copy is kept.
    pub copy_location: String,
    /// How to restore from the copy.
    pub restore: String,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    Supplier,
    Vendor,
    Utility,
    EmergencyService,
    Authority,
    Insurer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ExternalContact {
    pub kind: ContactKind,
    pub name: String,
    /// What they provide.
    pub service: String,
    /// 24/7 number.
    pub phone: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    pub version: String,
    pub date: NaiveDate,
    /// Person id of the author.
    pub author: String,
    pub summary: String,
}

/// A readiness plan of a site (BCP, IT DR, crisis communications…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub id: String,
    pub title: String,
    pub kind: PlanKind,
    /// Person id of the plan owner.
    pub owner: String,
    pub version: String,
    pub status: PlanStatus,
    /// Person id of the approver.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub approver: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub approved_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub last_reviewed: Option<NaiveDate>,
    pub review_interval_months: u32,
    pub purpose: String,
    pub scope: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub objectives: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub assumptions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Scenario>>", optional)]
    pub scenarios: Vec<Scenario>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub activation_criteria: Vec<String>,
    /// Role ids that may activate the plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub activated_by: Vec<String>,
    /// Role ids that may stand the plan down.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub stood_down_by: Vec<String>,
    /// Process ids of this site the plan recovers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub processes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<RequiredRole>>", optional)]
    pub roles: Vec<RequiredRole>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Assignment>>", optional)]
    pub assignments: Vec<Assignment>,
    /// In the order they are carried out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Step>>", optional)]
    pub steps: Vec<Step>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<ResourceNeed>>", optional)]
    pub resources: Vec<ResourceNeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Communication>>", optional)]
    pub communications: Vec<Communication>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub relocation: Option<Relocation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<VitalRecord>>", optional)]
    pub vital_records: Vec<VitalRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<ExternalContact>>", optional)]
    pub contacts: Vec<ExternalContact>,
    /// Person ids of the holders of a copy.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub distribution: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Revision>>", optional)]
    pub revisions: Vec<Revision>,
    /// The next version being written while this approved one stays in force ("Revise"): a
    /// whole plan with the same id, its status `draft` or `in_review`, without a draft of its
    /// own. Runbooks and readiness use the plan in force; approving the draft replaces it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub draft: Option<Box<Plan>>,
}

// ---------------------------------------------------------------------------------------------
// Inventory, training, exercises
// ---------------------------------------------------------------------------------------------

/// Resources the site holds for recovery (seats, laptops, generators…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct InventoryItem {
    pub kind: String,
    pub quantity: u32,
    pub location: String,
}

/// A person completed a course on a date; expiry follows from the course's validity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct TrainingRecord {
    pub person: String,
    pub course: String,
    pub completed: NaiveDate,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum ExerciseKind {
    Walkthrough,
    Tabletop,
    Simulation,
    FullInterruption,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Passed,
    PassedWithFindings,
    Failed,
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
}

/// What an exercise showed for one plan: the recovery time achieved, held against the RTO.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ExerciseResult {
    pub plan: String,
    pub recovery_time: Span,
}

/// A finding of an exercise and its corrective action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub id: String,
    pub description: String,
    pub severity: Severity,
    /// The corrective action.
    pub action: String,
    /// Person id owning the corrective action.
    pub owner: String,
    pub due: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub closed: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    pub kind: ExerciseKind,
    /// Plan ids exercised.
    pub plans: Vec<String>,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub summary: String,
    /// Person ids of the people who took part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub participants: Vec<String>,
    /// The scenario played: what was assumed to have happened.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub scenario: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<ExerciseResult>>", optional)]
    pub results: Vec<ExerciseResult>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Finding>>", optional)]
    pub findings: Vec<Finding>,
}

// ---------------------------------------------------------------------------------------------
// Aggregates
// ---------------------------------------------------------------------------------------------

/// The plan-file format tag. A file of another format is refused, not guessed at.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, ts_rs::TS,
)]
pub enum Format {
    #[default]
    #[serde(rename = "continuum/1")]
    V1,
}

/// Everything known about one site: the content of one site file.
///
/// `written_for` is the date the file's content was written for. Only the first-start demo
/// load uses it (to move every date forward by the time since); a plain import keeps dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct SiteData {
    pub format: Format,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub written_for: Option<NaiveDate>,
    pub site: Site,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub processes: Vec<Process>,
    #[serde(default)]
    pub plans: Vec<Plan>,
    #[serde(default)]
    pub inventory: Vec<InventoryItem>,
    #[serde(default)]
    pub training: Vec<TrainingRecord>,
    #[serde(default)]
    pub exercises: Vec<Exercise>,
}

/// The portfolio file: the enterprise and the shared catalogues every site refers to.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct Portfolio {
    pub format: Format,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub written_for: Option<NaiveDate>,
    /// The enterprise's name, shown on reports.
    pub name: String,
    #[serde(default)]
    pub regions: Vec<Region>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub courses: Vec<Course>,
    /// How readiness is scored; left out, every rule takes its default (see docs/readiness.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub readiness: Option<ReadinessSettings>,
}

// ---------------------------------------------------------------------------------------------
// Readiness policy (in the portfolio file)
// ---------------------------------------------------------------------------------------------

/// The portfolio's readiness policy as written in the portfolio file. Every field is optional:
/// what is left out takes the default documented in docs/readiness.md, and what is written is
/// kept exactly as written (an export gives the same text back).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ReadinessSettings {
    /// Relative weight of each component in the overall score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub weights: Option<ReadinessWeights>,
    /// Overall score (0–100) from which a site is ready (default 85).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ready_at: Option<u8>,
    /// Overall score (0–100) from which a site is at risk rather than not ready (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub at_risk_at: Option<u8>,
    /// Score every component must reach for the site to be ready (default 80).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub component_floor: Option<u8>,
    /// Months within which every approved plan must have been exercised (default 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub exercise_interval_months: Option<u32>,
    /// Most distinct critical roles one person may be the primary for across a site's plans
    /// (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub max_critical_roles: Option<u32>,
    /// Role ids whose missing primary makes a site not ready (default `["incident-commander"]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub blocking_roles: Option<Vec<String>>,
    /// Kinds of approved plan whose recovery time must be proven in an exercise (default
    /// business continuity and IT disaster recovery).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub proof_required_for: Option<Vec<PlanKind>>,
    /// Points a component loses for each kind of gap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub points: Option<ReadinessPoints>,
}

/// Relative weights of the readiness components (defaults: plans 20, roles 20, training 15,
/// exercises 15, resources 10, recovery_proven 10, recovery_time 10).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ReadinessWeights {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub plans: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub roles: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub training: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub exercises: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub resources: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub recovery_proven: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub recovery_time: Option<u32>,
}

/// Points (out of a component's 100) that each gap costs. Defaults in docs/readiness.md.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct ReadinessPoints {
    /// A plan that is a draft or in review (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub plan_not_approved: Option<u32>,
    /// An approved plan past its review date (default 20)…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub review_overdue: Option<u32>,
    /// …plus this much per whole month overdue (default 5)…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub review_overdue_per_month: Option<u32>,
    /// …up to this much for one plan (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub review_overdue_max: Option<u32>,
    /// A required role with no (active) primary (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub missing_primary: Option<u32>,
    /// Each required alternate missing or inactive (default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub missing_alternate: Option<u32>,
    /// A person who is the primary for more critical roles than `max_critical_roles` (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub single_point_of_failure: Option<u32>,
    /// A primary without current training for a course the role requires (default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub training_primary: Option<u32>,
    /// An alternate (and nowhere primary) without current required training (default 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub training_alternate: Option<u32>,
    /// An approved plan not exercised within the interval, or never (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub exercise_overdue: Option<u32>,
    /// An open corrective action past its due date, by the finding's severity (defaults 50, 30,
    /// 15, 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub action_overdue_critical: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub action_overdue_high: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub action_overdue_medium: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub action_overdue_low: Option<u32>,
    /// The last exercise recovered slower than the plan's RTO (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub recovery_over_rto: Option<u32>,
    /// A plan that must prove its recovery time has no recorded result (default 25).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub recovery_unproven: Option<u32>,
    /// The recover-phase steps take longer than the plan's RTO (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub runbook_over_rto: Option<u32>,
}

/// One line of the site list: the site with the counts a portfolio overview shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SiteSummary {
    pub id: String,
    pub name: String,
    pub country: String,
    pub region: String,
    pub region_name: String,
    pub city: String,
    pub latitude: f64,
    pub longitude: f64,
    pub tier: u8,
    pub headcount: u32,
    pub plans: u32,
    pub people: u32,
}
