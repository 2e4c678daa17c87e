-- Schema 3: one search index of single characters, and checks that cost
-- little on a large import.
--
-- Runs with foreign keys off (as every migration does), so that the
-- person table can be rebuilt under the tables that point to it; the
-- migration runner checks the foreign keys before it commits.

-- The roster's search index: every letter, digit and Chinese character
-- of a name, organisation, village or title is one token (the tx_chars
-- tokenizer, src/core/tx-search-tokenizer.c), so a query of any length
-- is a phrase of adjacent characters.  It replaces the trigram index and
-- the separate index of single characters for short queries: one index
-- answers both, as fast, and costs a third to build.  Its content is the
-- person table itself; no column sizes are kept, as nothing is ranked.
-- Kept up to date by the application (tx-roster.c), not by triggers.
DROP TABLE person_fts;
DROP TABLE person_chars;

-- The checks on person and person_category are written with = and OR:
-- SQLite builds a temporary table for an IN (...) list on every insert,
-- which made importing 100,000 people a third slower.
CREATE TABLE person_new (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  township_id   INTEGER REFERENCES township (id),
  name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
  gender        TEXT NOT NULL DEFAULT ''
                CHECK (gender = '' OR gender = 'male' OR gender = 'female'),
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
INSERT INTO person_new (id, uuid, township_id, name, gender, ethnicity, village, organization,
                        title, phone, notes, sort_pinyin, sort_strokes, updated_at, deleted_at)
  SELECT id, uuid, township_id, name, gender, ethnicity, village, organization,
         title, phone, notes, sort_pinyin, sort_strokes, updated_at, deleted_at
  FROM person;
DROP TABLE person;
ALTER TABLE person_new RENAME TO person;
CREATE INDEX person_pinyin ON person (sort_pinyin, id) WHERE deleted_at IS NULL;
CREATE INDEX person_strokes ON person (sort_strokes, id) WHERE deleted_at IS NULL;

CREATE TABLE person_category_new (
  person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  category   TEXT NOT NULL CHECK (
               category = 'liaison_leader' OR category = 'liaison_officer' OR
               category = 'cppcc_member' OR category = 'npc_deputy' OR
               category = 'party_deputy' OR category = 'veteran_party_member' OR
               category = 'retired_cadre' OR category = 'local_notable' OR
               category = 'expert' OR category = 'stakeholder' OR
               category = 'official' OR category = 'resident'),
  position   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, category)
) WITHOUT ROWID;
INSERT INTO person_category_new (person_id, category, position)
  SELECT person_id, category, position FROM person_category;
DROP TABLE person_category;
ALTER TABLE person_category_new RENAME TO person_category;

CREATE VIRTUAL TABLE person_search USING fts5 (
  name, organization, village, title,
  content = 'person', content_rowid = 'id',
  tokenize = 'tx_chars',
  columnsize = 0
);
INSERT INTO person_search (person_search) VALUES ('rebuild');
