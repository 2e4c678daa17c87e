-- A person's categories are read in the order they were given (the
-- roster's rows, a consultation's participants): through this index,
-- without sorting them anew for each person read.
CREATE INDEX IF NOT EXISTS person_category_position ON person_category (person_id, position, category);
