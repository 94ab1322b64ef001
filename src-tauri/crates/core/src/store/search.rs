//! The people half of the search box: people whose name or e-mail contains the folded query,
//! with the recovery roles they hold.
//!
//! Matching happens in Rust rather than with SQL `LIKE`, whose case folding is ASCII-only
//! ("münchen" would not find "München").

use crate::views::{HeldRole, SearchHit};
use crate::{Result, Store};

impl Store {
    /// People whose folded name or e-mail contains `needle` (already folded), at most `limit`.
    pub(crate) fn search_people(&self, needle: &str, limit: usize) -> Result<Vec<SearchHit>> {
        search_people(&self.conn, needle, limit)
    }
}

fn search_people(
    conn: &rusqlite::Connection,
    needle: &str,
    limit: usize,
) -> Result<Vec<SearchHit>> {
    use crate::views::fold;
    if limit == 0 {
        return Ok(Vec::new());
    }
    let mut people = conn.prepare_cached(
        "SELECT p.id, p.name, p.title, p.email, p.active, s.id, s.name
         FROM people p JOIN sites s ON s.id = p.site_id
         ORDER BY p.name, p.id",
    )?;
    let mut roles = conn.prepare_cached(
        "SELECT a.plan_id, pl.title, a.role_id, r.name, a.rank
         FROM assignments a
         JOIN plans pl ON pl.id = a.plan_id
         JOIN roles r ON r.id = a.role_id
         WHERE a.person_id = ?1
         ORDER BY pl.position, a.rank, r.position",
    )?;
    let mut hits = Vec::new();
    let mut rows = people.query([])?;
    while let Some(row) = rows.next()? {
        let name: String = row.get(1)?;
        let email: String = row.get(3)?;
        if !fold(&name).contains(needle) && !fold(&email).contains(needle) {
            continue;
        }
        let person_id: String = row.get(0)?;
        let held = roles
            .query_map([&person_id], |r| {
                Ok(HeldRole {
                    plan_id: r.get(0)?,
                    plan_title: r.get(1)?,
                    role_id: r.get(2)?,
                    role_name: r.get(3)?,
                    rank: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        hits.push(SearchHit::Person {
            person_id,
            name,
            title: row.get(2)?,
            active: row.get(4)?,
            site_id: row.get(5)?,
            site_name: row.get(6)?,
            roles: held,
        });
        if hits.len() == limit {
            break;
        }
    }
    Ok(hits)
}
