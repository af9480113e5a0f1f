-- The messaging tables every service has, in its own schema (versions 0.x sort before the service's own).

-- Events written with the state change, published by the relay, deleted once the broker has them.
CREATE TABLE outbox_event (
    id           bigserial   PRIMARY KEY,
    event_id     uuid        NOT NULL UNIQUE,
    grievance_id uuid        NOT NULL,
    type         text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    payload      text        NOT NULL
);

-- The per-grievance sequence of this publisher's events (PLATFORM.md §4).
CREATE TABLE event_sequence (
    grievance_id  uuid   PRIMARY KEY,
    last_sequence bigint NOT NULL
);

-- Ids of consumed events, written in the handler's transaction: the idempotent consumer.
CREATE TABLE processed_event (
    event_id     uuid        PRIMARY KEY,
    type         text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
