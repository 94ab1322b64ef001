//! The readiness cache: each site's last computed readiness, so the app can show its dashboard
//! at start-up without re-scoring a portfolio that has not changed.
//!
//! A row holds one site's `SiteReadiness` for one as-of date under one policy fingerprint.
//! Rows are invalidated where the data changes, in the same transaction: `write::delete_site`
//! (every replacement or edit of a site goes through it) removes the site's row, and a change
//! of the catalogues removes them all. A row for another date or another policy is simply
//! stale. `Store::readiness_cached` re-scores only the sites whose row is missing or stale:
//! one at a time when they are few (an edited site), the whole portfolio in bulk when they are
//! many (a new day), so it is never slower than scoring everything.

use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};

use super::load::{self, Scope};
use super::{engine, Store};
use crate::readiness::{self, Policy, SiteReadiness, RULES_VERSION};
use crate::Result;

/// Stale sites up to which they are re-scored one by one rather than with the whole portfolio
/// (a site's own queries cost about what a few dozen sites' share of the bulk read does).
const ONE_BY_ONE: usize = 32;

/// What a policy and this build's rules give a fingerprint of: a stable 64-bit FNV-1a hash of
/// the policy's JSON, the rules version and the crate version, so results scored by an older
/// build or another policy are never taken for current ones.
pub(crate) fn fingerprint(policy: &Policy) -> String {
    let text = format!(
        "{}|rules {RULES_VERSION}|{}",
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

/// Each site, in the engine's order (region, then id), with its cached readiness if the row is
/// valid for the date and policy.
fn cached(
    conn: &Connection,
    as_of: NaiveDate,
    policy: &str,
) -> Result<Vec<(String, Option<SiteReadiness>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, c.readiness FROM sites s JOIN regions r ON r.id = s.region_id
         LEFT JOIN readiness_cache c ON c.site_id = s.id AND c.as_of = ?1 AND c.policy = ?2
         ORDER BY r.position, s.id",
    )?;
    let mut rows = stmt.query(params![as_of, policy])?;
    let mut list = Vec::new();
    while let Some(r) = rows.next()? {
        let json: Option<String> = r.get(1)?;
        // A row that no longer reads as a SiteReadiness is stale, not an error: score again.
        let readiness = json.and_then(|j| serde_json::from_str::<SiteReadiness>(&j).ok());
        list.push((r.get(0)?, readiness));
    }
    Ok(list)
}

fn put(tx: &Transaction, policy: &str, site: &SiteReadiness) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO readiness_cache (site_id, as_of, policy, score, status, readiness)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(site_id) DO UPDATE SET as_of = excluded.as_of, policy = excluded.policy,
           score = excluded.score, status = excluded.status, readiness = excluded.readiness",
    )?
    .execute(params![
        site.site_id,
        site.as_of,
        policy,
        site.score,
        site.status.as_str(),
        serde_json::to_string(site).expect("readiness serialises"),
    ])?;
    Ok(())
}

impl Store {
    /// Readiness of every site as of `as_of` under the stored policy, as [`Store::readiness`]
    /// gives it, but re-scoring only the sites changed since their last scoring (or all of them
    /// when the date or the policy changed). What the app's start-up shows.
    pub fn readiness_cached(&mut self, as_of: NaiveDate) -> Result<Vec<SiteReadiness>> {
        Ok(self.refresh_cache(as_of)?.0)
    }

    /// The cached readiness and how many sites had to be scored again.
    pub(crate) fn refresh_cache(
        &mut self,
        as_of: NaiveDate,
    ) -> Result<(Vec<SiteReadiness>, usize)> {
        let policy = self.policy()?;
        let print = fingerprint(&policy);
        // Read first without the write lock: on an unchanged portfolio nothing is written.
        let rows = cached(&self.conn, as_of, &print)?;
        if rows.iter().all(|(_, r)| r.is_some()) {
            return Ok((rows.into_iter().filter_map(|(_, r)| r).collect(), 0));
        }
        let tx = self.write()?;
        // Again inside the transaction: another process may have written in between.
        let rows = cached(&tx, as_of, &print)?;
        let stale = rows.iter().filter(|(_, r)| r.is_none()).count();
        let sites: Vec<SiteReadiness> = if stale <= ONE_BY_ONE && stale * 8 <= rows.len() {
            let mut sites = Vec::with_capacity(rows.len());
            for (id, row) in rows {
                let site = match row {
                    Some(site) => site,
                    None => {
                        let input = load::load(&tx, Scope::Site(&id), as_of)?;
                        let site = readiness::assess_input(&input, as_of, &policy)
                            .pop()
                            .expect("the site was just listed");
                        put(&tx, &print, &site)?;
                        site
                    }
                };
                sites.push(site);
            }
            sites
        } else {
            let sites = engine::assess_all(&tx, as_of, &policy)?;
            for (site, (_, row)) in sites.iter().zip(&rows) {
                if row.is_none() {
                    put(&tx, &print, site)?;
                }
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
        assert_eq!(first, store.readiness(day).unwrap(), "same as uncached");
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
        assert_eq!(sites, store.readiness(day).unwrap());
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
        assert_eq!(sites, store.readiness(day).unwrap());
    }

    #[test]
    fn a_new_date_or_policy_rescores_every_site() {
        let (mut store, day) = demo();
        store.refresh_cache(day).unwrap();
        let later = day + chrono::Days::new(45);
        let (sites, scored) = store.refresh_cache(later).unwrap();
        assert_eq!(scored, 20);
        assert_eq!(sites, store.readiness(later).unwrap());
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
        assert_eq!(sites, store.readiness(later).unwrap());
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
        assert_eq!(sites, store.readiness(day).unwrap());
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
