-- Settings get the keys of `tongxin-cli config` (the properties of
-- TxSettings), and feedback is judged from its due date: the days it may
-- wait after submission (the old yellow threshold) are now the days to
-- the default due date, and red comes that many days after the due date
-- that the old red threshold came after the yellow one.

UPDATE setting SET key = 'stage-red-days' WHERE key = 'ledger.stage-red-days';
UPDATE setting SET key = 'plan-yellow-behind' WHERE key = 'ledger.plan-yellow-behind';
UPDATE setting SET key = 'plan-red-behind' WHERE key = 'ledger.plan-red-behind';

INSERT INTO setting (key, value)
  SELECT 'feedback-red-days',
         CAST (max (0, CAST (r.value AS INTEGER) - coalesce (CAST (y.value AS INTEGER), 30)) AS TEXT)
  FROM setting r LEFT JOIN setting y ON y.key = 'ledger.feedback-yellow-days'
  WHERE r.key = 'ledger.feedback-red-days';
UPDATE setting SET key = 'feedback-days' WHERE key = 'ledger.feedback-yellow-days';
DELETE FROM setting WHERE key = 'ledger.feedback-red-days';
