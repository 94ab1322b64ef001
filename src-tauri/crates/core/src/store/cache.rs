//! The readiness cache: each site's last computed readiness, in the compact form the app's
//! dashboard shows, so start-up does not re-score a portfolio that has not changed.
//!
//! A row holds one site's [`Summary`] (its card's fields and what the roll-up adds up, ≈ 0.5 KB
//! of JSON in the `readiness` column) for one as-of date under one policy fingerprint. It used
//! to hold the whole `SiteReadiness` (12.4 KB a site on average, so 25 MB read and parsed at
//! 2,000 sites for a dashboard of ten fields a card); nothing but the dashboard read it back,
//! and a site page scores its site afresh. What a row holds is the cache's own layout, not the
//! schema's: a row of another layout has another fingerprint ([`CACHE_FORMAT`]) and is stale.
//!
//! Rows are invalidated where the data changes, in the same transaction: `write::delete_site`
//! (every replacement or edit of a site goes through it) removes the site's row, and a change
//! of the catalogues removes them all. A row for another date or another policy is simply
//! stale. `Store::refresh_cache` re-scores only the sites whose row is missing or stale: one
//! at a time when they are few (an edited site), the whole portfolio in bulk when they are
//! many (a new day), so it is never slower than scoring everything.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

use super::load::{self, Scope};
use super::{engine, Store};
use crate::readiness::{
    self, ComponentName, Policy, ReasonCode, RollupSite, SiteReadiness, Status, RULES_VERSION,
};
use crate::Result;

/// The layout of a cache row, part of the fingerprint: a build that stores rows another way
/// never reads these, nor this build theirs. 1: the whole `SiteReadiness`; 2: a [`Summary`].
const CACHE_FORMAT: u32 = 2;

/// Stale sites up to which they are re-scored one by one rather than with the whole portfolio
/// (a site's own queries cost about what a few dozen sites' share of the bulk read does).
const ONE_BY_ONE: usize = 32;

/// What the dashboard shows of a site's readiness (its card) and what the roll-up adds up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Summary {
    pub site_id: String,
    pub region: String,
    pub region_name: String,
    pub tier: u8,
    pub headcount: u32,
    pub score: u8,
    pub status: Status,
    pub status_reason: String,
    /// The reason that matters most, in words.
    pub top_reason: Option<String>,
    pub blockers: u32,
    /// How many plans and people the site has (what its card shows beside the readiness; any
    /// change of the site removes its row, so they stay current).
    pub plans: u32,
    pub people: u32,
    /// Every reason of every component, in order: code, component, impact (the roll-up's gaps).
    pub gaps: Vec<(ReasonCode, ComponentName, f64)>,
}

impl Summary {
    /// The summary of a site's readiness, with its counts of plans and people.
    pub(crate) fn of(r: &SiteReadiness, plans: u32, people: u32) -> Self {
        Summary {
            plans,
            people,
            ..Summary::from(r)
        }
    }
}

/// The summary without the counts (0): what a date other than the cache's needs, or a test.
impl From<&SiteReadiness> for Summary {
    fn from(r: &SiteReadiness) -> Self {
        Summary {
            plans: 0,
            people: 0,
            site_id: r.site_id.clone(),
            region: r.region.clone(),
            region_name: r.region_name.clone(),
            tier: r.tier,
            headcount: r.headcount,
            score: r.score,
            status: r.status,
            status_reason: r.status_reason.clone(),
            top_reason: r.reasons.first().map(|reason| reason.message.clone()),
            blockers: r.blockers.len() as u32,
            gaps: RollupSite::gaps(r).collect(),
        }
    }
}

impl RollupSite for Summary {
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
        self.gaps.iter().copied()
    }
}

/// What a policy and this build's rules give a fingerprint of: a stable 64-bit FNV-1a hash of
/// the policy's JSON, the rules version, the crate version and the row layout, so results
/// scored by an older build or another policy are never taken for current ones.
pub(crate) fn fingerprint(policy: &Policy) -> String {
    let text = format!(
        "{}|rules {RULES_VERSION}|{}|cache {CACHE_FORMAT}",
        serde_json::to_string(policy).expect("a policy serialises"),
        env!("CARGO_PKG_VERSION")
    );
    fnv64(text.as_bytes())
}

/// A stable 64-bit FNV-1a hash, as 16 hex digits: the policy fingerprint here and the site
/// stamps of `stamp.rs` (change detection, not security).
pub(crate) fn fnv64(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Empties the cache: the catalogues changed, so every site's reasons may read differently.
pub(crate) fn clear(tx: &Transaction) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM readiness_cache", []).map(|_| ())
}

