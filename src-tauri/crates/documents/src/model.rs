//! The plain-data models of the documents, built from the store: everything a runbook or a role
//! card shows, already looked up (names for ids), ordered (processes by RTO), computed (training
//! currency as of the generation date, running elapsed time, shortfalls, gaps) and worded. The
//! renderers only lay these out, so tests of what a document says are tests of these models.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use continuum_core::{
    DependencyKind, ExternalContact, Outcome, Person, Phase, Plan, PlanStatus, Portfolio,
    Relocation, SiteData, Span, Store, VitalRecord,
};

use crate::{Error, Result};
use continuum_core::views;

/// Training that expires within this many days is shown as "expiring".
pub use continuum_core::views::EXPIRING_DAYS;

/// What a runbook is for: one plan, or a site (all its approved plans), or the draft version
/// of a plan being revised (marked DRAFT, naming the version in force).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Site(String),
    Plan(String),
    Draft(String),
}

impl Target {
    /// A site id or a plan id, as typed on the command line.
    pub fn resolve(store: &Store, id: &str) -> Result<Target> {
        if store.site_ids()?.iter().any(|s| s == id) {
            return Ok(Target::Site(id.to_owned()));
        }
        match store.plan_site(id) {
            Ok(_) => Ok(Target::Plan(id.to_owned())),
            Err(continuum_core::Error::NotFound { .. }) => Err(Error::UnknownTarget(id.to_owned())),
            Err(e) => Err(e.into()),
        }
    }

    /// The draft version of this plan instead of the plan in force; a site has none.
    pub fn draft(self) -> Result<Target> {
        match self {
            Target::Plan(id) | Target::Draft(id) => Ok(Target::Draft(id)),
            Target::Site(id) => Err(Error::Invalid(format!(
                "{id:?} is a site: a draft runbook is of one plan (give a plan id)"
            ))),
        }
    }

