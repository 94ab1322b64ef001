//! The readiness engine over the store: the policy in force, readiness of every site or one,
//! the forecast and the roll-ups. The SQL is in [`super::load`]; the rules are the pure
//! functions of [`crate::readiness`], which never reach back into the store.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::load::{self, Scope};
use super::Store;
use crate::readiness::{self, Policy, Rollup, SiteForecast, SiteReadiness};
use crate::{Error, Result};

impl Store {
    /// The readiness policy stored with the portfolio (the default if the store has none yet).
    pub fn policy(&self) -> Result<Policy> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT readiness FROM portfolio WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?
            .flatten();
        Policy::from_stored(text.as_deref())
    }

    /// Readiness of every site as of `as_of` under the stored policy, in region order then
    /// site id.
    pub fn readiness(&self, as_of: NaiveDate) -> Result<Vec<SiteReadiness>> {
        self.readiness_with(as_of, &self.policy()?)
    }

    /// Readiness of every site under a policy of the caller's (what-if views, tests).
    pub fn readiness_with(&self, as_of: NaiveDate, policy: &Policy) -> Result<Vec<SiteReadiness>> {
        assess_all(&self.conn, as_of, policy)
    }

    /// Readiness of one site (a handful of indexed queries: fast enough for an interactive
    /// view). `NotFound` for an unknown site.
    pub fn site_readiness(&self, site_id: &str, as_of: NaiveDate) -> Result<SiteReadiness> {
        self.site_readiness_with(site_id, as_of, &self.policy()?)
    }

    pub fn site_readiness_with(
        &self,
        site_id: &str,
        as_of: NaiveDate,
        policy: &Policy,
    ) -> Result<SiteReadiness> {
        let input = load::load(&self.conn, Scope::Site(site_id), as_of)?;
        readiness::assess_input(&input, as_of, policy)
            .pop()
            .ok_or_else(|| Error::not_found("site", site_id))
    }

    /// What changes over the `days` after `as_of` if nobody acts, per site, and when each site
    /// would drop a band.
    pub fn forecast(&self, as_of: NaiveDate, days: u32) -> Result<Vec<SiteForecast>> {
        self.forecast_with(as_of, days, &self.policy()?)
    }

    pub fn forecast_with(
        &self,
        as_of: NaiveDate,
        days: u32,
        policy: &Policy,
    ) -> Result<Vec<SiteForecast>> {
        let input = load::load(&self.conn, Scope::All, as_of)?;
        Ok(readiness::forecast_input(&input, as_of, days, policy))
    }

    /// Roll-ups by region and worldwide, with the top gaps, as of a date.
    pub fn rollup(&self, as_of: NaiveDate) -> Result<Rollup> {
        Ok(readiness::rollup(&self.readiness(as_of)?))
    }

    /// The benchmark's baseline: runs every query the engine runs for the whole portfolio and
    /// only touches the values. Returns the number of rows read.
    pub fn raw_read(&self, as_of: NaiveDate) -> Result<usize> {
        load::raw_read(&self.conn, as_of)
    }
}

/// Every site, in region order then site id: on a plain connection or inside a transaction.
pub(super) fn assess_all(
    conn: &Connection,
    as_of: NaiveDate,
    policy: &Policy,
) -> Result<Vec<SiteReadiness>> {
    let input = load::load_base(conn, Scope::All, as_of)?;
    readiness::assess_overlapped(input, as_of, policy, |input| {
        load::load_training(conn, Scope::All, as_of, input)
    })
}
