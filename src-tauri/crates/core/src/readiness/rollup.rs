//! Roll-ups by region and worldwide: how many sites (and how many people, and how much
//! criticality) sit in each band, and the gaps that cost the portfolio most.

use serde::{Deserialize, Serialize};

use super::{ComponentName, ReasonCode, SiteReadiness, Status};

/// How many gaps a group lists.
pub const TOP_GAPS: usize = 5;

/// A quantity per status band.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Counts {
    pub ready: u64,
    pub at_risk: u64,
    pub not_ready: u64,
}

impl Counts {
    fn add(&mut self, status: Status, n: u64) {
        match status {
            Status::Ready => self.ready += n,
            Status::AtRisk => self.at_risk += n,
            Status::NotReady => self.not_ready += n,
        }
    }
}

/// One kind of gap across the sites of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Gap {
    pub code: ReasonCode,
    pub component: ComponentName,
    pub label: String,
    /// Sites with this gap, and their headcount.
    pub sites: u32,
    pub headcount: u64,
    /// Overall points lost to it, summed over sites weighted by criticality (tier 1 counts 4,
    /// tier 4 counts 1): what the gaps are ranked by.
    pub impact: f64,
    pub site_ids: Vec<String>,
}

/// The roll-up of a region, or of the whole portfolio (`region` = None).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Group {
    pub region: Option<String>,
    pub name: String,
    pub sites: u32,
    /// Sites per band.
    pub counts: Counts,
    /// People (site headcount) per band.
    pub headcount: Counts,
    /// Criticality per band: each site counts 5 − its tier (tier 1 counts 4).
    pub criticality: Counts,
    /// Plain average of the site scores.
    pub average_score: u8,
    /// Average weighted by headcount × criticality.
    pub weighted_score: u8,
    pub top_gaps: Vec<Gap>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Rollup {
    pub worldwide: Group,
    /// In the order sites are listed (the portfolio's region order).
    pub regions: Vec<Group>,
}

/// What the roll-up needs of a site: its group, size, criticality and band, and each reason of
/// its components. Both the full [`SiteReadiness`] and the readiness cache's compact summary of
/// it give this, so the dashboard's roll-up is built without parsing every site's full result.
pub(crate) trait RollupSite {
    fn site_id(&self) -> &str;
    fn region(&self) -> &str;
    fn region_name(&self) -> &str;
    fn tier(&self) -> u8;
    fn headcount(&self) -> u32;
    fn score(&self) -> u8;
    fn status(&self) -> Status;
    /// Every reason of every component, in component order: code, component, impact.
    fn gaps(&self) -> impl Iterator<Item = (ReasonCode, ComponentName, f64)> + '_;
}

impl RollupSite for SiteReadiness {
    fn site_id(&self) -> &str {
        &self.site_id
    }
    fn region(&self) -> &str {
        &self.region
    }
    fn region_name(&self) -> &str {
        &self.region_name
    }
    fn tier(&self) -> u8 {
        self.tier
    }
    fn headcount(&self) -> u32 {
        self.headcount
    }
    fn score(&self) -> u8 {
        self.score
    }
    fn status(&self) -> Status {
        self.status
    }
    fn gaps(&self) -> impl Iterator<Item = (ReasonCode, ComponentName, f64)> + '_ {
        self.components
            .iter()
            .flat_map(|c| &c.reasons)
            .map(|r| (r.code, r.component, r.impact))
    }
}

fn criticality(tier: u8) -> u64 {
    u64::from(5u8.saturating_sub(tier.clamp(1, 4)))
}

fn group<S: RollupSite>(region: Option<String>, name: String, sites: &[&S]) -> Group {
    let mut g = Group {
        region,
        name,
        sites: sites.len() as u32,
        counts: Counts::default(),
        headcount: Counts::default(),
        criticality: Counts::default(),
        average_score: 0,
        weighted_score: 0,
        top_gaps: Vec::new(),
    };
    let (mut sum, mut wsum, mut weights) = (0u64, 0u64, 0u64);
    let mut gaps: Vec<Gap> = Vec::new();
    for s in sites {
        let (status, headcount, score) = (s.status(), s.headcount(), s.score());
        let weight = criticality(s.tier());
        g.counts.add(status, 1);
        g.headcount.add(status, u64::from(headcount));
        g.criticality.add(status, weight);
        sum += u64::from(score);
        let w = u64::from(headcount.max(1)) * weight;
        wsum += u64::from(score) * w;
        weights += w;
        let mut seen: Vec<ReasonCode> = Vec::new();
        for (code, component, impact) in s.gaps() {
            let gap = match gaps.iter_mut().find(|x| x.code == code) {
                Some(gap) => gap,
                None => {
                    gaps.push(Gap {
                        code,
                        component,
                        label: code.label().to_owned(),
                        sites: 0,
                        headcount: 0,
                        impact: 0.0,
                        site_ids: Vec::new(),
                    });
                    gaps.last_mut().expect("just pushed")
                }
            };
            gap.impact += impact * weight as f64;
            if !seen.contains(&code) {
                seen.push(code);
                gap.sites += 1;
                gap.headcount += u64::from(headcount);
                gap.site_ids.push(s.site_id().to_owned());
            }
        }
    }
    if !sites.is_empty() {
        g.average_score = ((sum + sites.len() as u64 / 2) / sites.len() as u64) as u8;
        g.weighted_score = ((wsum + weights / 2) / weights.max(1)) as u8;
    }
    for gap in &mut gaps {
        gap.impact = (gap.impact * 10.0).round() / 10.0;
    }
    gaps.sort_by(|a, b| {
        b.impact
            .total_cmp(&a.impact)
            .then(b.sites.cmp(&a.sites))
            .then(a.code.cmp(&b.code))
    });
    gaps.truncate(TOP_GAPS);
    g.top_gaps = gaps;
    g
}

pub(crate) fn rollup<S: RollupSite>(sites: &[S]) -> Rollup {
    let all: Vec<&S> = sites.iter().collect();
    let mut regions: Vec<(&str, &str)> = Vec::new();
    for s in sites {
        if !regions.iter().any(|(id, _)| *id == s.region()) {
            regions.push((s.region(), s.region_name()));
        }
    }
    Rollup {
        worldwide: group(None, "Worldwide".into(), &all),
        regions: regions
            .into_iter()
            .map(|(id, name)| {
                let members: Vec<&S> = sites.iter().filter(|s| s.region() == id).collect();
                group(Some(id.to_owned()), name.to_owned(), &members)
            })
            .collect(),
    }
}
