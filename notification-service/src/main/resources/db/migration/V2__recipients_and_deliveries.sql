-- What notification-service keeps of a case to address and authorise its deliveries (from the events only).
ALTER TABLE case_recipient
    ADD COLUMN category               varchar(32),
    ADD COLUMN tip_off                boolean      NOT NULL DEFAULT false,
    ADD COLUMN region_code            varchar(6),
    ADD COLUMN respondent_department  varchar(32),
    ADD COLUMN urgency                varchar(16),
    ADD COLUMN contact_name           varchar(100),
    ADD COLUMN contact_phone          varchar(32),
    ADD COLUMN contact_email          varchar(200),
    ADD COLUMN lead_department_region varchar(6),
    ADD COLUMN co_handling            text         NOT NULL DEFAULT '',
    ADD COLUMN reply_text             text,
    ADD COLUMN reply_department       varchar(32),
    ADD COLUMN rating_event_id        uuid,
    ADD COLUMN rating_link            text,
    ADD COLUMN rating_expires_at      timestamptz;

-- Recipients the service can reach outside the inbox: departments (kept current by department-changed), offices
-- and commissions, liaison officers (liaison-changed), enterprises' preferences; edited by admins.
CREATE TABLE recipient (
    principal      varchar(64)  PRIMARY KEY,
    display_name   varchar(200),
    language       varchar(8)   NOT NULL DEFAULT 'zh-CN',
    email          varchar(200),
    phone          varchar(32),
    wechat_open_id varchar(64),
    quiet_start    time,
    quiet_end      time,
    active         boolean      NOT NULL DEFAULT true,
    updated_at     timestamptz  NOT NULL
);

-- Channels per notice kind ('*' for every kind without its own row); no row: every channel it has an address for.
CREATE TABLE recipient_preference (
    principal varchar(64)  NOT NULL REFERENCES recipient ON DELETE CASCADE,
    kind      varchar(40)  NOT NULL,
    channels  varchar(100) NOT NULL,
    PRIMARY KEY (principal, kind)
);

-- Integrators' endpoints: one principal's notices of some kinds, signed with the subscription's secret.
CREATE TABLE webhook_subscription (
    id         uuid         PRIMARY KEY,
    name       varchar(100) NOT NULL,
    principal  varchar(64)  NOT NULL,
    url        varchar(500) NOT NULL,
    secret     varchar(100) NOT NULL,
    kinds      varchar(500) NOT NULL,
    active     boolean      NOT NULL DEFAULT true,
    created_at timestamptz  NOT NULL
);
CREATE INDEX webhook_subscription_principal ON webhook_subscription (principal) WHERE active;

-- One delivery per (event, recipient, channel): the unique key is the exactly-once guarantee.
CREATE TABLE delivery (
    id              uuid         PRIMARY KEY,
    event_id        uuid         NOT NULL,
    grievance_id    uuid         NOT NULL,
    kind            varchar(40)  NOT NULL,
    recipient       varchar(120) NOT NULL,
    channel         varchar(16)  NOT NULL,
    address         varchar(500),
    language        varchar(8)   NOT NULL,
    urgent          boolean      NOT NULL,
    subject         varchar(300),
    body            text         NOT NULL,
    link            text,
    status          varchar(16)  NOT NULL,
    attempts        integer      NOT NULL DEFAULT 0,
    parts_sent      integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    deferred_until  timestamptz,
    lease_until     timestamptz,
    last_error      text,
    created_at      timestamptz  NOT NULL,
    sent_at         timestamptz,
    UNIQUE (event_id, recipient, channel)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_grievance ON delivery (grievance_id, created_at);

CREATE TABLE delivery_attempt (
    id          bigserial    PRIMARY KEY,
    delivery_id uuid         NOT NULL REFERENCES delivery,
    attempt     integer      NOT NULL,
    started_at  timestamptz  NOT NULL,
    duration_ms integer      NOT NULL,
    outcome     varchar(16)  NOT NULL,
    detail      text
);
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id);

-- Deliveries that failed for good (permanent failure or retries exhausted); an admin replays them.
CREATE TABLE dead_letter (
    id          uuid         PRIMARY KEY,
    delivery_id uuid         NOT NULL REFERENCES delivery,
    reason      text         NOT NULL,
    dead_at     timestamptz  NOT NULL,
    replayed_at timestamptz,
    replayed_by varchar(100)
);
CREATE INDEX dead_letter_open ON dead_letter (dead_at) WHERE replayed_at IS NULL;

-- Read marks are per user: a team inbox (supervisors:330100) is read by each of its members separately.
CREATE TABLE inbox_read (
    message_id uuid         NOT NULL REFERENCES inbox_message ON DELETE CASCADE,
    reader     varchar(100) NOT NULL,
    read_at    timestamptz  NOT NULL,
    PRIMARY KEY (message_id, reader)
);
ALTER TABLE inbox_message DROP COLUMN read_at;
