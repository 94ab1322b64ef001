//! The review's plain data: every figure and list the report prints, built from the store's
//! readiness engine and lists, tested without rendering.

use chrono::{Months, NaiveDate};
use continuum_core::readiness::{self, Counts, SiteForecast, Status};
use continuum_core::store::{ActionState, ReviewItem, ReviewScope};
use continuum_core::Store;

use crate::Result;

/// Days the forecast looks ahead.
pub const FORECAST_DAYS: u32 = 90;
/// Reasons listed per site in the regional tables.
pub const SITE_REASONS: usize = 2;
/// Rows listed in the §9.3 tables before "and N more".
pub const LIST_LIMIT: usize = 25;

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewModel {
    pub organisation: String,
    pub as_of: NaiveDate,
    /// The previous review: the latest snapshot before `as_of`, or a year before.
    pub since: NaiveDate,
    pub since_snapshot: bool,
    pub sites: usize,
    pub headcount: u64,
    pub counts: Counts,
    pub headcount_counts: Counts,
    pub average_score: u8,
    pub weighted_score: u8,
    pub trend: Option<TrendSummary>,
    pub regions: Vec<RegionSection>,
    pub top_gaps: Vec<GapRow>,
    pub forecast: ForecastSummary,
    pub actions: ActionSummary,
    pub exercises: Vec<ExerciseResultRow>,
    pub exercises_total: usize,
    pub changes: Vec<ChangeRow>,
    pub changes_total: usize,
    pub map: Vec<MapPoint>,
    /// A stored review's own record (decisions, actions, sign-off): None for the blank report.
    pub stored: Option<StoredReview>,
}

/// What a stored review adds to the report: its decisions and actions, its sign-off, and where
/// the previous review's actions stand.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredReview {
    pub id: i64,
    /// "Portfolio", "Region EMEA", "Site Tokyo".
    pub scope: String,
    pub started_at: String,
    pub started_by: String,
    pub decisions: Vec<ItemRow>,
    pub actions: Vec<ItemRow>,
    /// "#3 as of 2026-09-01", if there was one.
    pub previous: Option<String>,
    pub previous_actions: Vec<ItemRow>,
    /// None while the review is open.
    pub signed_off_at: Option<String>,
    pub signed_by: Vec<String>,
}

