-- Continuum schema, version 4: the audit trail, what undo needs, the store's settings, and
-- indexes on foreign keys that had none.
--
-- Every write of the store is one action (`audit_changes`) with its field-level entries
-- (`audit`), written in the same transaction as the change. Both are append-only: the triggers
-- below refuse any UPDATE or DELETE ("the trail itself cannot be edited through any command").
-- No foreign key ties them to the sites: a deleted site keeps its history.

CREATE TABLE audit_changes (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,      -- UTC, RFC 3339
    who         TEXT NOT NULL,
    source      TEXT NOT NULL,      -- app, cli or import
    summary     TEXT NOT NULL,      -- e.g. "save person tyo-ken", "import of 3 site file(s)"
    undoes      INTEGER REFERENCES audit_changes(id)   -- set on an undo: the action undone
);
CREATE INDEX audit_changes_undoes ON audit_changes(undoes) WHERE undoes IS NOT NULL;

CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    change_id   INTEGER NOT NULL REFERENCES audit_changes(id),
    at          TEXT NOT NULL,      -- as the action's, repeated so the trail reads on its own
    who         TEXT NOT NULL,
    source      TEXT NOT NULL,
    site_id     TEXT,               -- NULL for the portfolio (catalogues, readiness policy)
    entity      TEXT NOT NULL,      -- site, person, process, plan, exercise, finding, training,
                                    -- inventory, portfolio, region, role, course, policy
    entity_id   TEXT NOT NULL,
    field       TEXT NOT NULL,      -- path inside the entity, e.g. steps[3].action; '' = itself
    old         TEXT,               -- JSON; NULL: absent (added)
    new         TEXT                -- JSON; NULL: absent (removed)
);
CREATE INDEX audit_site ON audit(site_id, at);
CREATE INDEX audit_entity ON audit(entity, entity_id);
CREATE INDEX audit_change ON audit(change_id);

CREATE TRIGGER audit_changes_no_update BEFORE UPDATE ON audit_changes
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
CREATE TRIGGER audit_changes_no_delete BEFORE DELETE ON audit_changes
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;

-- The state before each of the latest actions, for undo: one row per site (site_id) or for the
-- portfolio (site_id NULL) the action touched; `before` is its JSON, NULL where it did not
-- exist yet. Only the latest actions keep theirs (the store drops older rows): this is undo
-- data, not the trail.
CREATE TABLE audit_undo (
    change_id   INTEGER NOT NULL REFERENCES audit_changes(id),
    site_id     TEXT,
    before      TEXT
);
CREATE INDEX audit_undo_change ON audit_undo(change_id);

-- Settings of this database, e.g. `user_name` (the name changes are recorded under).
CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
) WITHOUT ROWID;

-- Indexes on the foreign keys that had none. Replacing a site (every edit, every re-import)
-- deletes its people and plans, and SQLite checks each reference to them: without these it
-- scanned whole tables per person (measured on 2,000 generated sites: 0.68 s to replace one
-- site, 6 ms with them).
CREATE INDEX IF NOT EXISTS processes_owner ON processes(owner_id);
CREATE INDEX IF NOT EXISTS plans_owner ON plans(owner_id);
CREATE INDEX IF NOT EXISTS plans_approver ON plans(approver_id);
CREATE INDEX IF NOT EXISTS distribution_person ON distribution(person_id);
CREATE INDEX IF NOT EXISTS revisions_author ON revisions(author_id);
CREATE INDEX IF NOT EXISTS findings_owner ON findings(owner_id);
CREATE INDEX IF NOT EXISTS sites_lead ON sites(lead_id);
CREATE INDEX IF NOT EXISTS plan_processes_process ON plan_processes(process_id);
CREATE INDEX IF NOT EXISTS exercise_plans_plan ON exercise_plans(plan_id);
CREATE INDEX IF NOT EXISTS exercise_results_plan ON exercise_results(plan_id);
