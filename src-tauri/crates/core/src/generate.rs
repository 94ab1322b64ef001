//! Synthetic portfolios for benchmarks and scale tests: `continuum generate --sites N --seed S`.
//!
//! The proportions follow the enterprise scale the readiness engine is built for (2,000 sites,
//! 100,000 people, 10,000 plans, 1,000,000 training records): per site 50 people, 5 plans and
//! 500 training records. The output depends only on the seed and the date, and imports cleanly.

use std::path::Path;

use chrono::{Days, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::*;
use crate::planfile::{to_text, write_atomically, PORTFOLIO_FILE};
use crate::{Error, Result, Span};

pub const PEOPLE_PER_SITE: usize = 50;
pub const PLANS_PER_SITE: usize = 5;
pub const TRAINING_PER_PERSON: usize = 10;

const REGIONS: [(&str, &str, f64, f64); 3] = [
    ("americas", "Americas", 15.0, -80.0),
    ("emea", "Europe, Middle East & Africa", 45.0, 10.0),
    ("apac", "Asia-Pacific", 15.0, 110.0),
];
const ROLES: [(&str, &str, bool); 6] = [
    ("incident-commander", "Incident commander", true),
    (
        "deputy-incident-commander",
        "Deputy incident commander",
        false,
    ),
    ("it-recovery-lead", "IT recovery lead", true),
    ("communications-lead", "Communications lead", true),
    ("facilities-lead", "Facilities lead", false),
    (
        "business-recovery-coordinator",
        "Business recovery coordinator",
        false,
    ),
];
const COURSES: [(&str, &str, Option<u32>, &[&str]); 10] = [
    (
        "crisis-leadership",
        "Crisis leadership",
        Some(24),
        &["incident-commander", "deputy-incident-commander"],
    ),
    (
        "it-dr-operations",
        "IT DR operations",
        Some(12),
        &["it-recovery-lead"],
    ),
    (
        "crisis-communications",
        "Crisis communications",
        Some(24),
        &["communications-lead"],
    ),
    (
        "facilities-recovery",
        "Facilities recovery",
        Some(36),
        &["facilities-lead"],
    ),
    (
        "bcm-awareness",
        "BCM awareness",
        None,
        &["business-recovery-coordinator"],
    ),
    ("first-aid", "First aid", Some(36), &[]),
    ("fire-warden", "Fire warden", Some(24), &[]),
    ("data-protection", "Data protection", Some(12), &[]),
    ("cyber-incident", "Cyber incident response", Some(12), &[]),
    ("evacuation", "Evacuation drill", Some(12), &[]),
];
const FIRST: [&str; 12] = [
    "Ana", "Ben", "Chen", "Dara", "Emil", "Fatima", "Goran", "Hana", "Ivo", "Júlia", "Kenji",
    "Lena",
];
const LAST: [&str; 12] = [
    "Silva", "Müller", "Wang", "Kowalska", "Okafor", "Tanaka", "Rossi", "Dubois", "Novak",
    "Haddad", "Park", "Smith",
];
const KINDS: [PlanKind; 5] = [
    PlanKind::BusinessContinuity,
    PlanKind::ItDisasterRecovery,
    PlanKind::CrisisCommunications,
    PlanKind::Pandemic,
    PlanKind::EmergencyResponse,
];
const RESOURCES: [&str; 4] = ["laptop", "workstation seat", "satellite phone", "generator"];

/// The generated catalogue.
pub fn portfolio(today: NaiveDate) -> Portfolio {
    Portfolio {
        format: Format::V1,
        written_for: Some(today),
        name: "Synthetic Enterprise".into(),
        regions: REGIONS
            .iter()
            .map(|(id, name, ..)| Region {
                id: (*id).into(),
                name: (*name).into(),
            })
            .collect(),
        roles: ROLES
            .iter()
            .map(|(id, name, critical)| Role {
                id: (*id).into(),
                name: (*name).into(),
                critical: *critical,
                description: String::new(),
            })
            .collect(),
        courses: COURSES
            .iter()
            .map(|(id, name, validity, roles)| Course {
                id: (*id).into(),
                name: (*name).into(),
                validity_months: *validity,
                required_for_roles: roles.iter().map(|r| (*r).into()).collect(),
            })
            .collect(),
        readiness: None,
    }
}

/// One synthetic site, number `n`, drawn from `rng`.
pub fn site(n: usize, today: NaiveDate, rng: &mut ChaCha8Rng) -> SiteData {
    let id = format!("site-{n:05}");
    let (region, _, lat, lon) = REGIONS[n % REGIONS.len()];
    let prefix = id.clone();
    let pid = move |i: usize| format!("{prefix}-p{i:03}");
    let ago =
        |rng: &mut ChaCha8Rng, max_days: u64| today - Days::new(rng.random_range(0..max_days));

    let people: Vec<Person> = (0..PEOPLE_PER_SITE)
        .map(|i| {
            let first = FIRST.choose(rng).unwrap();
            let last = LAST.choose(rng).unwrap();
            Person {
                id: pid(i),
                name: format!("{first} {last}"),
                title: "Analyst".into(),
                email: format!(
                    "{}.{}.{i}@synthetic.example",
                    first.to_lowercase(),
                    last.to_lowercase()
                ),
                phones: vec![Phone {
                    label: "mobile".into(),
                    number: format!("+1 555 {n:05}{i:03}"),
                }],
                active: rng.random_bool(0.98),
            }
        })
        .collect();

    let processes: Vec<Process> = (0..5)
        .map(|i| {
            let rto = Span::from_minutes(60 * rng.random_range(1..48));
            Process {
                id: format!("{id}-proc{i}"),
                name: format!("Process {i} of site {n}"),
                owner: pid(rng.random_range(0..PEOPLE_PER_SITE)),
                criticality: [
                    Criticality::Critical,
                    Criticality::High,
                    Criticality::Medium,
                    Criticality::Low,
                ][i % 4],
                rto,
                rpo: Span::from_minutes(rto.minutes() / 4),
                mtpd: Span::from_minutes(rto.minutes() * 2),
                dependencies: vec![Dependency {
                    kind: DependencyKind::System,
                    name: "ERP".into(),
                }],
                minimum_staff: rng.random_range(1..10),
            }
        })
        .collect();

    let plans: Vec<Plan> = (0..PLANS_PER_SITE)
        .map(|k| {
            let roles: Vec<RequiredRole> = ROLES
                .iter()
                .map(|(r, ..)| RequiredRole {
                    role: (*r).into(),
                    alternates: rng.random_range(1..3),
                })
                .collect();
            let mut assignments = Vec::new();
            for r in &roles {
                let filled = rng.random_range(0..=r.alternates + 1);
                for rank in 0..filled {
                    assignments.push(Assignment {
                        role: r.role.clone(),
                        person: pid(rng.random_range(0..PEOPLE_PER_SITE)),
                        rank,
                    });
                }
            }
            let status = [
                PlanStatus::Approved,
                PlanStatus::Approved,
                PlanStatus::Approved,
                PlanStatus::Draft,
                PlanStatus::InReview,
            ][rng.random_range(0..5)];
            let approved = status == PlanStatus::Approved;
            Plan {
                id: format!("{id}-plan{k}"),
                title: format!("Site {n} plan {k}"),
                kind: KINDS[k % KINDS.len()],
                owner: pid(k),
                version: format!("{}.0", rng.random_range(1..5)),
                status,
                approver: approved.then(|| pid(0)),
                approved_on: approved.then(|| ago(rng, 700)),
                last_reviewed: Some(ago(rng, 500)),
                review_interval_months: 12,
                purpose: "Keep the site's critical processes running through a disruption.".into(),
                scope: format!("All critical processes of site {n}."),
                objectives: vec!["Resume critical processes within their RTO.".into()],
                assumptions: vec!["Staff can reach the alternate site.".into()],
                scenarios: vec![Scenario::LossOfSite, Scenario::LossOfIt],
                activation_criteria: vec!["The site is unusable for more than 2 hours.".into()],
                activated_by: vec!["incident-commander".into()],
                stood_down_by: vec!["incident-commander".into()],
                processes: vec![processes[k % processes.len()].id.clone()],
                steps: (0..12)
                    .map(|s| Step {
                        phase: [Phase::Respond, Phase::Recover, Phase::Restore][s / 4],
                        action: format!("Step {} of the plan", s + 1),
                        role: roles[s % roles.len()].role.clone(),
                        target_time: Span::from_minutes(15 * rng.random_range(1..8)),
                    })
                    .collect(),
                roles,
                assignments,
                resources: vec![ResourceNeed {
                    kind: RESOURCES.choose(rng).unwrap().to_string(),
                    quantity: rng.random_range(1..30),
                }],
                communications: vec![],
                relocation: None,
                vital_records: vec![],
                contacts: vec![],
                distribution: vec![pid(0)],
                revisions: vec![],
                draft: None,
            }
        })
        .collect();

    let inventory = RESOURCES
        .iter()
        .map(|kind| InventoryItem {
            kind: (*kind).into(),
            quantity: rng.random_range(0..40),
            location: "Store room".into(),
        })
        .collect();

    let mut training = Vec::with_capacity(PEOPLE_PER_SITE * TRAINING_PER_PERSON);
    for i in 0..PEOPLE_PER_SITE {
        for (course, ..) in COURSES.iter().take(TRAINING_PER_PERSON) {
            training.push(TrainingRecord {
                person: pid(i),
                course: (*course).into(),
                completed: ago(rng, 1100),
            });
        }
    }

    let exercises = (0..2)
        .map(|e| {
            let plan = plans[e].id.clone();
            let date = ago(rng, 600);
            Exercise {
                id: format!("{id}-ex{e}"),
                title: format!("Exercise {e} of site {n}"),
                date,
                kind: ExerciseKind::Tabletop,
                plans: vec![plan.clone()],
                outcome: Outcome::PassedWithFindings,
                summary: String::new(),
                participants: Vec::new(),
                scenario: String::new(),
                results: vec![ExerciseResult {
                    plan,
                    recovery_time: Span::from_minutes(60 * rng.random_range(1..30)),
                }],
                findings: vec![Finding {
                    id: format!("{id}-ex{e}-f1"),
                    description: "Call tree out of date".into(),
                    severity: Severity::Medium,
                    action: "Refresh the call tree".into(),
                    owner: pid(1),
                    due: date + Days::new(60),
                    closed: rng.random_bool(0.5).then(|| date + Days::new(30)),
                }],
            }
        })
        .collect();

    SiteData {
        format: Format::V1,
        written_for: Some(today),
        site: Site {
            id,
            name: format!("Site {n}"),
            country: "US".into(),
            region: region.into(),
            city: format!("City {n}"),
            latitude: lat + rng.random_range(-10.0..10.0),
            longitude: lon + rng.random_range(-20.0..20.0),
            time_zone: "UTC".into(),
            tier: rng.random_range(1..=4),
            headcount: rng.random_range(50..2000),
            lead: Some(pid(0)),
        },
        people,
        processes,
        plans,
        inventory,
        training,
        exercises,
    }
}

/// Writes a synthetic portfolio of `sites` sites into `dir`.
pub fn write_portfolio(dir: &Path, sites: usize, seed: u64, today: NaiveDate) -> Result<usize> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    write_atomically(&dir.join(PORTFOLIO_FILE), &to_text(&portfolio(today)))?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for n in 0..sites {
        let data = site(n, today, &mut rng);
        write_atomically(&dir.join(format!("{}.json", data.site.id)), &to_text(&data))?;
    }
    Ok(sites + 1)
}
