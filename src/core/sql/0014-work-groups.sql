-- The city office's work groups (工作组): each guides some townships,
-- with its leader and members; the ledger can be read by group.

CREATE TABLE IF NOT EXISTS work_group (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL UNIQUE,
  leader      TEXT NOT NULL DEFAULT '',
  members     TEXT NOT NULL DEFAULT '',
  updated_at  TEXT NOT NULL
);

-- A township is in one work group at most.
CREATE TABLE IF NOT EXISTS work_group_township (
  township_id    INTEGER PRIMARY KEY REFERENCES township (id) ON DELETE CASCADE,
  work_group_id  INTEGER NOT NULL REFERENCES work_group (id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS work_group_township_group ON work_group_township (work_group_id);
