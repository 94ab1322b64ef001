//! The settings page's side of the store: the catalogue (regions, roles, courses) and the
//! readiness policy saved as one portfolio edit, and a preview of what a policy would change
//! before it is saved.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Portfolio, ReadinessSettings};
use crate::readiness::{Policy, Status};
use crate::{validate, Error, Result, Store};

/// One site whose band a policy would change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct BandChange {
    pub site_id: String,
    pub site_name: String,
    pub region_name: String,
    pub score_before: u8,
    pub before: Status,
    pub score_after: u8,
    pub after: Status,
}

/// What saving a readiness policy would do to the portfolio as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PolicyPreview {
    pub as_of: NaiveDate,
    #[ts(type = "number")]
    pub sites: usize,
    /// Sites whose score would change (a band change or not).
    #[ts(type = "number")]
    pub scores_changed: usize,
    /// Sites that would change band: those falling first, then rising; by site within each.
    pub changes: Vec<BandChange>,
}

impl Store {
    /// Scores every site under the stored policy and under `settings`, and says which would
    /// change band. Settings the import would refuse are refused here with the same message.
    pub fn policy_preview(
        &self,
        settings: &ReadinessSettings,
        as_of: NaiveDate,
    ) -> Result<PolicyPreview> {
        let mut portfolio = self.portfolio()?;
        portfolio.readiness = Some(settings.clone());
        check(&portfolio)?;
        let before = self.readiness(as_of)?;
        let after = self.readiness_with(as_of, &Policy::from_settings(Some(settings)))?;
        let mut scores_changed = 0;
        let mut changes = Vec::new();
        // Both lists are in the engine's order (region, then site id), one entry per site.
        for (b, a) in before.iter().zip(&after) {
            debug_assert_eq!(b.site_id, a.site_id);
            if b.score != a.score || b.status != a.status {
                scores_changed += 1;
            }
            if b.status != a.status {
                changes.push(BandChange {
                    site_id: a.site_id.clone(),
                    site_name: a.site_name.clone(),
                    region_name: a.region_name.clone(),
                    score_before: b.score,
                    before: b.status,
                    score_after: a.score,
                    after: a.status,
                });
            }
        }
        changes.sort_by(|x, y| {
            let rises = |c: &BandChange| c.after > c.before;
            (rises(x), &x.site_id).cmp(&(rises(y), &y.site_id))
        });
        Ok(PolicyPreview {
            as_of,
            sites: before.len(),
            scores_changed,
            changes,
        })
    }

    /// Saves the portfolio's name, catalogues and policy as they come from the settings page,
    /// in one edit: refused, changing nothing, if the import would refuse the portfolio file or
    /// a site still uses an entry the change removes.
    pub fn save_portfolio(&mut self, portfolio: Portfolio) -> Result<()> {
        check(&portfolio)?;
        self.edit_portfolio(|p| {
            let (format, written_for) = (p.format, p.written_for);
            *p = Portfolio {
                format,
                written_for,
                ..portfolio
            };
            Ok(())
        })
    }
}

fn check(portfolio: &Portfolio) -> Result<()> {
    let problems = validate::check(portfolio, &[]);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::PlanFiles(problems))
    }
}