/// Each site, in the engine's order (region, then id), with its cached summary if the row is
/// valid for the date and policy.
fn cached(
    conn: &Connection,
    as_of: NaiveDate,
    policy: &str,
) -> Result<Vec<(String, Option<Summary>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, c.readiness FROM sites s JOIN regions r ON r.id = s.region_id
         LEFT JOIN readiness_cache c ON c.site_id = s.id AND c.as_of = ?1 AND c.policy = ?2
         ORDER BY r.position, s.id",
    )?;
    let mut rows = stmt.query(params![as_of, policy])?;
    let mut list = Vec::new();
    while let Some(r) = rows.next()? {
        // A row that no longer reads as a summary is stale, not an error: score again.
        let summary = match r.get_ref(1)? {
            rusqlite::types::ValueRef::Text(t) => serde_json::from_slice::<Summary>(t).ok(),
            _ => None,
        };
        list.push((r.get(0)?, summary));
    }
    Ok(list)
}

/// Each site's number of plans and people.
fn counts(conn: &Connection) -> Result<HashMap<String, (u32, u32)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, (SELECT count(*) FROM plans p WHERE p.site_id = s.id),
                (SELECT count(*) FROM people p WHERE p.site_id = s.id)
         FROM sites s",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn put(tx: &Transaction, as_of: NaiveDate, policy: &str, site: &Summary) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO readiness_cache (site_id, as_of, policy, score, status, readiness)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(site_id) DO UPDATE SET as_of = excluded.as_of, policy = excluded.policy,
           score = excluded.score, status = excluded.status, readiness = excluded.readiness",
    )?
    .execute(params![
        site.site_id,
        as_of,
        policy,
        site.score,
        site.status.as_str(),
        serde_json::to_string(site).expect("a summary serialises"),
    ])?;
    Ok(())
}

impl Store {
    /// What the dashboard shows of every site's readiness as of `as_of` under the stored
    /// policy, in the engine's order (region, then id), re-scoring only the sites changed since
    /// their last scoring (or all of them when the date or the policy changed).
    pub(crate) fn summaries_cached(&mut self, as_of: NaiveDate) -> Result<Vec<Summary>> {
        Ok(self.refresh_cache(as_of)?.0)
    }

    /// The cached summaries and how many sites had to be scored again.
    pub(crate) fn refresh_cache(&mut self, as_of: NaiveDate) -> Result<(Vec<Summary>, usize)> {
        let policy = self.policy()?;
        let print = fingerprint(&policy);
        // Read first without the write lock: on an unchanged portfolio nothing is written.
        let rows = cached(&self.conn, as_of, &print)?;
        if rows.iter().all(|(_, r)| r.is_some()) {
            return Ok((rows.into_iter().filter_map(|(_, r)| r).collect(), 0));
        }
        // Scoring a whole portfolio writes every row in one transaction: a large write.
        self.with_large_cache(|store| store.rescore(as_of, &policy, &print))
    }

    /// Scores the sites whose row is missing or stale, stores them, and answers every site.
    fn rescore(
        &mut self,
        as_of: NaiveDate,
        policy: &Policy,
        print: &str,
    ) -> Result<(Vec<Summary>, usize)> {
        let tx = self.write()?;
        // Again inside the transaction: another process may have written in between.
        let rows = cached(&tx, as_of, print)?;
        let stale = rows.iter().filter(|(_, r)| r.is_none()).count();
        let counts = counts(&tx)?;
        let summary = |r: &SiteReadiness| {
            let (plans, people) = counts.get(&r.site_id).copied().unwrap_or_default();
            Summary::of(r, plans, people)
        };
        let sites: Vec<Summary> = if stale <= ONE_BY_ONE && stale * 8 <= rows.len() {
            let mut sites = Vec::with_capacity(rows.len());
            for (id, row) in rows {
                let site = match row {
                    Some(site) => site,
                    None => {
                        let input = load::load(&tx, Scope::Site(&id), as_of)?;
                        let full = readiness::assess_input(&input, as_of, policy)
                            .pop()
                            .expect("the site was just listed");
                        let site = summary(&full);
                        put(&tx, as_of, print, &site)?;
                        site
                    }
                };
                sites.push(site);
            }
            sites
        } else {
            let full = engine::assess_all(&tx, as_of, policy)?;
            let mut sites = Vec::with_capacity(full.len());
            for (site, (_, row)) in full.iter().zip(rows) {
                let site = match row {
                    Some(kept) => kept,
                    None => {
                        let site = summary(site);
                        put(&tx, as_of, print, &site)?;
                        site
                    }
                };
                sites.push(site);
            }
            sites
        };
        tx.commit()?;
        Ok((sites, stale))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, ReadinessSettings};

