-- Continuum schema, version 2: the readiness policy, an index for the readiness engine, and
-- readiness snapshots.

-- The portfolio file's optional `readiness` section, as JSON text (NULL when left out).
ALTER TABLE portfolio ADD COLUMN readiness TEXT;

-- One row per site per day a snapshot was recorded (`continuum snapshot`): history for trends.
-- No foreign key to sites: the history of a site stays when the site is deleted.
CREATE TABLE readiness_snapshots (
    site_id     TEXT NOT NULL,
    date        TEXT NOT NULL,
    score       INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
    status      TEXT NOT NULL CHECK (status IN ('ready', 'at_risk', 'not_ready')),
    components  TEXT NOT NULL,   -- JSON object {component name: score}
    PRIMARY KEY (site_id, date)
) WITHOUT ROWID;
CREATE INDEX readiness_snapshots_date ON readiness_snapshots(date);

-- The readiness engine reads the completions of the courses roles require, for the whole
-- portfolio at once: with this covering index it reads only those (about half the table in a
-- typical portfolio) and never touches the table itself.
CREATE INDEX training_course ON training_records(course_id, person_id, completed);
