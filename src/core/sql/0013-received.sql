-- The files of one township received from another office: when, as of
-- when (the file's own time), and whether whole or only the changes
-- since the one before.  The city's Overview says from it how recent
-- its data of each township are, and the ledger flags those whose last
-- file is older than the setting stale-days.

CREATE TABLE IF NOT EXISTS received (
  id           INTEGER PRIMARY KEY,
  township     TEXT NOT NULL,   -- the uuid of the township here
  peer         TEXT NOT NULL,   -- the office that sent it
  peer_name    TEXT NOT NULL,
  received_at  TEXT NOT NULL,   -- UTC
  exported     TEXT NOT NULL,   -- when it was written, as the file says
  complete     INTEGER NOT NULL,
  file         TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS received_township ON received (township, received_at);
