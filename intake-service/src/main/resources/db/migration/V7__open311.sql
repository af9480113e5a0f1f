-- Open311 GeoReport v2: client organisations with the api_key an admin issued (only its hash is kept), and where
-- a posted request is (address_string, lat, long).
CREATE TABLE open311_client (
    id            uuid         PRIMARY KEY,
    organisation  varchar(100) NOT NULL,
    key_hash      char(64)     NOT NULL UNIQUE,
    issued_by     varchar(64)  NOT NULL,
    issued_at     timestamptz  NOT NULL,
    revoked_at    timestamptz
);
ALTER TABLE grievance ADD COLUMN open311_client varchar(100);
ALTER TABLE grievance ADD COLUMN address varchar(250);
ALTER TABLE grievance ADD COLUMN latitude double precision;
ALTER TABLE grievance ADD COLUMN longitude double precision;
CREATE INDEX grievance_submitted_at ON grievance (submitted_at);
