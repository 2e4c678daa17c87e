-- Tongxin schema, version 1: the whole domain of DESIGN §1.
--
-- Every record has a stable uuid, an updated_at (UTC, ISO 8601 with
-- milliseconds, so that text order is time order) and a soft delete.
-- Dates are 'YYYY-MM-DD'; meeting times keep their offset
-- ('2026-03-10T09:00:00+08:00').

CREATE TABLE township (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  kind        TEXT NOT NULL DEFAULT 'town'
              CHECK (kind IN ('subdistrict', 'town', 'township')),
  updated_at  TEXT NOT NULL,
  deleted_at  TEXT
);
CREATE UNIQUE INDEX township_name ON township (name) WHERE deleted_at IS NULL;

CREATE TABLE person (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  township_id   INTEGER REFERENCES township (id),
  name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
  gender        TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'male', 'female')),
  ethnicity     TEXT NOT NULL DEFAULT '',
  village       TEXT NOT NULL DEFAULT '',
  organization  TEXT NOT NULL DEFAULT '',
  title         TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  notes         TEXT NOT NULL DEFAULT '',
  -- ICU sort keys, so that the database orders (zh@collation=pinyin / stroke)
  sort_pinyin   BLOB NOT NULL DEFAULT x'',
  sort_strokes  BLOB NOT NULL DEFAULT x'',
  updated_at    TEXT NOT NULL,
  deleted_at    TEXT
);
CREATE INDEX person_pinyin ON person (sort_pinyin, id) WHERE deleted_at IS NULL;
CREATE INDEX person_strokes ON person (sort_strokes, id) WHERE deleted_at IS NULL;

CREATE TABLE person_category (
  person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  category   TEXT NOT NULL CHECK (category IN (
               'liaison_leader', 'liaison_officer', 'cppcc_member',
               'npc_deputy', 'party_deputy', 'veteran_party_member',
               'retired_cadre', 'local_notable', 'expert', 'stakeholder',
               'official', 'resident')),
  position   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, category)
) WITHOUT ROWID;

-- Full-text search over what a clerk types: names, organisations,
-- villages and titles, for queries of three characters or more.  Kept up
-- to date by the application (tx_roster_save_person), not by triggers: a
-- trigger makes every write of a person flush the FTS5 buffers, which
-- makes a large import many times slower.
CREATE VIRTUAL TABLE person_fts USING fts5 (
  name, organization, village, title,
  content = 'person', content_rowid = 'id',
  tokenize = 'trigram'
);

-- Queries of one or two characters (a surname, a two-character name,
-- 医院) are too short for trigrams: they go through this index of single
-- characters, written by the application ("王 芳" for 王芳), so a
-- two-character query is a phrase of two adjacent characters.  Rows of
-- deleted people stay; queries join the person table.
CREATE VIRTUAL TABLE person_chars USING fts5 (
  name, organization, village, title,
  tokenize = 'unicode61'
);

-- The yearly consultation plan: how many consultations a township holds.
CREATE TABLE plan (
  id             INTEGER PRIMARY KEY,
  township_id    INTEGER NOT NULL REFERENCES township (id),
  year           INTEGER NOT NULL,
  consultations  INTEGER NOT NULL CHECK (consultations >= 0),
  updated_at     TEXT NOT NULL,
  UNIQUE (township_id, year)
);

CREATE TABLE consultation (
  id              INTEGER PRIMARY KEY,
  uuid            TEXT NOT NULL UNIQUE,
  township_id     INTEGER NOT NULL REFERENCES township (id),
  title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
  topic_source    TEXT NOT NULL DEFAULT 'cppcc'
                  CHECK (topic_source IN ('party_committee', 'government', 'cppcc', 'residents')),
  orientation     TEXT NOT NULL DEFAULT 'livelihood'
                  CHECK (orientation IN ('development', 'livelihood')),
  platform        TEXT NOT NULL DEFAULT 'physical'
                  CHECK (platform IN ('physical', 'virtual')),
  venue           TEXT NOT NULL DEFAULT '',
  starts_at       TEXT,
  ends_at         TEXT,
  research_notes  TEXT NOT NULL DEFAULT '',
  updated_at      TEXT NOT NULL,
  deleted_at      TEXT
);
CREATE INDEX consultation_township ON consultation (township_id);
CREATE INDEX consultation_starts ON consultation (starts_at);

