-- A tip-off's reporter (举报人) is never in the grievance row: the identity is encrypted in reporter_identity, and
-- the enterprise finds its own tip-offs by a keyed digest of its USCC (PLATFORM.md §4 "Tip-off privacy").
ALTER TABLE grievance ALTER COLUMN uscc DROP NOT NULL;
ALTER TABLE grievance ALTER COLUMN enterprise_name DROP NOT NULL;
ALTER TABLE grievance ADD COLUMN reporter_digest char(64);
ALTER TABLE grievance ADD COLUMN anonymous boolean NOT NULL DEFAULT false;
-- an anonymous reporter follows the case with the tracking number and this code (only its hash is kept)
ALTER TABLE grievance ADD COLUMN query_code_hash char(64);
CREATE INDEX grievance_reporter_digest ON grievance (reporter_digest) WHERE reporter_digest IS NOT NULL;

CREATE TABLE reporter_identity (
    grievance_id  uuid         PRIMARY KEY REFERENCES grievance (id),
    key_id        varchar(16)  NOT NULL,
    iv            bytea        NOT NULL,
    ciphertext    bytea        NOT NULL
);

-- Every look at a reporter's identity or contact: who, in what role and unit, when, which case, why.
CREATE TABLE reporter_access (
    id            bigserial    PRIMARY KEY,
    grievance_id  uuid         NOT NULL REFERENCES grievance (id),
    accessor      varchar(64)  NOT NULL,
    role          varchar(32)  NOT NULL,
    department    varchar(32),
    purpose       varchar(500) NOT NULL,
    what          varchar(16)  NOT NULL,
    accessed_at   timestamptz  NOT NULL
);
CREATE INDEX reporter_access_grievance ON reporter_access (grievance_id, accessed_at);