    /// The id as given (used for default file names).
    pub fn id(&self) -> &str {
        match self {
            Target::Site(id) | Target::Plan(id) | Target::Draft(id) => id,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct SiteInfo {
    pub id: String,
    pub name: String,
    pub city: String,
    pub country: String,
    pub region: String,
    pub time_zone: String,
    pub tier: u8,
    pub headcount: u32,
    pub lead: Option<String>,
}

/// A person with the ways to reach them.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub id: String,
    pub name: String,
    pub title: String,
    pub email: String,
    /// (label, number), mobile first.
    pub phones: Vec<(String, String)>,
    pub active: bool,
}

impl Contact {
    fn from(p: &Person) -> Contact {
        let mut phones: Vec<(String, String)> = p
            .phones
            .iter()
            .map(|ph| (ph.label.clone(), ph.number.clone()))
            .collect();
        phones.sort_by_key(|(label, _)| {
            if label.eq_ignore_ascii_case("mobile") {
                0
            } else {
                1
            }
        });
        Contact {
            id: p.id.clone(),
            name: p.name.clone(),
            title: p.title.clone(),
            email: p.email.clone(),
            phones,
            active: p.active,
        }
    }

    /// The number to call first (mobile if there is one).
    pub fn first_phone(&self) -> Option<&str> {
        self.phones.first().map(|(_, n)| n.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Currency {
    /// Completed and valid (until the date, if the course expires).
    Current {
        until: Option<NaiveDate>,
    },
    /// Valid, but expires within [`EXPIRING_DAYS`].
    Expiring {
        until: NaiveDate,
    },
    Expired {
        on: NaiveDate,
    },
    Missing,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    pub course: String,
    pub currency: Currency,
}

impl Training {
    pub fn is_gap(&self) -> bool {
        matches!(self.currency, Currency::Expired { .. } | Currency::Missing)
    }
}

/// Looks things up by id in one site's data and the portfolio's catalogues.
struct Lookup<'a> {
    portfolio: &'a Portfolio,
    site: &'a SiteData,
    people: HashMap<&'a str, &'a Person>,
    generated: NaiveDate,
}

impl<'a> Lookup<'a> {
    fn new(portfolio: &'a Portfolio, site: &'a SiteData, generated: NaiveDate) -> Self {
        let people = site.people.iter().map(|p| (p.id.as_str(), p)).collect();
        Lookup {
            portfolio,
            site,
            people,
            generated,
        }
    }

    fn person_name(&self, id: &str) -> String {
        self.people
            .get(id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    }

    fn contact(&self, id: &str) -> Contact {
        match self.people.get(id) {
            Some(p) => Contact::from(p),
            None => Contact {
                id: id.to_owned(),
                name: id.to_owned(),
                title: String::new(),
                email: String::new(),
                phones: Vec::new(),
                active: false,
            },
        }
    }

    fn role_name(&self, id: &str) -> String {
        self.portfolio
            .roles
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| id.to_owned(), |r| r.name.clone())
    }

    fn process_name(&self, id: &str) -> String {
        self.site
            .processes
            .iter()
            .find(|p| p.id == id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    }

    /// Training currency of a person for the courses a role requires, as of the generation date.
    fn training(&self, person: &str, role: &str) -> Vec<Training> {
        // The core computes currency once for the app and the documents alike.
        views::training(self.portfolio, self.site, person, role, self.generated)
            .into_iter()
            .map(|c| Training {
                course: c.course_name,
                currency: match (c.currency, c.expires) {
                    (views::Currency::Missing, _) => Currency::Missing,
                    (views::Currency::Expired, Some(on)) => Currency::Expired { on },
                    (views::Currency::Expiring, Some(until)) => Currency::Expiring { until },
                    (_, until) => Currency::Current { until },
                },
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Runbook
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
pub struct RunbookModel {
    pub organisation: String,
    pub site: SiteInfo,
    pub generated: NaiveDate,
    /// `Some(plan id)` for a plan runbook (or of its draft version), `None` for a site runbook.
    pub plan_id: Option<String>,
    /// Printed across every page when the content is not approved ("DRAFT", "RETIRED").
    pub marking: Option<String>,
    pub plans: Vec<PlanModel>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanModel {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub version: String,
    pub status: String,
    pub approved: bool,
    pub owner: String,
    pub approver: Option<String>,
    pub approved_on: Option<NaiveDate>,
    pub last_reviewed: Option<NaiveDate>,
    pub next_review: Option<NaiveDate>,
    pub review_overdue: bool,
    pub purpose: String,
    pub scope: String,
    pub objectives: Vec<String>,
    pub assumptions: Vec<String>,
    pub scenarios: Vec<String>,
    pub activation_criteria: Vec<String>,
    /// Role names, each with the names of who holds it (primary first).
    pub activated_by: Vec<(String, Vec<String>)>,
    pub stood_down_by: Vec<(String, Vec<String>)>,
    /// Ordered by RTO, then criticality.
    pub processes: Vec<ProcessRow>,
    /// The shortest RTO of the plan's processes and the process it belongs to.
    pub shortest_rto: Option<(Span, String)>,
    pub roles: Vec<RoleEntry>,
    pub call_tree: Vec<CallLink>,
    pub steps: Vec<StepRow>,
    pub resources: Vec<ResourceRow>,
    pub relocation: Option<Relocation>,
    pub vital_records: Vec<VitalRecord>,
    pub communications: Vec<CommunicationRow>,
    pub contacts: Vec<ContactRow>,
    pub distribution: Vec<Contact>,
    pub exercises: Vec<ExerciseRow>,
    pub open_actions: Vec<ActionRow>,
    pub revisions: Vec<RevisionRow>,
    /// Set when this is the draft version of an approved plan: the version in force, which
    /// this one is not. `version` is then the one approval will give the draft.
    pub in_force: Option<InForce>,
}

/// The approved version of a plan that stays in force while its draft version is written.
#[derive(Debug, Clone, PartialEq)]
pub struct InForce {
    pub version: String,
    pub approver: Option<String>,
    pub approved_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProcessRow {
    pub name: String,
    pub owner: String,
    pub criticality: String,
    pub rto: Span,
    pub rpo: Span,
    pub mtpd: Span,
    pub dependencies: Vec<String>,
    pub minimum_staff: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    /// 0 = primary, 1.. = alternates in call order.
    pub rank: u32,
    pub contact: Contact,
    pub training: Vec<Training>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoleEntry {
    pub id: String,
    pub name: String,
    pub description: String,
    pub critical: bool,
    pub required_alternates: u32,
    /// Primary first, then alternates by rank.
    pub holders: Vec<Holder>,
    /// What is wrong with the cover of this role, worded for the reader; empty when none.
    pub gaps: Vec<String>,
}

impl RoleEntry {
    /// Who acts in the role now: the first active holder.
    pub fn acting(&self) -> Option<&Holder> {
        self.holders.iter().find(|h| h.contact.active)
    }
}

/// One caller and the people they call, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct CallLink {
    pub caller_role: String,
    pub caller: Option<Contact>,
    /// (role name, rank, contact)
    pub calls: Vec<(String, u32, Contact)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StepRow {
    pub number: usize,
    pub phase: Phase,
    pub action: String,
    pub role_id: String,
    pub role: String,
    /// The name of who acts in the role (first active holder), if anyone.
    pub who: Option<String>,
    pub target: Span,
    /// Sum of the target times up to and including this step, from activation.
    pub elapsed: Span,
    /// The elapsed time passes the shortest RTO during respond or recover.
    pub beyond_rto: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResourceRow {
    pub kind: String,
    pub required: u32,
    pub held: u32,
    pub locations: Vec<String>,
}

impl ResourceRow {
    pub fn shortfall(&self) -> u32 {
        self.required.saturating_sub(self.held)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CommunicationRow {
    pub audience: String,
    pub message: String,
    pub channel: String,
    pub timing: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContactRow {
    pub kind: String,
    pub name: String,
    pub service: String,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseRow {
    pub date: NaiveDate,
    pub title: String,
    pub kind: String,
    pub outcome: String,
    pub passed: bool,
    /// Recovery time achieved for this plan, and whether it was within the shortest RTO.
    pub recovery_time: Option<Span>,
    pub within_rto: Option<bool>,
    pub summary: String,
    pub findings: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionRow {
    pub id: String,
    pub finding: String,
    pub severity: String,
    pub action: String,
    pub owner: String,
    pub due: NaiveDate,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RevisionRow {
    pub version: String,
    pub date: NaiveDate,
    pub author: String,
    pub summary: String,
}

/// A running time from activation as hours and minutes ("45m", "3h 05m", "26h 10m"): easier
/// to hold against a clock than "1day 2h 10m".
pub fn clock(span: Span) -> String {
    let m = span.minutes();
    if m < 60 {
        format!("{m}m")
    } else if m % 60 == 0 {
        format!("{}h", m / 60)
    } else {
        format!("{}h {:02}m", m / 60, m % 60)
    }
}

pub fn site_info(portfolio: &Portfolio, data: &SiteData) -> SiteInfo {
    let s = &data.site;
    SiteInfo {
        id: s.id.clone(),
        name: s.name.clone(),
        city: s.city.clone(),
        country: s.country.clone(),
        region: portfolio
            .regions
            .iter()
            .find(|r| r.id == s.region)
            .map_or_else(|| s.region.clone(), |r| r.name.clone()),
        time_zone: s.time_zone.clone(),
        tier: s.tier,
        headcount: s.headcount,
        lead: s.lead.as_ref().map(|id| {
            data.people
                .iter()
                .find(|p| &p.id == id)
                .map_or_else(|| id.clone(), |p| p.name.clone())
        }),
    }
}

/// The plans a site document covers: the approved ones, or (if none is approved) the drafts and
/// plans in review, which then carry the DRAFT marking.
pub fn site_plans(data: &SiteData) -> (Vec<&Plan>, Option<String>) {
    let approved: Vec<&Plan> = data
        .plans
        .iter()
        .filter(|p| p.status == PlanStatus::Approved)
        .collect();
    if !approved.is_empty() {
        return (approved, None);
    }
    let drafts: Vec<&Plan> = data
        .plans
        .iter()
        .filter(|p| matches!(p.status, PlanStatus::Draft | PlanStatus::InReview))
        .collect();
    (drafts, Some("DRAFT".to_owned()))
}

impl RunbookModel {
    pub fn build(store: &Store, target: &Target, generated: NaiveDate) -> Result<RunbookModel> {
        let portfolio = store.portfolio()?;
        let (site_id, plan_id) = match target {
            Target::Site(id) => (id.clone(), None),
            Target::Plan(id) | Target::Draft(id) => (store.plan_site(id)?, Some(id.clone())),
        };
        let data = store.site(&site_id)?;
        if let Target::Draft(id) = target {
            return Self::from_draft(&portfolio, &data, id, generated);
        }
        Ok(Self::from_data(
            &portfolio,
            &data,
            plan_id.as_deref(),
            generated,
        ))
    }

    /// The runbook of the draft version of plan `plan_id` (from data already loaded): marked
    /// DRAFT on every page, its title block naming the version in force. `not_found` if the
    /// plan has no draft version.
    pub fn from_draft(
        portfolio: &Portfolio,
        data: &SiteData,
        plan_id: &str,
        generated: NaiveDate,
    ) -> Result<RunbookModel> {
        let plan = data.plans.iter().find(|p| p.id == plan_id).ok_or_else(|| {
            continuum_core::Error::NotFound {
                kind: "plan",
                id: plan_id.to_owned(),
            }
        })?;
        let draft = plan
            .draft
            .as_deref()
            .ok_or_else(|| continuum_core::Error::NotFound {
                kind: "draft version of plan",
                id: plan_id.to_owned(),
            })?;
        let lookup = Lookup::new(portfolio, data, generated);
        let mut model = plan_model(&lookup, draft);
        model.version = continuum_core::store::lifecycle::next_version(&draft.version);
        model.in_force = Some(InForce {
            version: plan.version.clone(),
            approver: plan.approver.as_deref().map(|a| lookup.person_name(a)),
            approved_on: plan.approved_on,
        });
        Ok(RunbookModel {
            organisation: portfolio.name.clone(),
            site: site_info(portfolio, data),
            generated,
            plan_id: Some(plan_id.to_owned()),
            marking: Some("DRAFT".to_owned()),
            plans: vec![model],
        })
    }

    /// The model from data already loaded; `plan` picks one plan, `None` the site's plans.
    pub fn from_data(
        portfolio: &Portfolio,
        data: &SiteData,
        plan: Option<&str>,
        generated: NaiveDate,
    ) -> RunbookModel {
        let lookup = Lookup::new(portfolio, data, generated);
        let (plans, marking) = match plan {
            Some(id) => {
                let p: Vec<&Plan> = data.plans.iter().filter(|p| p.id == id).collect();
                let marking = p.first().and_then(|p| match p.status {
                    PlanStatus::Approved => None,
                    PlanStatus::Retired => Some("RETIRED".to_owned()),
                    PlanStatus::Draft | PlanStatus::InReview => Some("DRAFT".to_owned()),
                });
                (p, marking)
            }
            None => site_plans(data),
        };
        RunbookModel {
            organisation: portfolio.name.clone(),
            site: site_info(portfolio, data),
            generated,
            plan_id: plan.map(str::to_owned),
            marking,
            plans: plans.into_iter().map(|p| plan_model(&lookup, p)).collect(),
        }
    }
}

fn holders_of(lookup: &Lookup, plan: &Plan, role: &str) -> Vec<Holder> {
    let mut assigned: Vec<_> = plan.assignments.iter().filter(|a| a.role == role).collect();
    assigned.sort_by_key(|a| a.rank);
    assigned
        .into_iter()
        .map(|a| Holder {
            rank: a.rank,
            contact: lookup.contact(&a.person),
            training: lookup.training(&a.person, role),
        })
        .collect()
}

fn rank_label(rank: u32) -> String {
    if rank == 0 {
        "primary".to_owned()
    } else {
        format!("alternate {rank}")
    }
}

fn role_entry(lookup: &Lookup, plan: &Plan, role: &str, required_alternates: u32) -> RoleEntry {
    let catalogue = lookup.portfolio.roles.iter().find(|r| r.id == role);
    let holders = holders_of(lookup, plan, role);
    let mut gaps = Vec::new();
    if !holders.iter().any(|h| h.rank == 0) {
        gaps.push("No primary is assigned.".to_owned());
    }
    let alternates = holders
        .iter()
        .filter(|h| h.rank > 0 && h.contact.active)
        .count() as u32;
    if alternates < required_alternates {
        gaps.push(format!("The plan requires {required_alternates} alternate(s); {alternates} active alternate(s) assigned."));
    }
    for h in &holders {
        if !h.contact.active {
            gaps.push(format!(
                "{} ({}) has left and must be replaced.",
                h.contact.name,
                rank_label(h.rank)
            ));
        }
        for t in &h.training {
            match &t.currency {
                Currency::Expired { on } => {
                    gaps.push(format!("{}: {} expired on {on}.", h.contact.name, t.course))
                }
                Currency::Missing => {
                    gaps.push(format!("{}: {} not completed.", h.contact.name, t.course))
                }
                _ => {}
            }
        }
    }
    RoleEntry {
        id: role.to_owned(),
        name: lookup.role_name(role),
        description: catalogue.map(|r| r.description.clone()).unwrap_or_default(),
        critical: catalogue.is_some_and(|r| r.critical),
        required_alternates,
        holders,
        gaps,
    }
}

/// The call tree: the primary of the activating role calls the primary of every other role; each
/// primary then calls their own alternates, who stand by.
pub fn call_tree(roles: &[RoleEntry], root_role: Option<&str>) -> Vec<CallLink> {
    let root = root_role
        .and_then(|r| roles.iter().position(|e| e.id == r))
        .unwrap_or(0);
    let Some(root_entry) = roles.get(root) else {
        return Vec::new();
    };
    let mut links = Vec::new();
    let first_calls: Vec<(String, u32, Contact)> = roles
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != root)
        .filter_map(|(_, r)| {
            r.acting()
                .map(|h| (r.name.clone(), h.rank, h.contact.clone()))
        })
        .collect();
    links.push(CallLink {
        caller_role: root_entry.name.clone(),
        caller: root_entry.acting().map(|h| h.contact.clone()),
        calls: first_calls,
    });
    for (i, r) in roles.iter().enumerate() {
        let Some(acting) = r.acting() else { continue };
        let calls: Vec<(String, u32, Contact)> = r
            .holders
            .iter()
            .filter(|h| h.rank > acting.rank && h.contact.active)
            .map(|h| (r.name.clone(), h.rank, h.contact.clone()))
            .collect();
        if i == root {
            links[0].calls.extend(calls);
        } else if !calls.is_empty() {
            links.push(CallLink {
                caller_role: r.name.clone(),
                caller: Some(acting.contact.clone()),
                calls,
            });
        }
    }
    links
}

fn plan_model(lookup: &Lookup, plan: &Plan) -> PlanModel {
    let data = lookup.site;
    let generated = lookup.generated;

    let mut processes: Vec<ProcessRow> = Vec::new();
    let mut by_rto: Vec<_> = plan
        .processes
        .iter()
        .filter_map(|id| data.processes.iter().find(|p| &p.id == id))
        .collect();
    by_rto.sort_by(|a, b| (a.rto, a.criticality, &a.name).cmp(&(b.rto, b.criticality, &b.name)));
    for p in &by_rto {
        processes.push(ProcessRow {
            name: p.name.clone(),
            owner: lookup.person_name(&p.owner),
            criticality: p.criticality.label().to_owned(),
            rto: p.rto,
            rpo: p.rpo,
            mtpd: p.mtpd,
            dependencies: p
                .dependencies
                .iter()
                .map(|d| match d.kind {
                    DependencyKind::System => format!("System: {}", d.name),
                    DependencyKind::Supplier => format!("Supplier: {}", d.name),
                    DependencyKind::Site => format!("Site: {}", d.name),
                    DependencyKind::Process => format!("Process: {}", lookup.process_name(&d.name)),
                })
                .collect(),
            minimum_staff: p.minimum_staff,
        });
    }
    let shortest_rto = by_rto.first().map(|p| (p.rto, p.name.clone()));

    let roles: Vec<RoleEntry> = plan
        .roles
        .iter()
        .map(|r| role_entry(lookup, plan, &r.role, r.alternates))
        .collect();
    let call_tree = call_tree(&roles, plan.activated_by.first().map(String::as_str));
    let holders_names = |role: &String| -> (String, Vec<String>) {
        let names = holders_of(lookup, plan, role)
            .into_iter()
            .filter(|h| h.contact.active)
            .map(|h| h.contact.name)
            .collect();
        (lookup.role_name(role), names)
    };

    let mut elapsed = Span::from_minutes(0);
    let steps = plan
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            elapsed = Span::from_minutes(elapsed.minutes() + s.target_time.minutes());
            let who = roles
                .iter()
                .find(|r| r.id == s.role)
                .and_then(|r| r.acting())
                .map(|h| h.contact.name.clone());
            StepRow {
                number: i + 1,
                phase: s.phase,
                action: s.action.clone(),
                role_id: s.role.clone(),
                role: lookup.role_name(&s.role),
                who,
                target: s.target_time,
                elapsed,
                beyond_rto: s.phase != Phase::Restore
                    && shortest_rto.as_ref().is_some_and(|(rto, _)| elapsed > *rto),
            }
        })
        .collect();

    let resources = plan
        .resources
        .iter()
        .map(|need| {
            let items: Vec<_> = data
                .inventory
                .iter()
                .filter(|i| i.kind.eq_ignore_ascii_case(&need.kind))
                .collect();
            let mut locations: Vec<String> = Vec::new();
            for i in &items {
                if !locations.contains(&i.location) {
                    locations.push(i.location.clone());
                }
            }
            ResourceRow {
                kind: need.kind.clone(),
                required: need.quantity,
                held: items.iter().map(|i| i.quantity).sum(),
                locations,
            }
        })
        .collect();

    let mut exercises: Vec<ExerciseRow> = data
        .exercises
        .iter()
        .filter(|e| e.plans.iter().any(|p| p == &plan.id))
        .map(|e| {
            let recovery_time = e
                .results
                .iter()
                .find(|r| r.plan == plan.id)
                .map(|r| r.recovery_time);
            ExerciseRow {
                date: e.date,
                title: e.title.clone(),
                kind: e.kind.label().to_owned(),
                outcome: e.outcome.label().to_owned(),
                passed: e.outcome != Outcome::Failed,
                recovery_time,
                within_rto: recovery_time
                    .zip(shortest_rto.as_ref())
                    .map(|(t, (rto, _))| t <= *rto),
                summary: e.summary.clone(),
                findings: e.findings.len(),
            }
        })
        .collect();
    exercises.sort_by_key(|e| std::cmp::Reverse(e.date));
    let mut open_actions: Vec<ActionRow> = data
        .exercises
        .iter()
        .filter(|e| e.plans.iter().any(|p| p == &plan.id))
        .flat_map(|e| e.findings.iter())
        .filter(|f| f.closed.is_none())
        .map(|f| ActionRow {
            id: f.id.clone(),
            finding: f.description.clone(),
            severity: f.severity.label().to_owned(),
            action: f.action.clone(),
            owner: lookup.person_name(&f.owner),
            due: f.due,
            overdue: f.due < generated,
        })
        .collect();
    open_actions.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));

    let next_review = plan
        .last_reviewed
        .or(plan.approved_on)
        .and_then(|d| d.checked_add_months(Months::new(plan.review_interval_months)));

    PlanModel {
        id: plan.id.clone(),
        title: plan.title.clone(),
        kind: plan.kind.label().to_owned(),
        version: plan.version.clone(),
        status: plan.status.label().to_owned(),
        approved: plan.status == PlanStatus::Approved,
        owner: lookup.person_name(&plan.owner),
        approver: plan.approver.as_deref().map(|a| lookup.person_name(a)),
        approved_on: plan.approved_on,
        last_reviewed: plan.last_reviewed,
        next_review,
        review_overdue: next_review.is_some_and(|d| d < generated),
        purpose: plan.purpose.clone(),
        scope: plan.scope.clone(),
        objectives: plan.objectives.clone(),
        assumptions: plan.assumptions.clone(),
        scenarios: plan
            .scenarios
            .iter()
            .map(|s| s.label().to_owned())
            .collect(),
        activation_criteria: plan.activation_criteria.clone(),
        activated_by: plan.activated_by.iter().map(holders_names).collect(),
        stood_down_by: plan.stood_down_by.iter().map(holders_names).collect(),
        processes,
        shortest_rto,
        roles,
        call_tree,
        steps,
        resources,
        relocation: plan.relocation.clone(),
        vital_records: plan.vital_records.clone(),
        communications: plan
            .communications
            .iter()
            .map(|c| CommunicationRow {
                audience: c.audience.clone(),
                message: c.message.clone(),
                channel: c.channel.clone(),
                timing: c.timing.clone(),
                role: lookup.role_name(&c.role),
            })
            .collect(),
        contacts: plan.contacts.iter().map(contact_row).collect(),
        distribution: plan
            .distribution
            .iter()
            .map(|id| lookup.contact(id))
            .collect(),
        exercises,
        open_actions,
        revisions: plan
            .revisions
            .iter()
            .map(|r| RevisionRow {
                version: r.version.clone(),
                date: r.date,
                author: lookup.person_name(&r.author),
                summary: r.summary.clone(),
            })
            .collect(),
        in_force: None,
    }
}

fn contact_row(c: &ExternalContact) -> ContactRow {
    ContactRow {
        kind: c.kind.label().to_owned(),
        name: c.name.clone(),
        service: c.service.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
    }
}

// ---------------------------------------------------------------------------------------------
// Role cards
// ---------------------------------------------------------------------------------------------

/// How many of a role's steps a card lists.
pub const FIRST_STEPS: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct CardsModel {
    pub organisation: String,
    pub site: SiteInfo,
    pub generated: NaiveDate,
    pub marking: Option<String>,
    /// Where the team relocates (from the first plan that says).
    pub alternate: Option<Relocation>,
    pub cards: Vec<Card>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    pub person: Contact,
    pub roles: Vec<CardRole>,
}

/// One of a card's first steps: (step number, action, target time).
pub type FirstStep = (usize, String, Span);

/// A role a person holds, merged across the plans that give it to them.
#[derive(Debug, Clone, PartialEq)]
pub struct CardRole {
    pub role: String,
    pub rank: u32,
    /// Titles of the plans in which the person holds the role at this rank.
    pub plans: Vec<String>,
    /// The plan the first steps come from, and (step number, action, target time).
    pub first_steps: Option<(String, Vec<FirstStep>)>,
    /// Who this person calls when a plan is activated, in order: (role, name, phone).
    pub calls: Vec<(String, String, String)>,
    /// Who calls this person: (role, name, phone).
    pub called_by: Vec<(String, String, String)>,
}

impl CardsModel {
    pub fn build(store: &Store, site: &str, generated: NaiveDate) -> Result<CardsModel> {
        if !store.site_ids()?.iter().any(|s| s == site) {
            return Err(Error::UnknownTarget(site.to_owned()));
        }
        let portfolio = store.portfolio()?;
        let data = store.site(site)?;
        Ok(Self::from_data(&portfolio, &data, generated))
    }

    pub fn from_data(portfolio: &Portfolio, data: &SiteData, generated: NaiveDate) -> CardsModel {
        let runbook = RunbookModel::from_data(portfolio, data, None, generated);
        let phone = |c: &Contact| c.first_phone().unwrap_or("—").to_owned();
        let mut cards: Vec<Card> = Vec::new();
        for person in data.people.iter().filter(|p| p.active) {
            let mut roles: Vec<CardRole> = Vec::new();
            for plan in &runbook.plans {
                for entry in &plan.roles {
                    for holder in entry.holders.iter().filter(|h| h.contact.id == person.id) {
                        let mut calls = Vec::new();
                        let mut called_by = Vec::new();
                        for link in &plan.call_tree {
                            let caller_is_me =
                                link.caller.as_ref().is_some_and(|c| c.id == person.id)
                                    && link.caller_role == entry.name;
                            if caller_is_me {
                                calls.extend(
                                    link.calls.iter().map(|(role, _, c)| {
                                        (role.clone(), c.name.clone(), phone(c))
                                    }),
                                );
                            }
                            if link
                                .calls
                                .iter()
                                .any(|(role, _, c)| c.id == person.id && role == &entry.name)
                            {
                                if let Some(caller) = &link.caller {
                                    called_by.push((
                                        link.caller_role.clone(),
                                        caller.name.clone(),
                                        phone(caller),
                                    ));
                                }
                            }
                        }
                        let steps: Vec<(usize, String, Span)> = plan
                            .steps
                            .iter()
                            .filter(|s| s.role_id == entry.id)
                            .take(FIRST_STEPS)
                            .map(|s| (s.number, s.action.clone(), s.target))
                            .collect();
                        let i = match roles
                            .iter()
                            .position(|r| r.role == entry.name && r.rank == holder.rank)
                        {
                            Some(i) => i,
                            None => {
                                roles.push(CardRole {
                                    role: entry.name.clone(),
                                    rank: holder.rank,
                                    plans: Vec::new(),
                                    first_steps: None,
                                    calls: Vec::new(),
                                    called_by: Vec::new(),
                                });
                                roles.len() - 1
                            }
                        };
                        let r = &mut roles[i];
                        r.plans.push(plan.title.clone());
                        if r.first_steps.is_none() && !steps.is_empty() {
                            r.first_steps = Some((plan.title.clone(), steps));
                        }
                        for c in calls {
                            if !r.calls.contains(&c) {
                                r.calls.push(c);
                            }
                        }
                        for c in called_by {
                            if !r.called_by.contains(&c) {
                                r.called_by.push(c);
                            }
                        }
                    }
                }
            }
            if !roles.is_empty() {
                roles.sort_by_key(|r| r.rank);
                cards.push(Card {
                    person: Contact::from(person),
                    roles,
                });
            }
        }
        CardsModel {
            organisation: runbook.organisation,
            site: runbook.site,
            generated,
            marking: runbook.marking,
            alternate: runbook.plans.iter().find_map(|p| p.relocation.clone()),
            cards,
        }
    }
}
