-- Activities beside the consultations: 业务培训 for liaison group
-- leaders and liaison officers, 观摩学习 (one township watching
-- another's consultation), 座谈交流.  They are meetings as consultations
-- are: their participants and attendance have the same shape
-- (tx-meeting.c reads and writes both).

CREATE TABLE IF NOT EXISTS activity (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('training', 'observation', 'exchange')),
  title        TEXT NOT NULL CHECK (length (trim (title)) > 0),
  township_id  INTEGER REFERENCES township (id),   -- who organises it; NULL: the city office
  starts_at    TEXT NOT NULL,                      -- YYYY-MM-DD, or with the time and offset
  ends_at      TEXT,
  venue        TEXT NOT NULL DEFAULT '',
  notes        TEXT NOT NULL DEFAULT '',
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT
);

CREATE INDEX IF NOT EXISTS activity_starts ON activity (starts_at) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS activity_organiser ON activity (township_id);

-- The townships taking part, beside the organiser
CREATE TABLE IF NOT EXISTS activity_township (
  activity_id  INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  township_id  INTEGER NOT NULL REFERENCES township (id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, township_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS activity_township_township ON activity_township (township_id);

-- As participant (a consultation's)
CREATE TABLE IF NOT EXISTS activity_participant (
  activity_id  INTEGER NOT NULL REFERENCES activity (id) ON DELETE CASCADE,
  person_id    INTEGER NOT NULL REFERENCES person (id),
  role         TEXT NOT NULL DEFAULT 'observer'
               CHECK (role IN ('host', 'liaison', 'deputy', 'member', 'expert',
                               'stakeholder', 'official', 'observer')),
  invited      INTEGER NOT NULL DEFAULT 1 CHECK (invited IN (0, 1)),
  attended     INTEGER CHECK (attended IN (0, 1)),   -- NULL: not yet known
  position     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (activity_id, person_id)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS activity_participant_person ON activity_participant (person_id);

-- The version both offices last held, kept when it is changed here
-- (as for the other records: 0011-conflicts.sql)
CREATE TRIGGER IF NOT EXISTS activity_base AFTER UPDATE OF updated_at, deleted_at ON activity
  WHEN NEW.updated_at IS NOT OLD.updated_at OR NEW.deleted_at IS NOT OLD.deleted_at
  BEGIN
    INSERT INTO base (kind, uuid, updated)
      SELECT 'activity', OLD.uuid, max (OLD.updated_at, coalesce (OLD.deleted_at, ''))
      WHERE NOT EXISTS (SELECT 1 FROM base WHERE kind = 'activity' AND uuid = OLD.uuid);
  END;

-- A deletion of an activity never held here travels on as the others'
-- do: the tombstones take the kind
CREATE TABLE IF NOT EXISTS tombstone_new (
  kind        TEXT NOT NULL CHECK (kind IN ('township', 'person', 'consultation', 'outcome', 'activity')),
  uuid        TEXT NOT NULL,
  deleted_at  TEXT NOT NULL,
  PRIMARY KEY (kind, uuid)
) WITHOUT ROWID;
INSERT OR REPLACE INTO tombstone_new (kind, uuid, deleted_at) SELECT kind, uuid, deleted_at FROM tombstone;
DROP TABLE tombstone;
ALTER TABLE tombstone_new RENAME TO tombstone;
