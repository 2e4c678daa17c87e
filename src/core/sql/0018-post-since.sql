-- The day a liaison group leader or a liaison officer took up the post
-- (YYYY-MM-DD), when known: how long they have served without a
-- training is judged from it.  A table of its own, written with the
-- person (tx_roster_save_person(), the bulk import), for the few who
-- hold such a post.
CREATE TABLE IF NOT EXISTS person_post (
  person_id  INTEGER PRIMARY KEY REFERENCES person (id) ON DELETE CASCADE,
  since      TEXT NOT NULL CHECK (since GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]')
);

-- Those who hold such a post, found without reading the whole roster
CREATE INDEX IF NOT EXISTS person_category_post ON person_category (category, person_id)
  WHERE category IN ('liaison_leader', 'liaison_officer');
