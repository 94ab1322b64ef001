//! Read models for the app's views: what the dashboard, a site page and the search box show,
//! built from the store and the readiness engine in one call each.
//!
//! Why here and not in the shell: the app's commands only translate, and the CLI or a test can
//! ask for the same views. The dashboard gets a compact card per site (its map marker, its row);
//! everything else about a site is fetched when the site opens, so the first screen does not
//! grow with the size of the plans.

use std::collections::{BTreeMap, HashMap};

use chrono::{Months, NaiveDate, TimeDelta};
use serde::Serialize;
use ts_rs::TS;

use crate::model::*;
use crate::readiness::{self, BandDrop, Rollup, SiteReadiness, Snapshot, Status};
use crate::store::cache::Summary;
use crate::{Result, Span, Store};

/// Training that lapses within this many days is "expiring" rather than current.
pub const EXPIRING_DAYS: i64 = 60;

/// How many hits the search box lists.
pub const SEARCH_LIMIT: usize = 40;

/// The first screen: every site as a card, the roll-ups, the regions to filter by.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Dashboard {
    pub as_of: NaiveDate,
    pub portfolio: String,
    pub regions: Vec<Region>,
    /// In the portfolio's region order, then by site id.
    pub sites: Vec<SiteCard>,
    pub rollup: Rollup,
}

/// One site as the dashboard shows it: a marker on the map and a row in the list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SiteCard {
    pub id: String,
    pub name: String,
    pub city: String,
    pub country: String,
    pub region: String,
    pub region_name: String,
    pub latitude: f64,
    pub longitude: f64,
    pub tier: u8,
    pub headcount: u32,
    pub plans: u32,
    pub people: u32,
    pub score: u8,
    pub status: Status,
    pub status_reason: String,
    /// The reason that matters most, in words.
    pub top_reason: Option<String>,
    pub blockers: u32,
}

/// What changes over the coming days if nobody acts: the sites that drop a band, soonest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Outlook {
    pub as_of: NaiveDate,
    pub days: u32,
    pub drops: Vec<OutlookDrop>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OutlookDrop {
    pub site_id: String,
    pub site_name: String,
    pub region: String,
    pub drop: BandDrop,
    /// What lapses up to that date, in date order, in words.
    pub why: Vec<String>,
}

/// A hit of the search box: a site (by name, city or country) or a person (by name or e-mail).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SearchHit {
    Site {
        site_id: String,
        name: String,
        city: String,
        country: String,
    },
    Person {
        person_id: String,
        name: String,
        title: String,
        active: bool,
        site_id: String,
        site_name: String,
        /// The recovery roles the person holds, in every plan of their site.
        roles: Vec<HeldRole>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HeldRole {
    pub plan_id: String,
    pub plan_title: String,
    pub role_id: String,
    pub role_name: String,
    /// 0 = primary, 1.. = alternates in call order.
    pub rank: u32,
}

/// Everything a site page shows, as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SitePage {
    pub as_of: NaiveDate,
    /// The site's content stamp: an edit made on this page hands it back, and is refused as a
    /// conflict if the site changed in between.
    pub stamp: String,
    pub portfolio: String,
    pub region_name: String,
    pub data: SiteData,
    pub readiness: SiteReadiness,
    pub roles: Vec<Role>,
    pub courses: Vec<Course>,
    /// Each role each plan needs, with the people in it.
    pub team: Vec<TeamRole>,
    /// Per resource kind: what the plans need against what the site holds.
    pub inventory: Vec<InventoryLine>,
    /// The site's recorded snapshots, oldest first.
    pub trend: Vec<Snapshot>,
    /// Per plan, the running total of its steps' target times against its shortest RTO.
    pub timings: Vec<PlanTiming>,
    /// The plans being revised (with a draft version, `data.plans[i].draft`), in plan order:
    /// what is in force and what is being written, e.g. "in force: v3.2 approved; draft v3.3
    /// in review".
    pub drafts: Vec<PlanDraft>,
}

/// An approved plan being revised: the version in force (which runbooks and readiness use) and
/// the draft version being written.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanDraft {
    pub plan_id: String,
    /// The version in force, e.g. "3.2".
    pub in_force_version: String,
    pub in_force_approved_on: Option<NaiveDate>,
    /// Draft or in review.
    pub status: PlanStatus,
    /// The version approving the draft will give it, e.g. "3.3".
    pub version: String,
    /// The draft's steps in time, as `timings` gives them for the plans in force.
    pub timing: PlanTiming,
}

