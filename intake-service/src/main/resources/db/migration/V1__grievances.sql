-- A grievance (诉求) as the enterprise raised it, and its status: intake is the system of record.
CREATE TABLE grievance (
    id                    uuid         PRIMARY KEY,
    tracking_number       varchar(16)  NOT NULL UNIQUE,
    status                varchar(32)  NOT NULL,
    channel               varchar(24)  NOT NULL,
    category              varchar(16)  NOT NULL,
    subject_area          varchar(32)  NOT NULL,
    urgency               varchar(8)   NOT NULL,
    title                 varchar(100) NOT NULL,
    content               text         NOT NULL,
    region_code           char(6)      NOT NULL,
    uscc                  char(18)     NOT NULL,
    enterprise_name       varchar(100) NOT NULL,
    enterprise_size       varchar(24),
    ownership             varchar(24),
    contact_name          varchar(50),
    contact_phone         varchar(20),
    contact_email         varchar(100),
    respondent_department varchar(32),
    submitted_by_role     varchar(16)  NOT NULL,
    submitted_at          timestamptz  NOT NULL,
    -- what routing and deadline told us, applied from their events
    lead_department_code  varchar(32),
    lead_department_name  varchar(100),
    dispatch_round        integer      NOT NULL DEFAULT 0,
    sign_due_at           timestamptz,
    reply_due_at          timestamptz,
    due_provisional       boolean      NOT NULL DEFAULT false,
    deadline_sequence     bigint       NOT NULL DEFAULT 0,
    updated_at            timestamptz  NOT NULL,
    version               integer      NOT NULL DEFAULT 0
);
CREATE INDEX grievance_uscc_submitted ON grievance (uscc, submitted_at DESC);

-- The full-process record (全过程记录): every step, who, when, why.
CREATE TABLE timeline_entry (
    id               bigserial    PRIMARY KEY,
    grievance_id     uuid         NOT NULL REFERENCES grievance (id),
    occurred_at      timestamptz  NOT NULL,
    step             varchar(40)  NOT NULL,
    status_after     varchar(32),
    actor_role       varchar(16)  NOT NULL,
    actor_department varchar(32),
    actor_region     varchar(6),
    detail           text,
    internal         boolean      NOT NULL DEFAULT false,
    event_id         uuid
);
CREATE INDEX timeline_entry_grievance ON timeline_entry (grievance_id, occurred_at, id);

-- Tracking numbers QQyyyyMMdd000123: a counter per day (Asia/Shanghai).
CREATE TABLE tracking_counter (
    day        date    PRIMARY KEY,
    last_value integer NOT NULL
);
