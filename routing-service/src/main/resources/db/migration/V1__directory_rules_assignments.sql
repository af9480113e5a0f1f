-- The department directory (承办部门名录): every unit a grievance can go to, with its level and region.
CREATE TABLE department (
    code          varchar(32)  PRIMARY KEY,
    name_zh       varchar(100) NOT NULL,
    name_en       varchar(150) NOT NULL,
    kind          varchar(32)  NOT NULL CHECK (kind IN ('ORDINARY', 'BUSINESS_ENVIRONMENT_OFFICE', 'OVERSIGHT_BODY')),
    level         varchar(16)  NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'DISTRICT')),
    region_code   char(6)      NOT NULL,
    parent_code   varchar(32)  REFERENCES department (code),
    duty          varchar(32),
    active        boolean      NOT NULL DEFAULT true
);
CREATE INDEX department_region ON department (region_code);

-- Routing rules as data: the highest priority match wins; a longer region prefix breaks ties.
CREATE TABLE routing_rule (
    id                   varchar(32)  PRIMARY KEY,
    priority             integer      NOT NULL,
    category             varchar(16),
    subject_area         varchar(32),
    region_prefix        varchar(6)   NOT NULL DEFAULT '',
    keywords             text[]       NOT NULL DEFAULT '{}',
    lead_department_code varchar(32)  NOT NULL REFERENCES department (code),
    description          varchar(200) NOT NULL,
    active               boolean      NOT NULL DEFAULT true
);

-- A grievance as routing knows it (from intake's events) and who handles it now.
CREATE TABLE assignment (
    grievance_id          uuid         PRIMARY KEY,
    tracking_number       varchar(16),
    category              varchar(16)  NOT NULL,
    subject_area          varchar(32)  NOT NULL,
    urgency               varchar(8)   NOT NULL,
    region_code           char(6)      NOT NULL,
    title                 varchar(100) NOT NULL,
    respondent_department varchar(32),
    status                varchar(32)  NOT NULL,
    round                 integer      NOT NULL DEFAULT 0,
    lead_department_code  varchar(32)  REFERENCES department (code),
    rule_id               varchar(32),
    reason                text,
    dispatched_at         timestamptz,
    updated_at            timestamptz  NOT NULL
);
CREATE INDEX assignment_lead ON assignment (lead_department_code, status);