/// A plan's steps in time: what the plan page marks as running beyond the RTO.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlanTiming {
    pub plan_id: String,
    /// The shortest RTO of the processes the plan covers, if it covers any.
    pub shortest_rto: Option<Span>,
    /// After each step, in order: the time elapsed since activation.
    pub elapsed: Vec<Span>,
    /// Per step: whether the elapsed time is beyond `shortest_rto`.
    pub late: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamRole {
    pub plan_id: String,
    pub plan_title: String,
    pub role_id: String,
    pub role_name: String,
    pub critical: bool,
    pub alternates_required: u32,
    /// Primary first, then alternates in call order.
    pub members: Vec<TeamMember>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TeamMember {
    pub person_id: String,
    pub name: String,
    pub rank: u32,
    pub active: bool,
    /// Critical roles this person holds as primary across the site's plans.
    pub critical_roles: u32,
    /// Currency of each course the role requires.
    pub training: Vec<CourseCurrency>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Currency {
    Expired,
    Missing,
    Expiring,
    Current,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CourseCurrency {
    pub course_id: String,
    pub course_name: String,
    pub currency: Currency,
    pub completed: Option<NaiveDate>,
    /// None when the course never expires or was never completed.
    pub expires: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InventoryLine {
    pub kind: String,
    /// The most any one plan of the site needs.
    pub required: u32,
    pub available: u32,
    /// Where the site keeps it (the locations of its inventory lines, joined).
    pub location: String,
    pub needed_by: Vec<String>,
}

impl Store {
    /// The dashboard as of `as_of`; `today` is the day the readiness cache keeps.
    ///
    /// As of today it uses the cache: only sites changed since the last call (or all, when the
    /// day or the policy moved) are scored again, so start-up does not redo the whole portfolio.
    /// Any other date is scored without touching the cache, so a look at 2031 does not cost the
    /// next start-up a full re-score.
    pub fn dashboard(&mut self, as_of: NaiveDate, today: NaiveDate) -> Result<Dashboard> {
        // Only each site's summary (card fields and roll-up inputs), never its full result:
        // as of today straight from the cache rows, which is what keeps start-up short.
        let (summaries, counted): (Vec<Summary>, bool) = if as_of == today {
            (self.summaries_cached(as_of)?, true)
        } else {
            let scored = self.readiness(as_of)?;
            (scored.iter().map(Summary::from).collect(), false)
        };
        let portfolio = self.portfolio()?;
        let rollup = readiness::rollup_of(&summaries);
        let by_id: HashMap<&str, &Summary> =
            summaries.iter().map(|r| (r.site_id.as_str(), r)).collect();
        // The cache has each site's counts of plans and people; any other date counts them.
        let sites = self
            .list_sites_counting(!counted)?
            .into_iter()
            .filter_map(|s| by_id.get(s.id.as_str()).map(|r| card(s, r, counted)))
            .collect();
        Ok(Dashboard {
            as_of,
            portfolio: portfolio.name,
            regions: portfolio.regions,
            sites,
            rollup,
        })
    }

    /// The sites that drop a band in the `days` after `as_of`, soonest first.
    pub fn outlook(&self, as_of: NaiveDate, days: u32) -> Result<Outlook> {
        let forecast = self.forecast(as_of, days)?;
        let mut drops: Vec<OutlookDrop> = forecast
            .into_iter()
            .filter_map(|f| {
                let drop = f.drops.first()?.clone();
                let why = f
                    .events
                    .iter()
                    .filter(|e| e.date <= drop.date)
                    .map(|e| format!("{}: {}", e.date, e.message))
                    .collect();
                Some(OutlookDrop {
                    site_id: f.site_id,
                    site_name: f.site_name,
                    region: f.region,
                    drop,
                    why,
                })
            })
            .collect();
        drops.sort_by(|a, b| (a.drop.date, &a.site_id).cmp(&(b.drop.date, &b.site_id)));
        Ok(Outlook { as_of, days, drops })
    }

    /// Sites and people matching `query` (case-insensitive, anywhere in the name, city, country
    /// or e-mail), sites first, at most [`SEARCH_LIMIT`].
    pub fn search(&self, query: &str) -> Result<Vec<SearchHit>> {
        let needle = fold(query.trim());
        if needle.is_empty() {
            return Ok(Vec::new());
        }
        let mut hits = Vec::new();
        for site in self.list_sites()? {
            if [&site.name, &site.city, &site.country, &site.id]
                .iter()
                .any(|t| fold(t).contains(&needle))
            {
                hits.push(SearchHit::Site {
                    site_id: site.id,
                    name: site.name,
                    city: site.city,
                    country: site.country,
                });
            }
        }
        hits.truncate(SEARCH_LIMIT);
        let people = self.search_people(&needle, SEARCH_LIMIT - hits.len())?;
        hits.extend(people);
        Ok(hits)
    }

    /// The people of `site_id` who could fill `role`, for the role editor.
    pub fn role_candidates(
        &self,
        site_id: &str,
        role: &str,
        as_of: NaiveDate,
    ) -> Result<Vec<TeamMember>> {
        let data = self.site(site_id)?;
        let portfolio = self.portfolio()?;
        if !portfolio.roles.iter().any(|r| r.id == role) {
            return Err(crate::Error::NotFound {
                kind: "role",
                id: role.to_owned(),
            });
        }
        Ok(candidates(&portfolio, &data, role, as_of))
    }

    /// The site page of `site_id` as of `as_of`; `not_found` for an unknown site.
    pub fn site_page(&self, site_id: &str, as_of: NaiveDate) -> Result<SitePage> {
        let data = self.site(site_id)?;
        let portfolio = self.portfolio()?;
        let readiness = self.site_readiness(site_id, as_of)?;
        let trend = self.snapshots(Some(site_id))?;
        let region_name = portfolio
            .regions
            .iter()
            .find(|r| r.id == data.site.region)
            .map_or_else(|| data.site.region.clone(), |r| r.name.clone());
        Ok(SitePage {
            as_of,
            stamp: crate::store::stamp::stamp(&data),
            timings: data.plans.iter().map(|p| timing(&data, p)).collect(),
            drafts: drafts(&data),
            team: team(&portfolio, &data, as_of),
            inventory: inventory(&data),
            region_name,
            portfolio: portfolio.name,
            roles: portfolio.roles,
            courses: portfolio.courses,
            readiness,
            trend,
            data,
        })
    }
}

/// A site's card; its counts of plans and people from the summary if `counted` there.
fn card(s: SiteSummary, r: &Summary, counted: bool) -> SiteCard {
    SiteCard {
        id: s.id,
        name: s.name,
        city: s.city,
        country: s.country,
        region: s.region,
        region_name: s.region_name,
        latitude: s.latitude,
        longitude: s.longitude,
        tier: s.tier,
        headcount: s.headcount,
        plans: if counted { r.plans } else { s.plans },
        people: if counted { r.people } else { s.people },
        score: r.score,
        status: r.status,
        status_reason: r.status_reason.clone(),
        top_reason: r.top_reason.clone(),
        blockers: r.blockers,
    }
}

/// Lower case, for matching "münchen" to "München" and "TOKYO" to "Tokyo".
pub(crate) fn fold(text: &str) -> String {
    text.to_lowercase()
}

/// Everyone of the site who could fill `role`, active people first, then by name: each with
/// their training currency for the role's courses and how many critical roles they already
/// hold as primary, so the role editor shows who would become a single point of failure.
pub fn candidates(
    portfolio: &Portfolio,
    data: &SiteData,
    role: &str,
    as_of: NaiveDate,
) -> Vec<TeamMember> {
    let critical = critical_roles(portfolio, data);
    let mut list: Vec<TeamMember> = data
        .people
        .iter()
        .map(|p| TeamMember {
            person_id: p.id.clone(),
            name: p.name.clone(),
            rank: 0,
            active: p.active,
            critical_roles: critical.get(p.id.as_str()).copied().unwrap_or(0),
            training: training(portfolio, data, &p.id, role, as_of),
        })
        .collect();
    list.sort_by(|a, b| (!a.active, &a.name).cmp(&(!b.active, &b.name)));
    list
}

/// Critical roles held as primary, per person: the readiness engine's single-point-of-failure
/// rule counts the same thing.
fn critical_roles<'a>(portfolio: &Portfolio, data: &'a SiteData) -> BTreeMap<&'a str, u32> {
    let mut critical: BTreeMap<&str, u32> = BTreeMap::new();
    for plan in &data.plans {
        for a in plan.assignments.iter().filter(|a| a.rank == 0) {
            if portfolio.roles.iter().any(|r| r.id == a.role && r.critical) {
                *critical.entry(a.person.as_str()).or_default() += 1;
            }
        }
    }
    critical
}

/// The recovery team of a site: every role of every plan with its people, in plan order.
pub fn team(portfolio: &Portfolio, data: &SiteData, as_of: NaiveDate) -> Vec<TeamRole> {
    let role = |id: &str| portfolio.roles.iter().find(|r| r.id == id);
    let person = |id: &str| data.people.iter().find(|p| p.id == id);
    let critical = critical_roles(portfolio, data);
    let mut team = Vec::new();
    for plan in &data.plans {
        for required in &plan.roles {
            let mut members: Vec<TeamMember> = plan
                .assignments
                .iter()
                .filter(|a| a.role == required.role)
                .map(|a| {
                    let p = person(&a.person);
                    TeamMember {
                        person_id: a.person.clone(),
                        name: p.map_or_else(|| a.person.clone(), |p| p.name.clone()),
                        rank: a.rank,
                        active: p.is_some_and(|p| p.active),
                        critical_roles: critical.get(a.person.as_str()).copied().unwrap_or(0),
                        training: training(portfolio, data, &a.person, &required.role, as_of),
                    }
                })
                .collect();
            members.sort_by_key(|m| m.rank);
            let r = role(&required.role);
            team.push(TeamRole {
                plan_id: plan.id.clone(),
                plan_title: plan.title.clone(),
                role_id: required.role.clone(),
                role_name: r.map_or_else(|| required.role.clone(), |r| r.name.clone()),
                critical: r.is_some_and(|r| r.critical),
                alternates_required: required.alternates,
                members,
            });
        }
    }
    team
}

/// Currency of `person` for each course `role` requires, as of `as_of`.
pub fn training(
    portfolio: &Portfolio,
    data: &SiteData,
    person: &str,
    role: &str,
    as_of: NaiveDate,
) -> Vec<CourseCurrency> {
    portfolio
        .courses
        .iter()
        .filter(|c| c.required_for_roles.iter().any(|r| r == role))
        .map(|course| {
            let completed = data
                .training
                .iter()
                .filter(|t| t.person == person && t.course == course.id && t.completed <= as_of)
                .map(|t| t.completed)
                .max();
            let expires = completed.zip(course.validity_months).map(|(done, months)| {
                done.checked_add_months(Months::new(months))
                    .unwrap_or(NaiveDate::MAX)
            });
            let currency = match (completed, expires) {
                (None, _) => Currency::Missing,
                (Some(_), None) => Currency::Current,
                (Some(_), Some(until)) if until < as_of => Currency::Expired,
                (Some(_), Some(until)) if until - as_of <= TimeDelta::days(EXPIRING_DAYS) => {
                    Currency::Expiring
                }
                _ => Currency::Current,
            };
            CourseCurrency {
                course_id: course.id.clone(),
                course_name: course.name.clone(),
                currency,
                completed,
                expires,
            }
        })
        .collect()
}

/// What the site's plans need of each resource kind against what it holds.
pub fn inventory(data: &SiteData) -> Vec<InventoryLine> {
    fn line<'m>(
        lines: &'m mut BTreeMap<String, InventoryLine>,
        kind: &str,
    ) -> &'m mut InventoryLine {
        lines
            .entry(kind.to_owned())
            .or_insert_with(|| InventoryLine {
                kind: kind.to_owned(),
                required: 0,
                available: 0,
                location: String::new(),
                needed_by: Vec::new(),
            })
    }
    let mut lines: BTreeMap<String, InventoryLine> = BTreeMap::new();
    for plan in &data.plans {
        for need in &plan.resources {
            let line = line(&mut lines, &need.kind);
            line.required = line.required.max(need.quantity);
            line.needed_by.push(plan.id.clone());
        }
    }
    for item in &data.inventory {
        let line = line(&mut lines, &item.kind);
        line.available += item.quantity;
        if !item.location.is_empty() {
            if !line.location.is_empty() {
                line.location.push_str("; ");
            }
            line.location.push_str(&item.location);
        }
    }
    lines.into_values().collect()
}

