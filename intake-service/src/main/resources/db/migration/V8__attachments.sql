-- Attachments (附件): what the enterprise or operator added, with its checksum; the bytes are in the attachment store.
CREATE TABLE attachment (
    id            uuid          PRIMARY KEY,
    grievance_id  uuid          NOT NULL REFERENCES grievance (id),
    name          varchar(200)  NOT NULL,
    content_type  varchar(100)  NOT NULL,
    size          bigint        NOT NULL,
    sha256        char(64)      NOT NULL,
    storage_key   varchar(200)  NOT NULL,
    added_by_role varchar(16)   NOT NULL,
    added_at      timestamptz   NOT NULL
);
CREATE INDEX attachment_grievance ON attachment (grievance_id, added_at);
