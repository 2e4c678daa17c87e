-- A circular is issued with its document number (发文字号), and a
-- correction (更正) issues a new version of the quarter's circular with
-- the ledger as it stands then, keeping the versions before it.  Views
-- read the latest version of a quarter.
CREATE TABLE circular_new (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  year          INTEGER NOT NULL,
  quarter       INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  version       INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  number        TEXT NOT NULL DEFAULT '',   -- 发文字号, as the office writes it
  issued_on     TEXT NOT NULL,              -- YYYY-MM-DD
  organization  TEXT NOT NULL DEFAULT '',
  suggestions   TEXT NOT NULL DEFAULT '',
  ledger        TEXT NOT NULL,              -- the frozen ledger, JSON
  updated_at    TEXT NOT NULL,
  UNIQUE (year, quarter, version)
);
INSERT INTO circular_new (id, uuid, year, quarter, version, issued_on, organization, suggestions, ledger, updated_at)
  SELECT id, uuid, year, quarter, 1, issued_on, organization, suggestions, ledger, updated_at FROM circular;
DROP TABLE circular;
ALTER TABLE circular_new RENAME TO circular;
