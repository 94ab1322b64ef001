//! Starting points for new plans: one template per plan kind, and a plan duplicated to another
//! site. Both give a draft that passes the import's checks as it stands, so it can be saved at
//! once and filled in later: people are the new site's (the owner only), roles come from the
//! portfolio's catalogue, and nothing refers to what the new site does not have.
//!
//! The templates follow the structure ISO 22301 §8.4 asks of a plan (purpose, scope,
//! objectives, activation, roles and authority, steps by phase, communications) with wording a
//! manager edits rather than writes from nothing.

use std::collections::HashSet;

use crate::model::*;
use crate::Span;

/// What a new plan needs besides its kind.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct NewPlan {
    pub kind: PlanKind,
    /// Id of the new plan (a slug unique in the portfolio).
    pub id: String,
    pub title: String,
    /// Person id of the owner, someone of the plan's site.
    pub owner: String,
}

/// One step of a template: its phase, what to do, the role (by catalogue id) and the target time.
type StepText = (Phase, &'static str, &'static str, &'static str);

struct Template {
    purpose: &'static str,
    scope: &'static str,
    objectives: &'static [&'static str],
    assumptions: &'static [&'static str],
    scenarios: &'static [Scenario],
    activation: &'static [&'static str],
    /// Required roles (catalogue ids) and the alternates each needs; the first one activates
    /// and stands the plan down.
    roles: &'static [(&'static str, u32)],
    steps: &'static [StepText],
    review_months: u32,
}

const BCP: Template = Template {
    purpose: "Keep the site's critical business processes running, or recover them within \
              their RTO, when the site, its people, its IT or a key supplier is lost.",
    scope: "All critical and high processes of the site, its people and its workspace.",
    objectives: &[
        "Account for every person on site within 1 hour",
        "Recover each critical process within its RTO",
        "Keep customers, staff and authorities informed",
    ],
    assumptions: &[
        "At least one member of each recovery role can be reached",
        "The alternate site named under relocation is available",
    ],
    scenarios: &[
        Scenario::LossOfSite,
        Scenario::LossOfStaff,
        Scenario::LossOfIt,
        Scenario::LossOfSupplier,
    ],
    activation: &[
        "The site is inaccessible or unsafe for more than 2 hours",
        "A critical process is down and will not be restored within its RTO",
    ],
    roles: &[
        ("incident-commander", 2),
        ("business-recovery-coordinator", 1),
        ("communications-lead", 1),
        ("facilities-lead", 1),
    ],
    steps: &[
        (
            Phase::Respond,
            "Account for all staff and visitors; call emergency services if anyone is hurt",
            "incident-commander",
            "30m",
        ),
        (
            Phase::Respond,
            "Assess the impact and decide whether to activate this plan",
            "incident-commander",
            "30m",
        ),
        (
            Phase::Respond,
            "Inform staff, leadership and key customers",
            "communications-lead",
            "1h",
        ),
        (
            Phase::Recover,
            "Move critical teams to the alternate site or to remote work",
            "facilities-lead",
            "4h",
        ),
        (
            Phase::Recover,
            "Restart critical processes in priority order",
            "business-recovery-coordinator",
            "4h",
        ),
        (
            Phase::Restore,
            "Return to the site and normal operations; hand back the alternate site",
            "facilities-lead",
            "2days",
        ),
    ],
    review_months: 12,
};

const IT_DR: Template = Template {
    purpose: "Restore the site's IT services and data within the RTO and RPO of the processes \
              that depend on them.",
    scope: "Systems, networks and data the site's critical processes depend on.",
    objectives: &[
        "Restore critical systems within their RTO",
        "Lose no more data than each process's RPO allows",
    ],
    assumptions: &[
        "Backups are current and restorable at the recovery location",
        "Recovery staff can reach the recovery location or work remotely",
    ],
    scenarios: &[
        Scenario::LossOfIt,
        Scenario::Cyberattack,
        Scenario::LossOfUtilities,
    ],
    activation: &[
        "A critical system is down and will not be restored within its RTO",
        "A cyberattack is confirmed or suspected on production systems",
    ],
    roles: &[
        ("it-recovery-lead", 2),
        ("incident-commander", 1),
        ("communications-lead", 1),
    ],
    steps: &[
        (
            Phase::Respond,
            "Confirm the outage, contain it and decide whether to fail over",
            "it-recovery-lead",
            "30m",
        ),
        (
            Phase::Respond,
            "Inform the incident commander and affected process owners",
            "it-recovery-lead",
            "15m",
        ),
        (
            Phase::Recover,
            "Fail over or restore critical systems from backup",
            "it-recovery-lead",
            "4h",
        ),
        (
            Phase::Recover,
            "Check data integrity against the RPO and hand systems to their users",
            "it-recovery-lead",
            "1h",
        ),
        (
            Phase::Restore,
            "Fail back to the primary environment and review what happened",
            "it-recovery-lead",
            "2days",
        ),
    ],
    review_months: 12,
};

