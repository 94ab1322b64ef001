-- Continuum schema, version 6: who took part in an exercise and the scenario played.
--
-- Participants are person references like a finding's owner, kept as rows so a person's
-- removal is checked against them; the scenario is free text. Exercises stored before this
-- version have neither: no rows, an empty scenario.

ALTER TABLE exercises ADD COLUMN scenario TEXT NOT NULL DEFAULT '';

CREATE TABLE exercise_participants (
    exercise_id TEXT NOT NULL REFERENCES exercises(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    person_id   TEXT NOT NULL REFERENCES people(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (exercise_id, position)
) WITHOUT ROWID;
