-- Duty keywords of a department, and rules that target "the department of this duty at the grievance's level".
ALTER TABLE department ADD COLUMN keywords text[] NOT NULL DEFAULT '{}';

ALTER TABLE routing_rule ALTER COLUMN lead_department_code DROP NOT NULL;
ALTER TABLE routing_rule ADD COLUMN lead_duty varchar(32);
ALTER TABLE routing_rule ADD COLUMN co_handling text[] NOT NULL DEFAULT '{}';
ALTER TABLE routing_rule ADD CONSTRAINT routing_rule_one_target
    CHECK ((lead_department_code IS NULL) <> (lead_duty IS NULL));

-- Synonyms a keyword also matches (乱收费 also matches 违规收费): matching Chinese text without a tokenizer.
CREATE TABLE keyword_synonym (
    keyword varchar(32) NOT NULL,
    synonym varchar(32) NOT NULL,
    PRIMARY KEY (keyword, synonym)
);

-- Enterprise liaison officers (联系企业领导 / 首席服务员), copied on their enterprises' cases.
CREATE TABLE liaison_officer (
    uscc            char(18)     PRIMARY KEY,
    official_name   varchar(50)  NOT NULL,
    title           varchar(100) NOT NULL,
    department_code varchar(32)  NOT NULL REFERENCES department (code),
    phone           varchar(20),
    email           varchar(100),
    updated_at      timestamptz  NOT NULL
);

-- The department's work on an assignment.
ALTER TABLE assignment ADD COLUMN uscc char(18);
ALTER TABLE assignment ADD COLUMN content text NOT NULL DEFAULT '';
ALTER TABLE assignment ADD COLUMN dispatch_cause varchar(24);
ALTER TABLE assignment ADD COLUMN co_handling varchar(32)[] NOT NULL DEFAULT '{}';
ALTER TABLE assignment ADD COLUMN returned_by varchar(32)[] NOT NULL DEFAULT '{}';
ALTER TABLE assignment ADD COLUMN signed_at timestamptz;
ALTER TABLE assignment ADD COLUMN replied_at timestamptz;
ALTER TABLE assignment ADD COLUMN sign_due_at timestamptz;
ALTER TABLE assignment ADD COLUMN reply_due_at timestamptz;
ALTER TABLE assignment ADD COLUMN warned boolean NOT NULL DEFAULT false;
ALTER TABLE assignment ADD COLUMN escalation_level integer NOT NULL DEFAULT 0;
ALTER TABLE assignment ADD COLUMN under_supervision boolean NOT NULL DEFAULT false;
ALTER TABLE assignment ADD COLUMN urged boolean NOT NULL DEFAULT false;
ALTER TABLE assignment ADD COLUMN open_info_request uuid;
CREATE INDEX assignment_co_handling ON assignment USING gin (co_handling);

CREATE TABLE handling_note (
    id              uuid        PRIMARY KEY,
    grievance_id    uuid        NOT NULL REFERENCES assignment (grievance_id),
    department_code varchar(32) NOT NULL,
    text            text        NOT NULL,
    visible_to_enterprise boolean NOT NULL,
    created_at      timestamptz NOT NULL
);

CREATE TABLE info_request (
    id              uuid        PRIMARY KEY,
    grievance_id    uuid        NOT NULL REFERENCES assignment (grievance_id),
    department_code varchar(32) NOT NULL,
    question        text        NOT NULL,
    asked_at        timestamptz NOT NULL,
    answered_at     timestamptz
);

CREATE TABLE extension_request (
    id              uuid        PRIMARY KEY,
    grievance_id    uuid        NOT NULL REFERENCES assignment (grievance_id),
    department_code varchar(32) NOT NULL,
    working_days    integer     NOT NULL,
    reason          text        NOT NULL,
    requested_at    timestamptz NOT NULL,
    decision        varchar(16)
);

