-- Rating (好差评): once per reply; what the reply said, the reopenings so far, why the case closed.
ALTER TABLE grievance ADD COLUMN rating_round integer;           -- the dispatch round whose reply awaits a rating
ALTER TABLE grievance ADD COLUMN rating_due_at timestamptz;      -- the rating window's end, from deadline-service
ALTER TABLE grievance ADD COLUMN rating_due_round integer;
ALTER TABLE grievance ADD COLUMN last_reply text;
ALTER TABLE grievance ADD COLUMN reopen_count integer NOT NULL DEFAULT 0;
ALTER TABLE grievance ADD COLUMN closed_reason varchar(32);

CREATE TABLE rating (
    id            uuid         PRIMARY KEY,
    grievance_id  uuid         NOT NULL REFERENCES grievance (id),
    round         integer      NOT NULL,
    level         varchar(24)  NOT NULL,
    solved        boolean      NOT NULL,
    qin_mark      varchar(8)   NOT NULL,
    qing_mark     varchar(8)   NOT NULL,
    comment       varchar(1000),
    rated_via     varchar(8)   NOT NULL,
    rated_at      timestamptz  NOT NULL,
    tip_off_id    uuid         REFERENCES grievance (id),
    UNIQUE (grievance_id, round)
);

-- The signed single-use rating link of a reply: the token names this row, which records its use.
CREATE TABLE rating_invitation (
    token_id      uuid         PRIMARY KEY,
    grievance_id  uuid         NOT NULL REFERENCES grievance (id),
    round         integer      NOT NULL,
    expires_at    timestamptz  NOT NULL,
    used_at       timestamptz,
    UNIQUE (grievance_id, round)
);
