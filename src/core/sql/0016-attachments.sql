-- Attachments of consultations, recommendations and activities: photos
-- of the meeting, the signed sign-in sheet scanned, the feedback
-- letter, reports.  Kept inside the database, so that a backup and a
-- restore carry them, each with the SHA-256 of its bytes, by which a
-- damaged one is told (tongxin-cli check).

CREATE TABLE IF NOT EXISTS attachment (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE,
  record_kind  TEXT NOT NULL CHECK (record_kind IN ('consultation', 'outcome', 'activity')),
  record_uuid  TEXT NOT NULL,
  kind         TEXT NOT NULL DEFAULT 'other'
               CHECK (kind IN ('photo', 'signin_scan', 'feedback_letter', 'research_report', 'other')),
  caption      TEXT NOT NULL DEFAULT '',
  file_name    TEXT NOT NULL,
  media_type   TEXT NOT NULL,
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  position     INTEGER NOT NULL DEFAULT 0,
  updated_at   TEXT NOT NULL,
  deleted_at   TEXT
);

CREATE INDEX IF NOT EXISTS attachment_record ON attachment (record_kind, record_uuid, position);

-- The bytes, apart: lists of attachments do not read them
CREATE TABLE IF NOT EXISTS attachment_data (
  attachment_id  INTEGER PRIMARY KEY REFERENCES attachment (id) ON DELETE CASCADE,
  data           BLOB NOT NULL
);
