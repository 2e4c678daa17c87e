-- Each database is one office: a township's liaison group, or the city
-- office.  It has an identity of its own, made once here, which the
-- exchange files it writes name as their sender.  The offices whose
-- files it imported are its peers: what they are called, and the last
-- file of theirs imported (when, and when they wrote it).

CREATE TABLE IF NOT EXISTS office (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  uuid  TEXT NOT NULL
);

-- a random uuid (version 4), from sixteen random bytes
INSERT OR IGNORE INTO office (id, uuid)
  SELECT 1, lower (substr (h, 1, 8) || '-' || substr (h, 9, 4) || '-4' || substr (h, 14, 3) || '-' ||
                   substr ('89AB', 1 + (unicode (substr (h, 17, 1)) % 4), 1) || substr (h, 18, 3) || '-' ||
                   substr (h, 21, 12))
  FROM (SELECT hex (randomblob (16)) AS h);

CREATE TABLE IF NOT EXISTS peer (
  uuid           TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('township', 'city')),
  received_at    TEXT NOT NULL,   -- when its last file was imported here (UTC)
  exported       TEXT NOT NULL    -- when it wrote that file (its clock, as in the file)
) WITHOUT ROWID;

-- The exchange files written here: when, of which township (NULL: of
-- every record), for which office, and from when what they hold
-- changed (NULL: everything).  The next file "since the last" starts
-- where the last of its township did.
CREATE TABLE IF NOT EXISTS sent (
  id          INTEGER PRIMARY KEY,
  written_at  TEXT NOT NULL,   -- UTC, as records' updated_at
  township    TEXT,
  receiver    TEXT,
  since       TEXT,
  file        TEXT NOT NULL
);
