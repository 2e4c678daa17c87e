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
