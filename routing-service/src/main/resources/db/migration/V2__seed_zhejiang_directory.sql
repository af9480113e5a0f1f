-- Seed directory and rules for one province (浙江), two cities (杭州, 宁波) and a few districts: enough for the
-- demo and the tests. Admins maintain both through the API.
INSERT INTO department (code, name_zh, name_en, kind, level, region_code, parent_code, duty) VALUES
 ('ZJ-YSB',  '浙江省营商环境优化提升办公室', 'Zhejiang Business Environment Office', 'BUSINESS_ENVIRONMENT_OFFICE', 'PROVINCE', '330000', NULL, 'business-environment'),
 ('ZJ-JW',   '浙江省纪委监委',               'Zhejiang Discipline Inspection and Supervision Commission', 'OVERSIGHT_BODY', 'PROVINCE', '330000', NULL, 'oversight'),
 ('ZJ-SCJG', '浙江省市场监督管理局',          'Zhejiang Market Regulation Administration', 'ORDINARY', 'PROVINCE', '330000', NULL, 'market-regulation'),
 ('ZJ-JRB',  '浙江省地方金融管理局',          'Zhejiang Local Financial Administration', 'ORDINARY', 'PROVINCE', '330000', NULL, 'finance'),
 ('HZ-YSB',  '杭州市营商环境办公室',          'Hangzhou Business Environment Office', 'BUSINESS_ENVIRONMENT_OFFICE', 'CITY', '330100', 'ZJ-YSB', 'business-environment'),
 ('HZ-JW',   '杭州市纪委监委',               'Hangzhou Discipline Inspection and Supervision Commission', 'OVERSIGHT_BODY', 'CITY', '330100', 'ZJ-JW', 'oversight'),
 ('HZ-SCJG', '杭州市市场监督管理局',          'Hangzhou Market Regulation Administration', 'ORDINARY', 'CITY', '330100', 'ZJ-SCJG', 'market-regulation'),
 ('HZ-JRB',  '杭州市地方金融管理局',          'Hangzhou Local Financial Administration', 'ORDINARY', 'CITY', '330100', 'ZJ-JRB', 'finance'),
 ('HZ-RSJ',  '杭州市人力资源和社会保障局',     'Hangzhou Human Resources and Social Security Bureau', 'ORDINARY', 'CITY', '330100', NULL, 'employment'),
 ('XH-YSB',  '西湖区营商环境办公室',          'Xihu District Business Environment Office', 'BUSINESS_ENVIRONMENT_OFFICE', 'DISTRICT', '330106', 'HZ-YSB', 'business-environment'),
 ('XH-JW',   '西湖区纪委监委',               'Xihu District Discipline Inspection and Supervision Commission', 'OVERSIGHT_BODY', 'DISTRICT', '330106', 'HZ-JW', 'oversight'),
 ('XH-SCJG', '西湖区市场监督管理局',          'Xihu District Market Regulation Bureau', 'ORDINARY', 'DISTRICT', '330106', 'HZ-SCJG', 'market-regulation'),
 ('SC-SCJG', '上城区市场监督管理局',          'Shangcheng District Market Regulation Bureau', 'ORDINARY', 'DISTRICT', '330102', 'HZ-SCJG', 'market-regulation'),
 ('NB-YSB',  '宁波市营商环境办公室',          'Ningbo Business Environment Office', 'BUSINESS_ENVIRONMENT_OFFICE', 'CITY', '330200', 'ZJ-YSB', 'business-environment'),
 ('NB-JW',   '宁波市纪委监委',               'Ningbo Discipline Inspection and Supervision Commission', 'OVERSIGHT_BODY', 'CITY', '330200', 'ZJ-JW', 'oversight'),
 ('NB-SCJG', '宁波市市场监督管理局',          'Ningbo Market Regulation Administration', 'ORDINARY', 'CITY', '330200', 'ZJ-SCJG', 'market-regulation'),
 ('NB-JRB',  '宁波市地方金融管理局',          'Ningbo Local Financial Administration', 'ORDINARY', 'CITY', '330200', 'ZJ-JRB', 'finance'),
 ('JB-YSB',  '江北区营商环境办公室',          'Jiangbei District Business Environment Office', 'BUSINESS_ENVIRONMENT_OFFICE', 'DISTRICT', '330205', 'NB-YSB', 'business-environment'),
 ('JB-SCJG', '江北区市场监督管理局',          'Jiangbei District Market Regulation Bureau', 'ORDINARY', 'DISTRICT', '330205', 'NB-SCJG', 'market-regulation');

INSERT INTO routing_rule (id, priority, category, subject_area, region_prefix, keywords, lead_department_code, description) VALUES
 ('R-FIN-HZ',   100, NULL, 'FINANCING',         '3301',   '{}', 'HZ-JRB',  '杭州企业融资诉求由市地方金融管理局主办'),
 ('R-FIN-NB',   100, NULL, 'FINANCING',         '3302',   '{}', 'NB-JRB',  '宁波企业融资诉求由市地方金融管理局主办'),
 ('R-EMP-HZ',   100, NULL, 'EMPLOYMENT',        '3301',   '{}', 'HZ-RSJ',  '杭州用工诉求由市人社局主办'),
 ('R-FEE-XH',   120, NULL, 'FEES_AND_CHARGES',  '330106', '{}', 'XH-SCJG', '西湖区涉企收费诉求由区市场监管局主办'),
 ('R-MKT-XH',   110, NULL, 'MARKET_ACCESS',     '330106', '{}', 'XH-SCJG', '西湖区市场准入诉求由区市场监管局主办'),
 ('R-MKT-JB',   110, NULL, 'MARKET_ACCESS',     '330205', '{}', 'JB-SCJG', '江北区市场准入诉求由区市场监管局主办'),
 ('R-ANY-HZ',    10, NULL, NULL,                '3301',   '{}', 'HZ-YSB',  '杭州其他诉求由市营商办统筹'),
 ('R-ANY-NB',    10, NULL, NULL,                '3302',   '{}', 'NB-YSB',  '宁波其他诉求由市营商办统筹');