const CRISIS_COMMS: Template = Template {
    purpose: "Tell staff, customers, authorities and the media what they need to know, early, \
              consistently and from one voice.",
    scope: "All communication about an incident affecting the site.",
    objectives: &[
        "First holding statement within 1 hour of activation",
        "Every audience informed through at least two channels",
    ],
    assumptions: &[
        "Contact lists are current",
        "At least one channel besides e-mail works",
    ],
    scenarios: &[
        Scenario::LossOfSite,
        Scenario::Cyberattack,
        Scenario::NaturalDisaster,
    ],
    activation: &["An incident is likely to become known outside the site"],
    roles: &[("communications-lead", 2), ("incident-commander", 1)],
    steps: &[
        (
            Phase::Respond,
            "Agree the facts and a holding statement with the incident commander",
            "communications-lead",
            "30m",
        ),
        (
            Phase::Respond,
            "Send the holding statement to staff and key customers",
            "communications-lead",
            "30m",
        ),
        (
            Phase::Recover,
            "Update every audience at agreed intervals until stand-down",
            "communications-lead",
            "1day",
        ),
        (
            Phase::Restore,
            "Send the final update and collect lessons learned",
            "communications-lead",
            "2days",
        ),
    ],
    review_months: 12,
};

const PANDEMIC: Template = Template {
    purpose: "Keep critical processes running while a large share of staff is absent or must \
              work apart.",
    scope: "All staff of the site and the processes they run.",
    objectives: &[
        "Critical processes keep their minimum staff",
        "Staff can work remotely where the process allows",
    ],
    assumptions: &["Up to 40 % of staff may be absent at the peak"],
    scenarios: &[Scenario::Pandemic, Scenario::LossOfStaff],
    activation: &["Health authorities declare an outbreak affecting the site's region"],
    roles: &[
        ("incident-commander", 1),
        ("hr-lead", 1),
        ("communications-lead", 1),
    ],
    steps: &[
        (
            Phase::Respond,
            "Apply the health authorities' guidance on site",
            "hr-lead",
            "1day",
        ),
        (
            Phase::Recover,
            "Split critical teams and move who can to remote work",
            "incident-commander",
            "2days",
        ),
        (
            Phase::Restore,
            "Return to normal staffing as guidance allows",
            "hr-lead",
            "5days",
        ),
    ],
    review_months: 24,
};

const EMERGENCY: Template = Template {
    purpose: "Protect life first: evacuate, shelter and account for everyone on site.",
    scope: "Everyone on the site's premises: staff, contractors and visitors.",
    objectives: &["Everyone accounted for within 30 minutes"],
    assumptions: &["Fire wardens and first aiders are present on every shift"],
    scenarios: &[
        Scenario::LossOfSite,
        Scenario::NaturalDisaster,
        Scenario::LossOfUtilities,
    ],
    activation: &["A fire alarm, a threat or a natural hazard on or near the site"],
    roles: &[
        ("site-security-lead", 1),
        ("facilities-lead", 1),
        ("incident-commander", 1),
    ],
    steps: &[
        (
            Phase::Respond,
            "Raise the alarm, evacuate or shelter as the hazard requires",
            "site-security-lead",
            "15m",
        ),
        (
            Phase::Respond,
            "Account for everyone at the assembly point",
            "site-security-lead",
            "15m",
        ),
        (
            Phase::Recover,
            "Hand over to the emergency services and secure the site",
            "facilities-lead",
            "2h",
        ),
        (
            Phase::Restore,
            "Reopen the site once it is declared safe",
            "facilities-lead",
            "1day",
        ),
    ],
    review_months: 12,
};

const SUPPLIER: Template = Template {
    purpose: "Keep critical processes running when a key supplier cannot deliver.",
    scope: "Suppliers the site's critical processes depend on.",
    objectives: &["A workaround or an alternate supplier within the process's RTO"],
    assumptions: &["Alternate suppliers are pre-qualified"],
    scenarios: &[Scenario::LossOfSupplier],
    activation: &["A key supplier announces or suffers an outage longer than the RTO it serves"],
    roles: &[
        ("business-recovery-coordinator", 1),
        ("incident-commander", 1),
    ],
    steps: &[
        (
            Phase::Respond,
            "Confirm the outage and its expected length with the supplier",
            "business-recovery-coordinator",
            "1h",
        ),
        (
            Phase::Recover,
            "Switch to the alternate supplier or the manual workaround",
            "business-recovery-coordinator",
            "1day",
        ),
        (
            Phase::Restore,
            "Return to the primary supplier and review the contract",
            "business-recovery-coordinator",
            "5days",
        ),
    ],
    review_months: 12,
};

