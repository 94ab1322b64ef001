-- Continuum schema, version 5: the draft version of an approved plan.
--
-- "Revise" on an approved plan starts the next version as a draft while the approved one stays
-- in force. The plan in force keeps its normalised rows (what readiness and the documents'
-- queries read); the draft is the whole next version as JSON (the plan-file form of a `Plan`),
-- NULL when there is none. The draft is read and written whole, never queried by its parts,
-- and the store checks its references (people, roles, processes) with the import's rules on
-- every write, as it does for the plan in force.

ALTER TABLE plans ADD COLUMN draft TEXT;