/// A decision (owner, due and status empty) or an action of a stored review.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// "open", "overdue" or "done 2026-10-02".
    pub status: String,
    pub recorded_by: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrendSummary {
    pub since: NaiveDate,
    pub compared: usize,
    pub improved: usize,
    pub worsened: usize,
    pub average_change: f64,
    /// Sites that changed band: (site, from, to).
    pub band_changes: Vec<(String, Status, Status)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RegionSection {
    pub name: String,
    pub counts: Counts,
    pub headcount: Counts,
    pub average_score: u8,
    pub sites: Vec<SiteRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SiteRow {
    pub id: String,
    pub name: String,
    pub tier: u8,
    pub headcount: u32,
    pub score: u8,
    pub status: Status,
    pub change: Option<i16>,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GapRow {
    pub label: String,
    pub component: String,
    pub sites: u32,
    pub headcount: u64,
    pub impact: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ForecastSummary {
    pub to: NaiveDate,
    pub end_counts: Counts,
    /// Sites that would drop a band, soonest first.
    pub drops: Vec<DropRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DropRow {
    pub site: String,
    pub region: String,
    pub status: Status,
    pub drops_on: NaiveDate,
    pub to: Status,
    pub end_score: u8,
    pub cause: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionSummary {
    pub open: usize,
    pub overdue: usize,
    pub closed_since: usize,
    pub open_by_severity: [usize; 4],
    /// Overdue actions, most overdue first (at most [`LIST_LIMIT`]).
    pub overdue_list: Vec<ActionRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActionRow {
    pub site: String,
    pub action: String,
    pub severity: String,
    pub owner: String,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExerciseResultRow {
    pub site: String,
    pub date: NaiveDate,
    pub exercise: String,
    pub plan: String,
    pub outcome: String,
    pub recovery_minutes: i64,
    pub rto_minutes: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    pub site: String,
    pub plan: String,
    pub version: String,
    pub date: NaiveDate,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapPoint {
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
    pub status: Status,
}

impl ReviewModel {
    pub fn build(store: &Store, as_of: NaiveDate) -> Result<ReviewModel> {
        let portfolio = store.portfolio()?;
        let sites = store.readiness(as_of)?;
        let rollup = readiness::rollup(&sites);
        let trend = store.trend(&sites)?;
        let forecast = store.forecast(as_of, FORECAST_DAYS)?;
        let summaries = store.list_sites()?;

        let since_snapshot = trend.iter().map(|t| t.since).max();
        let since = since_snapshot
            .unwrap_or_else(|| as_of.checked_sub_months(Months::new(12)).unwrap_or(as_of));

        let trend_summary = (!trend.is_empty()).then(|| {
            let name = |id: &str| {
                sites
                    .iter()
                    .find(|s| s.site_id == id)
                    .map_or_else(|| id.to_owned(), |s| s.site_name.clone())
            };
            TrendSummary {
                since,
                compared: trend.len(),
                improved: trend.iter().filter(|t| t.change > 0).count(),
                worsened: trend.iter().filter(|t| t.change < 0).count(),
                average_change: trend.iter().map(|t| f64::from(t.change)).sum::<f64>()
                    / trend.len() as f64,
                band_changes: trend
                    .iter()
                    .filter(|t| t.status != t.previous_status)
                    .map(|t| (name(&t.site_id), t.previous_status, t.status))
                    .collect(),
            }
        });

        let regions = rollup
            .regions
            .iter()
            .map(|g| RegionSection {
                name: g.name.clone(),
                counts: g.counts,
                headcount: g.headcount,
                average_score: g.average_score,
                sites: sites
                    .iter()
                    .filter(|s| Some(&s.region) == g.region.as_ref())
                    .map(|s| SiteRow {
                        id: s.site_id.clone(),
                        name: s.site_name.clone(),
                        tier: s.tier,
                        headcount: s.headcount,
                        score: s.score,
                        status: s.status,
                        change: trend
                            .iter()
                            .find(|t| t.site_id == s.site_id)
                            .map(|t| t.change),
                        reasons: s
                            .reasons
                            .iter()
                            .take(SITE_REASONS)
                            .map(|r| r.message.clone())
                            .collect(),
                    })
                    .collect(),
            })
            .collect();

        let top_gaps = rollup
            .worldwide
            .top_gaps
            .iter()
            .map(|g| GapRow {
                label: g.label.clone(),
                component: g.component.label().to_owned(),
                sites: g.sites,
                headcount: g.headcount,
                impact: g.impact,
            })
            .collect();

        let mut end_counts = Counts::default();
        for f in &forecast {
            match f.end_status {
                Status::Ready => end_counts.ready += 1,
                Status::AtRisk => end_counts.at_risk += 1,
                Status::NotReady => end_counts.not_ready += 1,
            }
        }
        let region_name = |id: &str| {
            portfolio
                .regions
                .iter()
                .find(|r| r.id == id)
                .map_or_else(|| id.to_owned(), |r| r.name.clone())
        };
        let mut drops: Vec<DropRow> = forecast
            .iter()
            .filter_map(|f| drop_row(f, &region_name))
            .collect();
        drops.sort_by(|a, b| (a.drops_on, &a.site).cmp(&(b.drops_on, &b.site)));

        let actions = actions(store, as_of, since)?;
        let (exercises, exercises_total) = exercise_results(store, as_of, since)?;
        let (changes, changes_total) = changes(store, as_of, since)?;

        let map = summaries
            .iter()
            .filter_map(|s| {
                sites.iter().find(|r| r.site_id == s.id).map(|r| MapPoint {
                    name: s.name.clone(),
                    latitude: s.latitude,
                    longitude: s.longitude,
                    status: r.status,
                })
            })
            .collect();

        Ok(ReviewModel {
            organisation: portfolio.name.clone(),
            as_of,
            since,
            since_snapshot: since_snapshot.is_some(),
            sites: sites.len(),
            headcount: sites.iter().map(|s| u64::from(s.headcount)).sum(),
            counts: rollup.worldwide.counts,
            headcount_counts: rollup.worldwide.headcount,
            average_score: rollup.worldwide.average_score,
            weighted_score: rollup.worldwide.weighted_score,
            trend: trend_summary,
            regions,
            top_gaps,
            forecast: ForecastSummary {
                to: as_of + chrono::Days::new(u64::from(FORECAST_DAYS)),
                end_counts,
                drops,
            },
            actions,
            exercises,
            exercises_total,
            changes,
            changes_total,
            map,
            stored: None,
        })
    }

    /// The report of a stored review: the readiness review as of its date, with its decisions,
    /// actions and sign-off, and the status of the previous review's actions.
    pub fn build_stored(store: &Store, id: i64) -> Result<ReviewModel> {
        let page = store.review_page(id)?;
        let mut model = ReviewModel::build(store, page.review.as_of)?;
        let r = &page.review;
        let scope = match &r.scope {
            ReviewScope::Portfolio => "Portfolio".to_owned(),
            ReviewScope::Region(_) => format!("Region {}", r.scope_name),
            ReviewScope::Site(_) => format!("Site {}", r.scope_name),
        };
        model.stored = Some(StoredReview {
            id: r.id,
            scope,
            started_at: r.started_at.clone(),
            started_by: r.started_by.clone(),
            decisions: page.decisions.iter().map(item_row).collect(),
            actions: page.actions.iter().map(item_row).collect(),
            previous: page
                .previous
                .as_ref()
                .map(|p| format!("#{} as of {}", p.review.id, p.review.as_of)),
            previous_actions: page
                .previous
                .iter()
                .flat_map(|p| p.actions.iter().map(item_row))
                .collect(),
            signed_off_at: r.signed_off_at.clone(),
            signed_by: r.signed_by.clone(),
        });
        Ok(model)
    }
}

fn item_row(i: &ReviewItem) -> ItemRow {
    let status = match (i.state, i.done) {
        (Some(ActionState::Done), Some(done)) => format!("done {done}"),
        (Some(state), _) => state.label().to_owned(),
        (None, _) => String::new(),
    };
    ItemRow {
        text: i.text.clone(),
        owner: i.owner.clone().unwrap_or_default(),
        due: i.due,
        status,
        recorded_by: i.recorded_by.clone(),
    }
}

fn drop_row(f: &SiteForecast, region_name: &impl Fn(&str) -> String) -> Option<DropRow> {
    let on = f.drops_on?;
    let to = f
        .drops
        .iter()
        .find(|d| d.date == on)
        .map_or(f.end_status, |d| d.to);
    let cause = f
        .events
        .iter()
        .rfind(|e| e.date <= on)
        .map(|e| e.message.clone())
        .unwrap_or_default();
    Some(DropRow {
        site: f.site_name.clone(),
        region: region_name(&f.region),
        status: f.status,
        drops_on: on,
        to,
        end_score: f.end_score,
        cause,
    })
}

fn actions(store: &Store, as_of: NaiveDate, since: NaiveDate) -> Result<ActionSummary> {
    let mut summary = ActionSummary {
        open: 0,
        overdue: 0,
        closed_since: 0,
        open_by_severity: [0; 4],
        overdue_list: Vec::new(),
    };
    for a in store.corrective_actions()? {
        match a.closed {
            Some(c) if c <= as_of => {
                if c > since {
                    summary.closed_since += 1;
                }
            }
            _ => {
                summary.open += 1;
                summary.open_by_severity[a.severity as usize] += 1;
                if a.due < as_of {
                    summary.overdue += 1;
                    summary.overdue_list.push(ActionRow {
                        site: a.site_name,
                        action: a.action,
                        severity: a.severity.label().to_owned(),
                        owner: a.owner_name,
                        due: a.due,
                    });
                }
            }
        }
    }
    summary
        .overdue_list
        .sort_by(|a, b| (a.due, &a.site).cmp(&(b.due, &b.site)));
    summary.overdue_list.truncate(LIST_LIMIT);
    Ok(summary)
}

fn exercise_results(
    store: &Store,
    as_of: NaiveDate,
    since: NaiveDate,
) -> Result<(Vec<ExerciseResultRow>, usize)> {
    let mut all: Vec<ExerciseResultRow> = store
        .exercise_results(since, as_of)?
        .into_iter()
        .map(|r| ExerciseResultRow {
            site: r.site_name,
            date: r.date,
            exercise: r.exercise_title,
            plan: r.plan_title,
            outcome: r.outcome.label().to_owned(),
            recovery_minutes: r.recovery_minutes,
            rto_minutes: r.rto_minutes,
        })
        .collect();
    // Misses first: they are what the review must decide on.
    all.sort_by_key(|e| e.rto_minutes.is_none_or(|rto| e.recovery_minutes <= rto));
    let total = all.len();
    all.truncate(LIST_LIMIT);
    Ok((all, total))
}

fn changes(store: &Store, as_of: NaiveDate, since: NaiveDate) -> Result<(Vec<ChangeRow>, usize)> {
    let mut all: Vec<ChangeRow> = store
        .revisions(since, as_of)?
        .into_iter()
        .map(|r| ChangeRow {
            site: r.site_name,
            plan: r.plan_title,
            version: r.version,
            date: r.date,
            summary: r.summary,
        })
        .collect();
    let total = all.len();
    all.truncate(LIST_LIMIT);
    Ok((all, total))
}
