//! Readiness snapshots: each site's score, band and component scores on a day, kept so trends
//! can be shown. One snapshot per site per day; recording the same day again replaces it.
//!
//! The types and the arithmetic live here, beside the engine; the store keeps the rows
//! (`Store::record_snapshot`, `Store::snapshots`, `Store::trend`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ComponentName, SiteReadiness, Status};

/// A site's readiness as recorded on a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Snapshot {
    pub site_id: String,
    pub date: NaiveDate,
    pub score: u8,
    pub status: Status,
    /// Component → score.
    pub components: BTreeMap<ComponentName, u8>,
}

/// How a site's readiness moved since its last snapshot before the assessment date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Trend {
    pub site_id: String,
    pub since: NaiveDate,
    pub previous_score: u8,
    pub previous_status: Status,
    pub score: u8,
    pub status: Status,
    /// `score - previous_score`.
    pub change: i16,
}

/// What `record_snapshot` wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SnapshotSummary {
    pub date: NaiveDate,
    pub sites: usize,
    /// Sites that already had a snapshot that day (now replaced).
    pub replaced: usize,
    /// Each site's change since its previous snapshot (sites without one are left out).
    pub trend: Vec<Trend>,
}

impl Snapshot {
    /// What is recorded of an assessment.
    pub fn of(site: &SiteReadiness) -> Snapshot {
        Snapshot {
            site_id: site.site_id.clone(),
            date: site.as_of,
            score: site.score,
            status: site.status,
            components: site.components.iter().map(|c| (c.name, c.score)).collect(),
        }
    }
}

impl Trend {
    /// The change from an earlier snapshot of a site to its current assessment.
    pub fn between(previous: &Snapshot, now: &SiteReadiness) -> Trend {
        Trend {
            site_id: now.site_id.clone(),
            since: previous.date,
            previous_score: previous.score,
            previous_status: previous.status,
            score: now.score,
            status: now.status,
            change: i16::from(now.score) - i16::from(previous.score),
        }
    }
}
