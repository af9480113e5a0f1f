-- The audit log of state-changing requests, in every service's own schema (versions 0.x sort before the
-- service's own). Never a token, a password, a body or a query string: who, roles, what, when, from where.
CREATE TABLE request_audit (
    id             bigserial   PRIMARY KEY,
    at             timestamptz NOT NULL,
    user_name      text,
    subject        text,
    roles          text        NOT NULL DEFAULT '',
    method         text        NOT NULL,
    path           text        NOT NULL,
    status         integer     NOT NULL,
    remote_address text
);

CREATE INDEX request_audit_at ON request_audit (at);
CREATE INDEX request_audit_user_at ON request_audit (user_name, at);
