-- What notification-service knows of a grievance, gathered from the events of several topics in any order.
CREATE TABLE case_recipient (
    grievance_id         uuid         PRIMARY KEY,
    uscc                 char(18),
    tracking_number      varchar(16),
    dispatch_event_id    uuid,
    dispatch_round       integer      NOT NULL DEFAULT 0,
    lead_department_code varchar(32),
    lead_department_name varchar(100),
    reply_due_at         timestamptz,
    reply_due_round      integer      NOT NULL DEFAULT 0,
    updated_at           timestamptz  NOT NULL
);

-- The in-app inbox. One message per (event, principal): however often an event is redelivered, it is told once.
CREATE TABLE inbox_message (
    id           uuid         PRIMARY KEY,
    principal    varchar(64)  NOT NULL,
    grievance_id uuid         NOT NULL,
    event_id     uuid         NOT NULL,
    kind         varchar(32)  NOT NULL,
    title        varchar(200) NOT NULL,
    body         text         NOT NULL,
    created_at   timestamptz  NOT NULL,
    read_at      timestamptz,
    UNIQUE (event_id, principal)
);
CREATE INDEX inbox_message_principal ON inbox_message (principal, created_at DESC);
