-- Tracking numbers from a sequence instead of a per-day counter row: the row's lock was held from a submission's
-- first statement to its commit, so concurrent submissions waited for each other (issue 9's benchmark).
-- The six digits come from one cycling sequence: unique within a day as long as a day has fewer than 999,999
-- submissions (the unique index on tracking_number would refuse a repeat), ascending, with gaps.
CREATE SEQUENCE tracking_number_seq MINVALUE 1 MAXVALUE 999999 CYCLE;
-- continue after the numbers the counter already gave, so none of today's repeats
SELECT setval('tracking_number_seq', COALESCE((SELECT max(last_value) FROM tracking_counter), 0) % 999999 + 1, false);
DROP TABLE tracking_counter;
