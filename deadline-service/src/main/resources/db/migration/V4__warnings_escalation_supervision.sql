-- What the scanner needs: when to look at a clock next, and what it already did (each warning and level once).
ALTER TABLE clock ADD COLUMN limit_amount integer;
ALTER TABLE clock ADD COLUMN limit_unit varchar(16);
ALTER TABLE clock ADD COLUMN warning_at timestamptz;
ALTER TABLE clock ADD COLUMN warned_at timestamptz;
ALTER TABLE clock ADD COLUMN escalation_level integer NOT NULL DEFAULT 0;
ALTER TABLE clock ADD COLUMN next_check_at timestamptz;
ALTER TABLE clock ADD COLUMN paused_at timestamptz;
ALTER TABLE clock ADD COLUMN stop_reason varchar(24);
ALTER TABLE clock ADD COLUMN extended boolean NOT NULL DEFAULT false;
ALTER TABLE clock ADD COLUMN under_supervision boolean NOT NULL DEFAULT false;
ALTER TABLE clock ADD COLUMN department_kind varchar(32);
ALTER TABLE clock ADD COLUMN department_level varchar(16);
DROP INDEX clock_running_due;
-- the scan reads only what is due now, in due order: its cost does not grow with the number of open clocks
CREATE INDEX clock_next_check ON clock (next_check_at) WHERE status = 'RUNNING' AND next_check_at IS NOT NULL;
CREATE INDEX clock_grievance ON clock (grievance_id);

-- A decision that waits for a supervisor: an extension request, a second return, the reopen limit.
CREATE TABLE supervisor_decision (
    id              uuid         PRIMARY KEY,
    grievance_id    uuid         NOT NULL,
    kind            varchar(16)  NOT NULL CHECK (kind IN ('EXTENSION', 'RETURN', 'REOPEN_LIMIT')),
    region_code     char(6)      NOT NULL,
    department_code varchar(32),
    request_ref     uuid,
    detail          text         NOT NULL,
    working_days    integer,
    requested_at    timestamptz  NOT NULL,
    decided_at      timestamptz,
    decision        varchar(24),
    reason          text,
    decided_by      varchar(64)
);
CREATE INDEX supervisor_decision_open ON supervisor_decision (region_code) WHERE decided_at IS NULL;

-- 督办 and 催办 issued on a case.
CREATE TABLE supervision_action (
    id              uuid         PRIMARY KEY,
    grievance_id    uuid         NOT NULL,
    kind            varchar(16)  NOT NULL CHECK (kind IN ('SUPERVISION', 'URGING')),
    text            text         NOT NULL,
    completion_date date,
    region_code     char(6)      NOT NULL,
    issued_at       timestamptz  NOT NULL
);

-- Facts of a case for the statistics, from the events that carry them.
ALTER TABLE grievance_case ADD COLUMN lead_department varchar(32);
ALTER TABLE grievance_case ADD COLUMN lead_region char(6);
ALTER TABLE grievance_case ADD COLUMN accepted_at timestamptz;
ALTER TABLE grievance_case ADD COLUMN replied_at timestamptz;
ALTER TABLE grievance_case ADD COLUMN rating_level varchar(24);
ALTER TABLE grievance_case ADD COLUMN solved boolean;
ALTER TABLE grievance_case ADD COLUMN rated_at timestamptz;
ALTER TABLE grievance_case ADD COLUMN closed_unrated boolean NOT NULL DEFAULT false;
-- the latest supplement: it may arrive (intake topic) before the information request it answers (routing topic)
ALTER TABLE grievance_case ADD COLUMN last_supplemented_at timestamptz;
ALTER TABLE grievance_case ALTER COLUMN category DROP NOT NULL;
ALTER TABLE grievance_case ALTER COLUMN urgency DROP NOT NULL;
ALTER TABLE grievance_case ALTER COLUMN region_code DROP NOT NULL;

CREATE TABLE return_fact (
    event_id        uuid        PRIMARY KEY,
    grievance_id    uuid        NOT NULL,
    department_code varchar(32) NOT NULL,
    returned_at     timestamptz NOT NULL
);
