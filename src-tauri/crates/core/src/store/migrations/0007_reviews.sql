-- Schema version 7: readiness reviews (ISO 22301 §9.3), stored with their decisions and actions.
-- (Version 6 is another change's; see MIGRATIONS in migrate.rs.)
--
-- A review covers the portfolio, a region or a site as of a date. It is open while the reviewers
-- record decisions and actions, and signed once signed off: then it is frozen (the store refuses
-- new items and a second sign-off), except that its actions can still be marked done — that is
-- what the next review reports on.
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('portfolio', 'region', 'site')),
    -- The region or site id; NULL for the portfolio. No foreign key: a review outlives a
    -- deleted site, as the audit trail does.
    scope_id TEXT,
    as_of TEXT NOT NULL,
    started_at TEXT NOT NULL,
    started_by TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'signed')),
    signed_off_at TEXT,
    -- JSON array of the names of those who signed off.
    signed_by TEXT,
    CHECK ((scope_kind = 'portfolio') = (scope_id IS NULL)),
    CHECK ((status = 'signed') = (signed_off_at IS NOT NULL))
);
CREATE INDEX reviews_scope ON reviews (scope_kind, scope_id, id);

CREATE TABLE review_items (
    id INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('decision', 'action')),
    text TEXT NOT NULL CHECK (length(trim(text)) > 0),
    -- Actions only: who owns it, by when, and when it was done.
    owner TEXT,
    due TEXT,
    done TEXT,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    CHECK (kind = 'action' OR (owner IS NULL AND due IS NULL AND done IS NULL)),
    CHECK (kind = 'decision' OR (owner IS NOT NULL AND due IS NOT NULL))
);
CREATE INDEX review_items_review ON review_items (review_id, id);
