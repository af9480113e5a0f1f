-- The three topics are read by separate consumers, so one can be minutes ahead of another (PLATFORM.md §4: order
-- holds within a topic only). An event whose recipient rests on a fact another topic has not brought yet waits
-- here, as it was read, and is applied again in the transaction that brings the fact: SUBMITTER (intake's
-- accepted or rejected: the enterprise, or that it is a tip-off), LEAD_DEPARTMENT (routing's dispatched).
CREATE TABLE waiting_notice (
    event_id     uuid         PRIMARY KEY,
    grievance_id uuid         NOT NULL,
    waits_for    varchar(16)  NOT NULL,
    event_type   varchar(100) NOT NULL,
    data         text         NOT NULL,
    since        timestamptz  NOT NULL
);
CREATE INDEX waiting_notice_grievance ON waiting_notice (grievance_id, waits_for);

-- Whether intake's accepted (or rejected) has been applied: a tip-off has no USCC, so uscc alone cannot say.
ALTER TABLE case_recipient ADD COLUMN submitter_known boolean NOT NULL DEFAULT false;
UPDATE case_recipient SET submitter_known = true
 WHERE uscc IS NOT NULL OR tip_off OR tracking_number IS NOT NULL OR category IS NOT NULL;
