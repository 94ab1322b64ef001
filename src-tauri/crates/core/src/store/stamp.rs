//! Stale edits. The app reads a site (its page) and saves a change minutes later; meanwhile the
//! CLI, an import or another window may have changed that site. A stamp is a fingerprint of the
//! site's whole content as read; an edit made with `expect_stamp` goes ahead only if the site,
//! read again inside the edit's own write transaction, still has that stamp. Otherwise it is a
//! `conflict` and nothing changes — never a silent overwrite. A content hash rather than a
//! counter, so that a change made by an older build (or by hand in SQLite) is caught as well.

use crate::model::SiteData;
use crate::{Error, Result, Store};

/// The stamp of a site: a 64-bit FNV-1a hash of its canonical JSON, as hex.
pub fn stamp(data: &SiteData) -> String {
    super::cache::fnv64(&serde_json::to_vec(data).expect("a site serialises"))
}

/// The precondition of the next edit: the site it is about and the stamp it was read with.
#[derive(Debug, Clone, Default)]
pub(crate) struct Expected(Option<(String, String)>);

impl Expected {
    /// Checks `before` (the site as the edit's transaction reads it) against the expectation,
    /// which is used up either way.
    pub(crate) fn check(&mut self, site: &str, before: &SiteData) -> Result<()> {
        match self.0.take() {
            Some((expected_site, expected)) if expected_site == site => {
                if stamp(before) == expected {
                    Ok(())
                } else {
                    Err(Error::Conflict(format!(
                        "{} was changed elsewhere since you opened it (by the CLI, an import or \
                         another window); nothing was saved — reload it and make the change again",
                        before.site.name
                    )))
                }
            }
            _ => Ok(()),
        }
    }
}

impl Store {
    /// The next edit goes ahead only if site `site` still has `stamp` (see the module docs).
    pub fn expect_stamp(&mut self, site: &str, stamp: &str) -> &mut Self {
        self.expected = Expected(Some((site.to_owned(), stamp.to_owned())));
        self
    }

    /// The current stamp of a site.
    pub fn site_stamp(&self, site: &str) -> Result<String> {
        Ok(stamp(&self.site(site)?))
    }
}
