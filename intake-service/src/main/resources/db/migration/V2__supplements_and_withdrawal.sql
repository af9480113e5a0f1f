-- The open information request a supplement answers, and whether the case was ever replied to (no withdrawal after).
ALTER TABLE grievance ADD COLUMN open_info_request uuid;
ALTER TABLE grievance ADD COLUMN replied_once boolean NOT NULL DEFAULT false;
