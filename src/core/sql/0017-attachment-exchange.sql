-- Attachments travel in the exchange file: what was last received of
-- one is remembered as the other records' are (a change on both sides
-- since is a conflict), and the deletion of one never held here is
-- kept as a tombstone, so that it travels on.

CREATE TRIGGER IF NOT EXISTS attachment_base AFTER UPDATE OF updated_at, deleted_at ON attachment
  WHEN NEW.updated_at IS NOT OLD.updated_at OR NEW.deleted_at IS NOT OLD.deleted_at
  BEGIN
    INSERT INTO base (kind, uuid, updated)
      SELECT 'attachment', OLD.uuid, max (OLD.updated_at, coalesce (OLD.deleted_at, ''))
      WHERE NOT EXISTS (SELECT 1 FROM base WHERE kind = 'attachment' AND uuid = OLD.uuid);
  END;

CREATE TABLE IF NOT EXISTS tombstone_new (
  kind        TEXT NOT NULL CHECK (kind IN ('township', 'person', 'consultation', 'outcome', 'activity', 'attachment')),
  uuid        TEXT NOT NULL,
  deleted_at  TEXT NOT NULL,
  PRIMARY KEY (kind, uuid)
) WITHOUT ROWID;
INSERT OR REPLACE INTO tombstone_new (kind, uuid, deleted_at) SELECT kind, uuid, deleted_at FROM tombstone;
DROP TABLE tombstone;
ALTER TABLE tombstone_new RENAME TO tombstone;

-- the export of what changed since a day reads attachments by their stamp
CREATE INDEX IF NOT EXISTS attachment_updated ON attachment (updated_at);
