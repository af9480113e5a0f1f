-- Time-limit policies per step, category and urgency, with the defaults of PLATFORM.md §5; admins change them.
CREATE TABLE time_limit_policy (
    step     varchar(16) NOT NULL CHECK (step IN ('SIGN_FOR', 'REPLY', 'REOPENED_REPLY', 'RATING_WINDOW')),
    category varchar(16) NOT NULL DEFAULT 'ANY',
    urgency  varchar(8)  NOT NULL CHECK (urgency IN ('NORMAL', 'URGENT')),
    amount   integer     NOT NULL CHECK (amount > 0),
    unit     varchar(16) NOT NULL CHECK (unit IN ('WORKING_DAYS', 'OFFICE_HOURS')),
    PRIMARY KEY (step, category, urgency)
);

INSERT INTO time_limit_policy (step, category, urgency, amount, unit) VALUES
 ('SIGN_FOR',       'ANY',          'NORMAL', 1,  'WORKING_DAYS'),
 ('SIGN_FOR',       'ANY',          'URGENT', 2,  'OFFICE_HOURS'),
 ('REPLY',          'CONSULTATION', 'NORMAL', 3,  'WORKING_DAYS'),
 ('REPLY',          'CONSULTATION', 'URGENT', 1,  'WORKING_DAYS'),
 ('REPLY',          'HELP_REQUEST', 'NORMAL', 5,  'WORKING_DAYS'),
 ('REPLY',          'HELP_REQUEST', 'URGENT', 2,  'WORKING_DAYS'),
 ('REPLY',          'SUGGESTION',   'NORMAL', 5,  'WORKING_DAYS'),
 ('REPLY',          'SUGGESTION',   'URGENT', 2,  'WORKING_DAYS'),
 ('REPLY',          'COMPLAINT',    'NORMAL', 10, 'WORKING_DAYS'),
 ('REPLY',          'COMPLAINT',    'URGENT', 3,  'WORKING_DAYS'),
 ('REPLY',          'TIP_OFF',      'NORMAL', 15, 'WORKING_DAYS'),
 ('REPLY',          'TIP_OFF',      'URGENT', 5,  'WORKING_DAYS'),
 ('REOPENED_REPLY', 'ANY',          'NORMAL', 5,  'WORKING_DAYS'),
 ('REOPENED_REPLY', 'ANY',          'URGENT', 2,  'WORKING_DAYS'),
 ('RATING_WINDOW',  'ANY',          'NORMAL', 5,  'WORKING_DAYS'),
 ('RATING_WINDOW',  'ANY',          'URGENT', 5,  'WORKING_DAYS');

-- A grievance as deadline-service knows it, from intake's events: what its policies depend on.
CREATE TABLE grievance_case (
    grievance_id uuid        PRIMARY KEY,
    category     varchar(16) NOT NULL,
    urgency      varchar(8)  NOT NULL,
    region_code  char(6)     NOT NULL
);

-- A clock per open step of a case. A dispatch that arrives before the case's facts waits as PENDING.
CREATE TABLE clock (
    id              uuid         PRIMARY KEY,
    grievance_id    uuid         NOT NULL,
    kind            varchar(16)  NOT NULL,
    round           integer      NOT NULL,
    department_code varchar(32)  NOT NULL,
    region_chain    text[]       NOT NULL,
    status          varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'PAUSED', 'STOPPED')),
    started_at      timestamptz  NOT NULL,
    due_at          timestamptz,
    provisional     boolean      NOT NULL DEFAULT false,
    updated_at      timestamptz  NOT NULL,
    UNIQUE (grievance_id, kind, round)
);
CREATE INDEX clock_running_due ON clock (due_at) WHERE status = 'RUNNING';
