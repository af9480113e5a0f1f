-- Idempotency-Key of a submission: a retry with the same key returns the first result (mobile networks retry).
CREATE TABLE idempotency_key (
    principal     varchar(64)  NOT NULL,
    key           varchar(100) NOT NULL,
    request_hash  char(64)     NOT NULL,
    grievance_id  uuid         NOT NULL REFERENCES grievance (id),
    created_at    timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);
