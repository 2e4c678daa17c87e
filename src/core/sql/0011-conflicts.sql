-- What was received, and what is still to decide.
--
-- A record received from another office carries that office's
-- "updated".  When it is changed here afterwards, the stamp it had
-- before (the version both offices last held) is kept in `base`: a
-- record with a row here was changed since it was last received, one
-- without was not.  The import of a file compares the file's version
-- with it: changed on one side only, the change is taken (or kept);
-- changed on both, it is a conflict.  A record received again (or a
-- conflict decided) loses its row.

CREATE TABLE IF NOT EXISTS base (
  kind     TEXT NOT NULL,   -- township, person, consultation, outcome
  uuid     TEXT NOT NULL,
  updated  TEXT NOT NULL,   -- the stamp it had when last received, or made
  PRIMARY KEY (kind, uuid)
) WITHOUT ROWID;

-- The first change of a record after it was received keeps the stamp
-- it had; later ones keep the first's.  A deletion is a change.  (Not
-- with OR IGNORE: the policy of the statement that fires a trigger,
-- an upsert's, overrides the trigger's own.)
CREATE TRIGGER IF NOT EXISTS township_base AFTER UPDATE OF updated_at, deleted_at ON township
  WHEN NEW.updated_at IS NOT OLD.updated_at OR NEW.deleted_at IS NOT OLD.deleted_at
  BEGIN
    INSERT INTO base (kind, uuid, updated)
      SELECT 'township', OLD.uuid, max (OLD.updated_at, coalesce (OLD.deleted_at, ''))
      WHERE NOT EXISTS (SELECT 1 FROM base WHERE kind = 'township' AND uuid = OLD.uuid);
  END;

CREATE TRIGGER IF NOT EXISTS person_base AFTER UPDATE OF updated_at, deleted_at ON person
  WHEN NEW.updated_at IS NOT OLD.updated_at OR NEW.deleted_at IS NOT OLD.deleted_at
  BEGIN
    INSERT INTO base (kind, uuid, updated)
      SELECT 'person', OLD.uuid, max (OLD.updated_at, coalesce (OLD.deleted_at, ''))
      WHERE NOT EXISTS (SELECT 1 FROM base WHERE kind = 'person' AND uuid = OLD.uuid);
  END;

CREATE TRIGGER IF NOT EXISTS consultation_base AFTER UPDATE OF updated_at, deleted_at ON consultation
  WHEN NEW.updated_at IS NOT OLD.updated_at OR NEW.deleted_at IS NOT OLD.deleted_at
  BEGIN
    INSERT INTO base (kind, uuid, updated)
      SELECT 'consultation', OLD.uuid, max (OLD.updated_at, coalesce (OLD.deleted_at, ''))
      WHERE NOT EXISTS (SELECT 1 FROM base WHERE kind = 'consultation' AND uuid = OLD.uuid);
  END;

CREATE TRIGGER IF NOT EXISTS outcome_base AFTER UPDATE OF updated_at, deleted_at ON outcome
  WHEN NEW.updated_at IS NOT OLD.updated_at OR NEW.deleted_at IS NOT OLD.deleted_at
  BEGIN
    INSERT INTO base (kind, uuid, updated)
      SELECT 'outcome', OLD.uuid, max (OLD.updated_at, coalesce (OLD.deleted_at, ''))
      WHERE NOT EXISTS (SELECT 1 FROM base WHERE kind = 'outcome' AND uuid = OLD.uuid);
  END;

-- A record changed both here and by the office that sent it, since the
-- two last held the same version (or changed there, and owned here):
-- the version here stays in its table, the sender's is kept here, as
-- the exchange file had it, until someone decides.  One open conflict
-- a record; a later file's version replaces the earlier one's.
CREATE TABLE IF NOT EXISTS conflict (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,   -- township, person, plan, consultation, outcome
  uuid            TEXT NOT NULL,   -- a plan's: "township-uuid/year"
  name            TEXT NOT NULL,   -- the record's name or title here; a plan's township
  peer            TEXT NOT NULL,   -- the office that sent it
  peer_name       TEXT NOT NULL,
  file            TEXT NOT NULL,   -- the name of the file it came in
  found_at        TEXT NOT NULL,   -- UTC
  ours_updated    TEXT NOT NULL,   -- the version here when it was found
  ours_deleted    INTEGER NOT NULL DEFAULT 0,
  theirs_updated  TEXT NOT NULL,
  theirs_deleted  INTEGER NOT NULL DEFAULT 0,
  theirs          TEXT NOT NULL,   -- the record's element, as in the file
  resolved_at     TEXT,
  resolution      TEXT CHECK (resolution IN ('ours', 'theirs'))
);

CREATE UNIQUE INDEX IF NOT EXISTS conflict_open ON conflict (kind, uuid) WHERE resolved_at IS NULL;
