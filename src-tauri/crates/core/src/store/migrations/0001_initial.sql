-- Continuum schema, version 1.
-- Ids are the plan files' ids (text, global). `position` keeps the order authors wrote lists in,
-- so that export gives back the same file. Lists only ever read whole with their plan (texts,
-- contacts, vital records…) are JSON columns; everything the readiness engine queries or that
-- refers to another row is a table with foreign keys.

CREATE TABLE portfolio (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    written_for TEXT
);

CREATE TABLE regions (
    id          TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL
);

CREATE TABLE roles (
    id          TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    critical    INTEGER NOT NULL,
    description TEXT NOT NULL
);

CREATE TABLE courses (
    id              TEXT PRIMARY KEY,
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    validity_months INTEGER
);

CREATE TABLE course_roles (
    course_id   TEXT NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
    role_id     TEXT NOT NULL REFERENCES roles(id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (course_id, role_id)
) WITHOUT ROWID;

CREATE TABLE sites (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    country     TEXT NOT NULL,
    region_id   TEXT NOT NULL REFERENCES regions(id),
    city        TEXT NOT NULL,
    latitude    REAL NOT NULL,
    longitude   REAL NOT NULL,
    time_zone   TEXT NOT NULL,
    tier        INTEGER NOT NULL,
    headcount   INTEGER NOT NULL,
    lead_id     TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    written_for TEXT
);
CREATE INDEX sites_region ON sites(region_id);

CREATE TABLE people (
    id          TEXT PRIMARY KEY,
    site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    title       TEXT NOT NULL,
    email       TEXT NOT NULL,
    phones      TEXT NOT NULL,   -- JSON array of {label, number}
    active      INTEGER NOT NULL
);
CREATE INDEX people_site ON people(site_id, position);

CREATE TABLE processes (
    id              TEXT PRIMARY KEY,
    site_id         TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL,
    owner_id        TEXT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    criticality     TEXT NOT NULL,
    rto_minutes     INTEGER NOT NULL,
    rpo_minutes     INTEGER NOT NULL,
    mtpd_minutes    INTEGER NOT NULL,
    dependencies    TEXT NOT NULL,   -- JSON array of {kind, name}
    minimum_staff   INTEGER NOT NULL
);
CREATE INDEX processes_site ON processes(site_id, position);

CREATE TABLE plans (
    id                      TEXT PRIMARY KEY,
    site_id                 TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    position                INTEGER NOT NULL,
    title                   TEXT NOT NULL,
    kind                    TEXT NOT NULL,
    owner_id                TEXT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    version                 TEXT NOT NULL,
    status                  TEXT NOT NULL,
    approver_id             TEXT REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    approved_on             TEXT,
    last_reviewed           TEXT,
    review_interval_months  INTEGER NOT NULL,
    purpose                 TEXT NOT NULL,
    scope                   TEXT NOT NULL,
    objectives              TEXT NOT NULL,   -- JSON array of text
    assumptions             TEXT NOT NULL,   -- JSON array of text
    scenarios               TEXT NOT NULL,   -- JSON array of scenario names
    activation_criteria     TEXT NOT NULL,   -- JSON array of text
    relocation              TEXT,            -- JSON object
    vital_records           TEXT NOT NULL,   -- JSON array
    contacts                TEXT NOT NULL    -- JSON array
);
CREATE INDEX plans_site ON plans(site_id, position);

CREATE TABLE plan_processes (
    plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    process_id  TEXT NOT NULL REFERENCES processes(id) DEFERRABLE INITIALLY DEFERRED,
    position    INTEGER NOT NULL,
    PRIMARY KEY (plan_id, process_id)
) WITHOUT ROWID;

CREATE TABLE plan_roles (
    plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    role_id     TEXT NOT NULL REFERENCES roles(id),
    position    INTEGER NOT NULL,
    alternates  INTEGER NOT NULL,
    PRIMARY KEY (plan_id, role_id)
) WITHOUT ROWID;

-- Who may activate (`activate`) or stand down (`stand_down`) a plan.
CREATE TABLE plan_authorities (
    plan_id     TEXT NOT NULL,
    authority   TEXT NOT NULL CHECK (authority IN ('activate', 'stand_down')),
    role_id     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (plan_id, authority, position),
    FOREIGN KEY (plan_id, role_id) REFERENCES plan_roles(plan_id, role_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE assignments (
    plan_id     TEXT NOT NULL,
    role_id     TEXT NOT NULL,
    rank        INTEGER NOT NULL,   -- 0 = primary, 1.. = alternates in call order
    position    INTEGER NOT NULL,
    person_id   TEXT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (plan_id, role_id, rank),
    FOREIGN KEY (plan_id, role_id) REFERENCES plan_roles(plan_id, role_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX assignments_person ON assignments(person_id);

CREATE TABLE steps (
    plan_id         TEXT NOT NULL,
    position        INTEGER NOT NULL,
    phase           TEXT NOT NULL,
    action          TEXT NOT NULL,
    role_id         TEXT NOT NULL,
    target_minutes  INTEGER NOT NULL,
    PRIMARY KEY (plan_id, position),
    FOREIGN KEY (plan_id, role_id) REFERENCES plan_roles(plan_id, role_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE plan_resources (
    plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    quantity    INTEGER NOT NULL,
    PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;

CREATE TABLE communications (
    plan_id     TEXT NOT NULL,
    position    INTEGER NOT NULL,
    audience    TEXT NOT NULL,
    message     TEXT NOT NULL,
    channel     TEXT NOT NULL,
    timing      TEXT NOT NULL,
    role_id     TEXT NOT NULL,
    PRIMARY KEY (plan_id, position),
    FOREIGN KEY (plan_id, role_id) REFERENCES plan_roles(plan_id, role_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE distribution (
    plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    person_id   TEXT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;

CREATE TABLE revisions (
    plan_id     TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    version     TEXT NOT NULL,
    date        TEXT NOT NULL,
    author_id   TEXT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    summary     TEXT NOT NULL,
    PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;

CREATE TABLE inventory (
    site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    quantity    INTEGER NOT NULL,
    location    TEXT NOT NULL,
    PRIMARY KEY (site_id, position)
) WITHOUT ROWID;

CREATE TABLE training_records (
    person_id   TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    course_id   TEXT NOT NULL REFERENCES courses(id),
    completed   TEXT NOT NULL,
    site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (person_id, course_id, completed)
) WITHOUT ROWID;
CREATE INDEX training_site ON training_records(site_id, position);

CREATE TABLE exercises (
    id          TEXT PRIMARY KEY,
    site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    date        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    summary     TEXT NOT NULL
);
CREATE INDEX exercises_site ON exercises(site_id, position);

CREATE TABLE exercise_plans (
    exercise_id TEXT NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    plan_id     TEXT NOT NULL REFERENCES plans(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (exercise_id, position)
) WITHOUT ROWID;

CREATE TABLE exercise_results (
    exercise_id         TEXT NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    position            INTEGER NOT NULL,
    plan_id             TEXT NOT NULL REFERENCES plans(id) DEFERRABLE INITIALLY DEFERRED,
    recovery_minutes    INTEGER NOT NULL,
    PRIMARY KEY (exercise_id, position)
) WITHOUT ROWID;

CREATE TABLE findings (
    id          TEXT PRIMARY KEY,
    exercise_id TEXT NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    description TEXT NOT NULL,
    severity    TEXT NOT NULL,
    action      TEXT NOT NULL,
    owner_id    TEXT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    due         TEXT NOT NULL,
    closed      TEXT
);
CREATE INDEX findings_exercise ON findings(exercise_id, position);
