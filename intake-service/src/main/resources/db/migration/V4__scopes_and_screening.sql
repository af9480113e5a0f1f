-- What the access scopes of PLATFORM.md §2 need, kept current from routing's and deadline's events.
ALTER TABLE grievance ADD COLUMN lead_department_region varchar(6);
-- ",CODE1,CODE2," so a department's share is one LIKE in the query that scopes it
ALTER TABLE grievance ADD COLUMN co_handling_departments varchar(400) NOT NULL DEFAULT ',';
ALTER TABLE grievance ADD COLUMN escalation_level integer NOT NULL DEFAULT 0;
-- the oversight body's region an escalation reached (level 3, or a province department's level 2)
ALTER TABLE grievance ADD COLUMN oversight_region varchar(6);
CREATE INDEX grievance_region ON grievance (region_code, submitted_at DESC);
CREATE INDEX grievance_lead ON grievance (lead_department_code);

-- Screening (受理审核): why a submission waits for an operator, and how the operator ended it.
ALTER TABLE grievance ADD COLUMN screening_reason text;
ALTER TABLE grievance ADD COLUMN suspected_duplicate_of uuid REFERENCES grievance (id);
ALTER TABLE grievance ADD COLUMN rejection_reason text;
ALTER TABLE grievance ADD COLUMN merged_into uuid REFERENCES grievance (id);
CREATE INDEX grievance_screening ON grievance (status, submitted_at) WHERE status = 'SUBMITTED';