CREATE TABLE co_handling_input (
    id              uuid        PRIMARY KEY,
    grievance_id    uuid        NOT NULL REFERENCES assignment (grievance_id),
    department_code varchar(32) NOT NULL,
    question        text        NOT NULL,
    answer          text,
    requested_at    timestamptz NOT NULL,
    answered_at     timestamptz
);

-- Every return (退回) is counted against the returner: buck-passing (推诿) is measured.
CREATE TABLE return_record (
    id              uuid        PRIMARY KEY,
    grievance_id    uuid        NOT NULL REFERENCES assignment (grievance_id),
    department_code varchar(32) NOT NULL,
    reason          text        NOT NULL,
    basis           text        NOT NULL,
    round           integer     NOT NULL,
    returned_at     timestamptz NOT NULL
);
CREATE INDEX return_record_department ON return_record (department_code, returned_at);

CREATE TABLE reply (
    id              uuid        PRIMARY KEY,
    grievance_id    uuid        NOT NULL REFERENCES assignment (grievance_id),
    department_code varchar(32) NOT NULL,
    round           integer     NOT NULL,
    text            text        NOT NULL,
    attachments     text        NOT NULL DEFAULT '[]',
    replied_at      timestamptz NOT NULL
);

-- Keywords and synonyms for the seed directory, and rules that use them.
UPDATE department SET keywords = '{收费,罚款,市场准入,营业执照,食品,价格}' WHERE duty = 'market-regulation';
UPDATE department SET keywords = '{融资,贷款,担保,贴息}' WHERE duty = 'finance';
INSERT INTO department (code, name_zh, name_en, kind, level, region_code, parent_code, duty, keywords) VALUES
 ('HZ-GXJ', '杭州市经济和信息化局', 'Hangzhou Economy and Information Technology Bureau', 'ORDINARY', 'CITY', '330100', NULL, 'economy', '{用电,报装,拖欠,账款}'),
 ('XH-GXJ', '西湖区经济和信息化局', 'Xihu District Economy and Information Technology Bureau', 'ORDINARY', 'DISTRICT', '330106', 'HZ-GXJ', 'economy', '{用电,报装,拖欠,账款}'),
 ('NB-GXJ', '宁波市经济和信息化局', 'Ningbo Economy and Information Technology Bureau', 'ORDINARY', 'CITY', '330200', NULL, 'economy', '{用电,报装,拖欠,账款}'),
 ('ZJ-GXT', '浙江省经济和信息化厅', 'Zhejiang Department of Economy and Information Technology', 'ORDINARY', 'PROVINCE', '330000', NULL, 'economy', '{用电,报装,拖欠,账款}');

INSERT INTO keyword_synonym (keyword, synonym) VALUES
 ('乱收费', '违规收费'), ('乱收费', '乱罚款'), ('乱收费', '收取不合理费用'), ('乱收费', '不合理费用'),
 ('拖欠账款', '拖欠货款'), ('拖欠账款', '拖欠工程款'), ('拖欠账款', '欠款未付'), ('拖欠账款', '迟迟不付款'),
 ('用电报装', '接电'), ('用电报装', '电力接入'), ('用电报装', '供电申请'), ('用电报装', '报装用电'),
 ('融资贷款', '贷款'), ('融资贷款', '融资'), ('融资贷款', '授信'), ('融资贷款', '贴息');

INSERT INTO routing_rule (id, priority, category, subject_area, region_prefix, keywords, lead_department_code, lead_duty, description) VALUES
 ('R-ARREARS',   90, NULL, NULL, '33', '{拖欠账款}', NULL, 'economy', '拖欠企业账款由所在地经信部门主办'),
 ('R-POWER',     90, NULL, NULL, '33', '{用电报装}', NULL, 'economy', '用电报装诉求由所在地经信部门主办'),
 ('R-FEES-KW',   80, 'COMPLAINT', NULL, '33', '{乱收费}', NULL, 'market-regulation', '乱收费投诉由所在地市场监管部门主办');
