-- Quarterly circulars (季度通报): issuing one freezes that quarter's
-- ledger as it was, even if the data changes later.
CREATE TABLE circular (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE,
  year          INTEGER NOT NULL,
  quarter       INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  issued_on     TEXT NOT NULL,          -- YYYY-MM-DD
  organization  TEXT NOT NULL DEFAULT '',
  suggestions   TEXT NOT NULL DEFAULT '',
  ledger        TEXT NOT NULL,          -- the frozen ledger, JSON
  updated_at    TEXT NOT NULL,
  UNIQUE (year, quarter)
);
