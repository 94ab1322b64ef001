-- Continuum schema, version 3: each site's last computed readiness, so that start-up shows the
-- dashboard without re-scoring the whole portfolio.
--
-- A row is valid only for its as-of date and policy fingerprint (the policy in force and the
-- version of the rules it was scored with). Every write that replaces or edits a site deletes
-- that site's row in the same transaction (the cascade covers deletion too), and a change of
-- the catalogues (regions, roles, courses, policy) empties the table. A later migration that
-- rewrites site data must empty it as well.
CREATE TABLE readiness_cache (
    site_id     TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
    as_of       TEXT NOT NULL,
    policy      TEXT NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    status      TEXT NOT NULL CHECK (status IN ('ready', 'at_risk', 'not_ready')),
    readiness   TEXT NOT NULL    -- the site's SiteReadiness as JSON
) WITHOUT ROWID;
