-- The ledger chooses what its rules may find something in by comparing
-- dates as text, through these indexes, instead of reading every stage
-- and recommendation of the history:
-- - stages by the day they were done (or not: NULL), with the day due;
-- - recommendations by the day their feedback came (or not), with the
--   day they were sent;
--   both hold what the choice reads, so that it never reads the rows;
-- - the few rows with a date that may not be a real day written
--   YYYY-MM-DD (typed by hand into the file, or 29 February): their
--   dates do not compare as text, so the rules read them whole.
-- The test for such a date is TX_SQL_ODD_DATE in tx-records-private.h;
-- it uses SQLite's own functions only, so that any program can still
-- write these tables.  The ledger's queries name the same expression.
CREATE INDEX IF NOT EXISTS stage_done ON stage (done, due, consultation_id);

CREATE INDEX IF NOT EXISTS stage_odd_dates ON stage (consultation_id) WHERE
  (due NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' OR due < '0001'
   OR substr (due, 6, 2) NOT BETWEEN '01' AND '12' OR substr (due, 9, 2) NOT BETWEEN '01' AND '31'
   OR (substr (due, 6, 2) = '02' AND substr (due, 9, 2) > '28')
   OR (substr (due, 9, 2) = '31' AND substr (due, 6, 2) IN ('04', '06', '09', '11')))
  OR
  (done NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' OR done < '0001'
   OR substr (done, 6, 2) NOT BETWEEN '01' AND '12' OR substr (done, 9, 2) NOT BETWEEN '01' AND '31'
   OR (substr (done, 6, 2) = '02' AND substr (done, 9, 2) > '28')
   OR (substr (done, 9, 2) = '31' AND substr (done, 6, 2) IN ('04', '06', '09', '11')));

CREATE INDEX IF NOT EXISTS outcome_feedback
  ON outcome (feedback_received, submitted_on, deleted_at, consultation_id);

-- The recommendations page lists a year's recommendations, and the
-- years there are, by the day sent.
CREATE INDEX IF NOT EXISTS outcome_submitted ON outcome (submitted_on);

CREATE INDEX IF NOT EXISTS outcome_odd_dates ON outcome (consultation_id) WHERE
  (submitted_on NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' OR submitted_on < '0001'
   OR substr (submitted_on, 6, 2) NOT BETWEEN '01' AND '12' OR substr (submitted_on, 9, 2) NOT BETWEEN '01' AND '31'
   OR (substr (submitted_on, 6, 2) = '02' AND substr (submitted_on, 9, 2) > '28')
   OR (substr (submitted_on, 9, 2) = '31' AND substr (submitted_on, 6, 2) IN ('04', '06', '09', '11')))
  OR
  (feedback_received NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' OR feedback_received < '0001'
   OR substr (feedback_received, 6, 2) NOT BETWEEN '01' AND '12' OR substr (feedback_received, 9, 2) NOT BETWEEN '01' AND '31'
   OR (substr (feedback_received, 6, 2) = '02' AND substr (feedback_received, 9, 2) > '28')
   OR (substr (feedback_received, 9, 2) = '31' AND substr (feedback_received, 6, 2) IN ('04', '06', '09', '11')));