fn template(kind: PlanKind) -> &'static Template {
    match kind {
        PlanKind::BusinessContinuity => &BCP,
        PlanKind::ItDisasterRecovery => &IT_DR,
        PlanKind::CrisisCommunications => &CRISIS_COMMS,
        PlanKind::Pandemic => &PANDEMIC,
        PlanKind::EmergencyResponse => &EMERGENCY,
        PlanKind::SupplierContinuity => &SUPPLIER,
    }
}

/// A new draft plan of `new.kind` for a site, from its template. Roles the catalogue does not
/// have are left out (their steps go to the first role that is there); a catalogue without
/// roles gives a plan without roles and steps, to be filled in.
pub fn plan_from_template(new: &NewPlan, catalogue: &Portfolio) -> Plan {
    let t = template(new.kind);
    let known: HashSet<&str> = catalogue.roles.iter().map(|r| r.id.as_str()).collect();
    let mut roles: Vec<RequiredRole> = t
        .roles
        .iter()
        .filter(|(id, _)| known.contains(id))
        .map(|&(id, alternates)| RequiredRole {
            role: id.into(),
            alternates,
        })
        .collect();
    if roles.is_empty() {
        if let Some(first) = catalogue.roles.first() {
            roles.push(RequiredRole {
                role: first.id.clone(),
                alternates: 1,
            });
        }
    }
    let lead = roles.first().map(|r| r.role.clone());
    let steps = match &lead {
        None => Vec::new(),
        Some(lead) => t
            .steps
            .iter()
            .map(|&(phase, action, role, time)| Step {
                phase,
                action: action.into(),
                role: if roles.iter().any(|r| r.role == role) {
                    role.into()
                } else {
                    lead.clone()
                },
                target_time: time.parse::<Span>().expect("template times are valid"),
            })
            .collect(),
    };
    Plan {
        id: new.id.clone(),
        title: new.title.clone(),
        kind: new.kind,
        owner: new.owner.clone(),
        version: "0.1".into(),
        status: PlanStatus::Draft,
        approver: None,
        approved_on: None,
        last_reviewed: None,
        review_interval_months: t.review_months,
        purpose: t.purpose.into(),
        scope: t.scope.into(),
        objectives: t.objectives.iter().map(|s| s.to_string()).collect(),
        assumptions: t.assumptions.iter().map(|s| s.to_string()).collect(),
        scenarios: t.scenarios.to_vec(),
        activation_criteria: t.activation.iter().map(|s| s.to_string()).collect(),
        activated_by: lead.iter().cloned().collect(),
        stood_down_by: lead.iter().cloned().collect(),
        processes: Vec::new(),
        roles,
        assignments: Vec::new(),
        steps,
        resources: Vec::new(),
        communications: Vec::new(),
        relocation: None,
        vital_records: Vec::new(),
        contacts: Vec::new(),
        distribution: Vec::new(),
        revisions: Vec::new(),
        draft: None,
    }
}

/// `plan` as a new draft for another site: the structure (sections, roles, steps, resources,
/// communications, contacts) is kept; what names the old site's people or processes is
/// cleared (assignments, distribution, approval, revisions, relocation), processes are kept only where the
/// target site has a process of the same id, and `owner` (someone of the target site) owns it.
pub fn duplicate_plan(plan: &Plan, target: &SiteData, id: &str, owner: &str) -> Plan {
    let processes: HashSet<&str> = target.processes.iter().map(|p| p.id.as_str()).collect();
    Plan {
        id: id.into(),
        owner: owner.into(),
        version: "0.1".into(),
        status: PlanStatus::Draft,
        approver: None,
        approved_on: None,
        last_reviewed: None,
        assignments: Vec::new(),
        distribution: Vec::new(),
        revisions: Vec::new(),
        // The relocation names the old site's alternate premises.
        relocation: None,
        // A revision under way stays with the original.
        draft: None,
        processes: plan
            .processes
            .iter()
            .filter(|p| processes.contains(p.as_str()))
            .cloned()
            .collect(),
        ..plan.clone()
    }
}
