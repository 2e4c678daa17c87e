-- Townships are listed the way the office lists them: by pinyin (the
-- default), by strokes, or in the office's own order, kept here.
CREATE TABLE IF NOT EXISTS township_order (
  township_id  INTEGER PRIMARY KEY REFERENCES township (id) ON DELETE CASCADE,
  position     INTEGER NOT NULL
);
