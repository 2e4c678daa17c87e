-- A CHECK that a column holds one of a list of values was written
-- column IN ('a', 'b', 'c', …).  SQLite tests such a list through a
-- temporary table made for each statement that writes the row, which
-- cost more than writing the row itself: 2–4 µs a participant, a
-- recommendation or a supervision record, most of an import's time in
-- SQLite.  The same checks are written (column = 'a' OR column = 'b'
-- OR …), which SQLite tests in place.  Only the text of the CHECKs
-- changes, to one that holds for exactly the same rows, so the tables
-- are not made again: their definitions are changed where SQLite keeps
-- them, as SQLite's documentation describes for such changes ("Making
-- Other Kinds Of Table Schema Changes"), and read again.
PRAGMA writable_schema = ON;

UPDATE sqlite_schema SET sql = replace (sql,
  'kind IN (''subdistrict'', ''town'', ''township'')',
  '(kind = ''subdistrict'' OR kind = ''town'' OR kind = ''township'')')
WHERE type = 'table' AND name = 'township';
UPDATE sqlite_schema SET sql = replace (sql,
  'topic_source IN (''party_committee'', ''government'', ''cppcc'', ''residents'')',
  '(topic_source = ''party_committee'' OR topic_source = ''government'' OR topic_source = ''cppcc'' OR topic_source = ''residents'')')
WHERE type = 'table' AND name = 'consultation';
UPDATE sqlite_schema SET sql = replace (sql,
  'role IN (''host'', ''liaison'', ''deputy'', ''member'', ''expert'',
                                   ''stakeholder'', ''official'', ''observer'')',
  '(role = ''host'' OR role = ''liaison'' OR role = ''deputy'' OR role = ''member'' OR role = ''expert'' OR role = ''stakeholder'' OR role = ''official'' OR role = ''observer'')')
WHERE type = 'table' AND name = 'participant';
UPDATE sqlite_schema SET sql = replace (sql,
  'adoption IN (''pending'', ''adopted'', ''partly_adopted'', ''not_adopted'')',
  '(adoption = ''pending'' OR adoption = ''adopted'' OR adoption = ''partly_adopted'' OR adoption = ''not_adopted'')')
WHERE type = 'table' AND name = 'outcome';
UPDATE sqlite_schema SET sql = replace (sql,
  'phase IN (''before'', ''during'', ''after'')',
  '(phase = ''before'' OR phase = ''during'' OR phase = ''after'')')
WHERE type = 'table' AND name = 'supervision';
UPDATE sqlite_schema SET sql = replace (sql,
  'role IN (''host'', ''liaison'', ''deputy'', ''member'', ''expert'',
                               ''stakeholder'', ''official'', ''observer'')',
  '(role = ''host'' OR role = ''liaison'' OR role = ''deputy'' OR role = ''member'' OR role = ''expert'' OR role = ''stakeholder'' OR role = ''official'' OR role = ''observer'')')
WHERE type = 'table' AND name = 'activity_participant';
UPDATE sqlite_schema SET sql = replace (sql,
  'record_kind IN (''consultation'', ''outcome'', ''activity'')',
  '(record_kind = ''consultation'' OR record_kind = ''outcome'' OR record_kind = ''activity'')')
WHERE type = 'table' AND name = 'attachment';
UPDATE sqlite_schema SET sql = replace (sql,
  'kind IN (''photo'', ''signin_scan'', ''feedback_letter'', ''research_report'', ''other'')',
  '(kind = ''photo'' OR kind = ''signin_scan'' OR kind = ''feedback_letter'' OR kind = ''research_report'' OR kind = ''other'')')
WHERE type = 'table' AND name = 'attachment';
UPDATE sqlite_schema SET sql = replace (sql,
  'kind IN (''township'', ''person'', ''consultation'', ''outcome'', ''activity'', ''attachment'')',
  '(kind = ''township'' OR kind = ''person'' OR kind = ''consultation'' OR kind = ''outcome'' OR kind = ''activity'' OR kind = ''attachment'')')
WHERE type = 'table' AND name = 'tombstone';

PRAGMA writable_schema = RESET;

-- Other connections read the definitions again when the schema's
-- version changes, which making and dropping a table does.
CREATE TABLE schema_changed (changed INTEGER);
DROP TABLE schema_changed;