    fn demo() -> (Store, NaiveDate) {
        let mut store = Store::in_memory().unwrap();
        let day = crate::demo::written_for().unwrap();
        crate::demo::load_demo(&mut store, day).unwrap();
        (store, day)
    }

    /// The summaries of the engine's results (without the counts of plans and people).
    fn summaries(full: Vec<SiteReadiness>) -> Vec<Summary> {
        full.iter().map(Summary::from).collect()
    }

    fn uncounted(cached: &[Summary]) -> Vec<Summary> {
        let zero = |s: &Summary| Summary {
            plans: 0,
            people: 0,
            ..s.clone()
        };
        cached.iter().map(zero).collect()
    }

    fn rows(store: &Store) -> Vec<(String, String)> {
        let mut stmt = store
            .conn
            .prepare("SELECT site_id, as_of FROM readiness_cache ORDER BY site_id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn the_first_call_scores_every_site_and_the_next_none() {
        let (mut store, day) = demo();
        let (first, scored) = store.refresh_cache(day).unwrap();
        assert_eq!(scored, 20);
        assert_eq!(
            uncounted(&first),
            summaries(store.readiness(day).unwrap()),
            "same as uncached"
        );
        assert_eq!(rows(&store).len(), 20);
        let (again, scored) = store.refresh_cache(day).unwrap();
        assert_eq!(scored, 0);
        assert_eq!(again, first);
    }

    #[test]
    fn another_date_is_scored_without_touching_the_cache() {
        let (mut store, day) = demo();
        store.dashboard(day, day).unwrap();
        let kept = rows(&store);
        let later = day + chrono::Days::new(5 * 365);
        let dashboard = store.dashboard(later, day).unwrap();
        assert_eq!(dashboard.as_of, later);
        let scores: Vec<(String, u8)> = store
            .readiness(later)
            .unwrap()
            .into_iter()
            .map(|r| (r.site_id, r.score))
            .collect();
        let mut shown: Vec<(String, u8)> = dashboard
            .sites
            .into_iter()
            .map(|s| (s.id, s.score))
            .collect();
        shown.sort();
        let mut scores = scores;
        scores.sort();
        assert_eq!(shown, scores, "scored as of the date asked");
        assert_eq!(rows(&store), kept, "the cache still holds today");
        let (_, scored) = store.refresh_cache(day).unwrap();
        assert_eq!(scored, 0, "back to today costs nothing");
    }

    #[test]
    fn an_edit_rescores_only_the_site_edited() {
        let (mut store, day) = demo();
        store.refresh_cache(day).unwrap();
        let mut tokyo = store.site("tokyo").unwrap();
        let person: Person = tokyo
            .people
            .iter()
            .find(|p| {
                tokyo
                    .plans
                    .iter()
                    .any(|pl| pl.assignments.iter().any(|a| a.person == p.id))
            })
            .unwrap()
            .clone();
        store
            .save_person(
                "tokyo",
                Person {
                    active: false,
                    ..person
                },
            )
            .unwrap();
        assert!(
            !rows(&store).iter().any(|(s, _)| s == "tokyo"),
            "the edit removed tokyo's row in its own transaction"
        );
        assert_eq!(rows(&store).len(), 19);
        let (sites, scored) = store.refresh_cache(day).unwrap();
        assert_eq!(scored, 1);
        assert_eq!(uncounted(&sites), summaries(store.readiness(day).unwrap()));
        tokyo = store.site("tokyo").unwrap();
        assert!(tokyo.people.iter().any(|p| !p.active));

        // Closing a finding, deleting a site: the same.
        let finding = store
            .site("dubai")
            .unwrap()
            .exercises
            .iter()
            .flat_map(|e| e.findings.clone())
            .find(|f| f.closed.is_none());
        if let Some(f) = finding {
            store.close_finding(&f.id, day).unwrap();
            assert_eq!(store.refresh_cache(day).unwrap().1, 1);
        }
        store.delete_site("seoul").unwrap();
        let (sites, scored) = store.refresh_cache(day).unwrap();
        assert_eq!(scored, 0);
        assert_eq!(sites.len(), 19);
        assert_eq!(uncounted(&sites), summaries(store.readiness(day).unwrap()));
    }

    #[test]
    fn a_new_date_or_policy_rescores_every_site() {
        let (mut store, day) = demo();
        store.refresh_cache(day).unwrap();
        let later = day + chrono::Days::new(45);
        let (sites, scored) = store.refresh_cache(later).unwrap();
        assert_eq!(scored, 20);
        assert_eq!(
            uncounted(&sites),
            summaries(store.readiness(later).unwrap())
        );
        assert!(rows(&store).iter().all(|(_, d)| *d == later.to_string()));

        store
            .edit_portfolio(|p| {
                p.readiness = Some(ReadinessSettings {
                    ready_at: Some(95),
                    ..p.readiness.clone().unwrap_or_default()
                });
                Ok(())
            })
            .unwrap();
        let (sites, scored) = store.refresh_cache(later).unwrap();
        assert_eq!(scored, 20);
        assert_eq!(
            uncounted(&sites),
            summaries(store.readiness(later).unwrap())
        );
        assert_eq!(store.refresh_cache(later).unwrap().1, 0);
    }

    #[test]
    fn an_unchanged_catalogue_keeps_the_cache() {
        let (mut store, day) = demo();
        store.refresh_cache(day).unwrap();
        store.edit_portfolio(|_| Ok(())).unwrap();
        assert_eq!(store.refresh_cache(day).unwrap().1, 0);
        store
            .edit_portfolio(|p| {
                p.roles[0].name.push_str(" (renamed)");
                Ok(())
            })
            .unwrap();
        assert_eq!(rows(&store).len(), 0, "a renamed role empties the cache");
        let (sites, scored) = store.refresh_cache(day).unwrap();
        assert_eq!(scored, 20);
        assert_eq!(uncounted(&sites), summaries(store.readiness(day).unwrap()));
    }

    #[test]
    fn an_import_rescores_only_the_sites_imported() {
        let (mut store, day) = demo();
        store.refresh_cache(day).unwrap();
        let zurich = store.site("zurich").unwrap();
        let file = super::super::as_parsed("zurich.json".into(), zurich);
        store.replace(None, std::slice::from_ref(&file)).unwrap();
        assert_eq!(store.refresh_cache(day).unwrap().1, 1);
    }

    #[test]
    fn the_dashboard_from_the_cache_matches_the_full_results() {
        let (mut store, day) = demo();
        let first = store.dashboard(day, day).unwrap();
        assert_eq!(
            store.refresh_cache(day).unwrap().1,
            0,
            "the first call filled the cache"
        );
        let again = store.dashboard(day, day).unwrap();
        assert_eq!(again, first, "read back from the cache");
        let full = store.readiness(day).unwrap();
        assert_eq!(again.rollup, readiness::rollup(&full));
        assert_eq!(again.sites.len(), full.len());
        for card in &again.sites {
            let r = full.iter().find(|r| r.site_id == card.id).unwrap();
            assert_eq!(card.score, r.score);
            assert_eq!(card.status, r.status);
            assert_eq!(card.status_reason, r.status_reason);
            assert_eq!(
                card.top_reason,
                r.reasons.first().map(|x| x.message.clone())
            );
            assert_eq!(card.blockers as usize, r.blockers.len());
        }
        let listed = store.list_sites().unwrap();
        for (card, site) in again.sites.iter().zip(&listed) {
            assert_eq!(
                (&card.id, card.plans, card.people),
                (&site.id, site.plans, site.people)
            );
        }
        let other = store.dashboard(day + chrono::Days::new(1), day).unwrap();
        assert!(other
            .sites
            .iter()
            .zip(&again.sites)
            .all(|(a, b)| (a.plans, a.people) == (b.plans, b.people) && a.plans > 0));
    }

    #[test]
    fn a_row_of_the_old_layout_is_stale() {
        let (mut store, day) = demo();
        store.refresh_cache(day).unwrap();
        let full = store.readiness(day).unwrap();
        // A row as a build before the summaries wrote it (the whole result), even under
        // today's fingerprint, is scored again and replaced.
        store
            .conn
            .execute(
                "UPDATE readiness_cache SET readiness = ?1 WHERE site_id = ?2",
                params![serde_json::to_string(&full[0]).unwrap(), full[0].site_id],
            )
            .unwrap();
        assert_eq!(store.refresh_cache(day).unwrap().1, 1);
        assert_eq!(store.refresh_cache(day).unwrap().1, 0);
        let row: String = store
            .conn
            .query_row(
                "SELECT readiness FROM readiness_cache WHERE site_id = ?1",
                [&full[0].site_id],
                |r| r.get(0),
            )
            .unwrap();
        let kept: Summary = serde_json::from_str(&row).unwrap();
        let site = store.site(&full[0].site_id).unwrap();
        let summary = Summary::of(&full[0], site.plans.len() as u32, site.people.len() as u32);
        assert_eq!(kept, summary);
        assert!(row.len() < 2000, "a compact row: {} bytes", row.len());
    }

    #[test]
    fn the_fingerprint_follows_the_policy() {
        let a = fingerprint(&Policy::default());
        assert_eq!(a, fingerprint(&Policy::default()), "stable");
        let other = Policy {
            ready_at: 90,
            ..Policy::default()
        };
        assert_ne!(a, fingerprint(&other));
    }
}