/// The plans of a site that have a draft version, in plan order.
pub fn drafts(data: &SiteData) -> Vec<PlanDraft> {
    data.plans
        .iter()
        .filter_map(|plan| {
            let draft = plan.draft.as_deref()?;
            Some(PlanDraft {
                plan_id: plan.id.clone(),
                in_force_version: plan.version.clone(),
                in_force_approved_on: plan.approved_on,
                status: draft.status,
                version: crate::store::lifecycle::next_version(&draft.version),
                timing: timing(data, draft),
            })
        })
        .collect()
}

/// Steps run one after another as the plan lists them; the total is held against the
/// shortest RTO of the plan's processes, as the runbook prints it.
pub fn timing(data: &SiteData, plan: &Plan) -> PlanTiming {
    let shortest_rto = data
        .processes
        .iter()
        .filter(|p| plan.processes.contains(&p.id))
        .map(|p| p.rto)
        .min();
    let mut total = 0;
    let elapsed: Vec<Span> = plan
        .steps
        .iter()
        .map(|s| {
            total += s.target_time.minutes();
            Span::from_minutes(total)
        })
        .collect();
    let late = elapsed
        .iter()
        .map(|e| shortest_rto.is_some_and(|rto| *e > rto))
        .collect();
    PlanTiming {
        plan_id: plan.id.clone(),
        shortest_rto,
        elapsed,
        late,
    }
}
