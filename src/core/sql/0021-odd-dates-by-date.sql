-- The *_odd_dates indexes (0008) hold the few stages and
-- recommendations with a date that may not be a real day written
-- YYYY-MM-DD.  Their test was a GLOB and a dozen substr() on each date,
-- with a list IN (…) that SQLite makes a temporary table for at each
-- statement that writes a row: a quarter of a second to index 360,000
-- stages, and a cost on every stage written.  The test is now SQLite's
-- own calendar: a date is odd when date (d, '+0 days'), which reads it
-- and writes the day it names, gives anything else than d (29 February
-- of a year that has none becomes 1 March; a text that is no date
-- becomes NULL), or when it comes before the year 1, which date()
-- still takes.  It holds the dates that are not real days written so
-- (where the old test also held every 29 February), in SQLite's own
-- functions, so that any program can still write these tables.
-- TX_SQL_ODD_DATE in tx-records-private.h is this test, word for word:
-- the ledger's queries name these indexes.
DROP INDEX IF EXISTS stage_odd_dates;
CREATE INDEX stage_odd_dates ON stage (consultation_id) WHERE
  (date (due, '+0 days') IS NOT due OR due < '0001') OR (date (done, '+0 days') IS NOT done OR done < '0001');

DROP INDEX IF EXISTS outcome_odd_dates;
CREATE INDEX outcome_odd_dates ON outcome (consultation_id) WHERE
  (date (submitted_on, '+0 days') IS NOT submitted_on OR submitted_on < '0001')
  OR (date (feedback_received, '+0 days') IS NOT feedback_received OR feedback_received < '0001');
