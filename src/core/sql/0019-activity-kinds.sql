-- The kinds of activity are the three of Tongxin (training,
-- observation, exchange, by their keys) and those an office adds in
-- its settings (activity-kinds), by their names: the column takes any
-- name, checked by tx_activity_check().  The table is made again
-- without the list it had, as SQLite changes no CHECK in place.

CREATE TABLE IF NOT EXISTS activity_new (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL CHECK (length (trim (kind)) > 0),
  title        TEXT NOT NULL CHECK (length (trim (title)) > 0),
  township_id  INTEGER REFERENCES township (id),   -- who organises it; NULL: the city office
  starts_at    TEXT NOT NULL,                      -- YYYY-MM-DD, or with the time and offset
  ends_at      TEXT,
  venue        TEXT NOT NULL DEFAULT '',
  notes        TEXT NOT NULL DEFAULT '',
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT
);
INSERT OR REPLACE INTO activity_new (id, uuid, kind, title, township_id, starts_at, ends_at, venue, notes,
                                     updated_at, deleted_at)
  SELECT id, uuid, kind, title, township_id, starts_at, ends_at, venue, notes, updated_at, deleted_at
  FROM activity;
DROP TABLE activity;
ALTER TABLE activity_new RENAME TO activity;

CREATE INDEX IF NOT EXISTS activity_starts ON activity (starts_at) WHERE deleted_at IS NULL;
CREATE INDEX IF NOT EXISTS activity_organiser ON activity (township_id);

CREATE TRIGGER IF NOT EXISTS activity_base AFTER UPDATE OF updated_at, deleted_at ON activity
  WHEN NEW.updated_at IS NOT OLD.updated_at OR NEW.deleted_at IS NOT OLD.deleted_at
  BEGIN
    INSERT INTO base (kind, uuid, updated)
      SELECT 'activity', OLD.uuid, max (OLD.updated_at, coalesce (OLD.deleted_at, ''))
      WHERE NOT EXISTS (SELECT 1 FROM base WHERE kind = 'activity' AND uuid = OLD.uuid);
  END;