-- Six rows per consultation, stage 0 (selection) to 5 (supervision).
CREATE TABLE stage (
  consultation_id  INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
  stage            INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 5),
  due              TEXT,
  done             TEXT,
  note             TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (consultation_id, stage)
) WITHOUT ROWID;

CREATE TABLE participant (
  consultation_id  INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
  person_id        INTEGER NOT NULL REFERENCES person (id),
  role             TEXT NOT NULL DEFAULT 'observer'
                   CHECK (role IN ('host', 'liaison', 'deputy', 'member', 'expert',
                                   'stakeholder', 'official', 'observer')),
  invited          INTEGER NOT NULL DEFAULT 1 CHECK (invited IN (0, 1)),
  attended         INTEGER CHECK (attended IN (0, 1)),  -- NULL: not yet known
  position         INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (consultation_id, person_id)
) WITHOUT ROWID;
CREATE INDEX participant_person ON participant (person_id);

CREATE TABLE minutes (
  consultation_id  INTEGER PRIMARY KEY REFERENCES consultation (id) ON DELETE CASCADE,
  recorder         TEXT NOT NULL DEFAULT '',
  agenda           TEXT NOT NULL DEFAULT '',
  consensus        TEXT NOT NULL DEFAULT '',
  next_steps       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE speech (
  id               INTEGER PRIMARY KEY,
  consultation_id  INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
  position         INTEGER NOT NULL,
  speaker          TEXT NOT NULL DEFAULT '',
  summary          TEXT NOT NULL DEFAULT '',
  UNIQUE (consultation_id, position)
);

CREATE TABLE outcome (
  id                 INTEGER PRIMARY KEY,
  uuid               TEXT NOT NULL UNIQUE,
  consultation_id    INTEGER NOT NULL REFERENCES consultation (id),
  title              TEXT NOT NULL CHECK (length(trim(title)) > 0),
  content            TEXT NOT NULL DEFAULT '',
  submitted_to       TEXT NOT NULL DEFAULT '',
  submitted_on       TEXT,
  feedback_due       TEXT,
  feedback_received  TEXT,
  feedback_text      TEXT NOT NULL DEFAULT '',
  has_feedback       INTEGER NOT NULL DEFAULT 0,
  adoption           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (adoption IN ('pending', 'adopted', 'partly_adopted', 'not_adopted')),
  progress           INTEGER CHECK (progress BETWEEN 0 AND 100),
  updated_at         TEXT NOT NULL,
  deleted_at         TEXT
);
CREATE INDEX outcome_consultation ON outcome (consultation_id);

CREATE TABLE supervision (
  id          INTEGER PRIMARY KEY,
  outcome_id  INTEGER NOT NULL REFERENCES outcome (id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  phase       TEXT NOT NULL CHECK (phase IN ('before', 'during', 'after')),
  date        TEXT,
  by_whom     TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL DEFAULT '',
  UNIQUE (outcome_id, position)
);

-- Deletions of records this database never held, kept so that they travel
-- on in the next export.
CREATE TABLE tombstone (
  kind        TEXT NOT NULL CHECK (kind IN ('township', 'person', 'consultation', 'outcome')),
  uuid        TEXT NOT NULL,
  deleted_at  TEXT NOT NULL,
  PRIMARY KEY (kind, uuid)
) WITHOUT ROWID;

CREATE TABLE setting (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE audit_log (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  action   TEXT NOT NULL,      -- insert, update, delete, import, …
  kind     TEXT NOT NULL,      -- township, person, consultation, outcome, store
  uuid     TEXT,
  summary  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_record ON audit_log (kind, uuid);
