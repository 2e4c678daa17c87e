-- Two offices may each have made the same township, under two ids: a
-- township's database and the city's, both with 金山街道.  The first
-- file that names it under the other id is matched by name, and the
-- other id kept here: from then on it means the township here,
-- whatever either side calls it.

CREATE TABLE IF NOT EXISTS township_alias (
  uuid      TEXT PRIMARY KEY,   -- the other office's id
  township  TEXT NOT NULL,      -- the uuid of the township here
  matched   TEXT NOT NULL       -- when, UTC
) WITHOUT ROWID;
