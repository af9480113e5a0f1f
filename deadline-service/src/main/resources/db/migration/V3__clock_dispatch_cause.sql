-- Why the department was dispatched: after a reopening the reply clock uses the reopened-reply policy.
ALTER TABLE clock ADD COLUMN dispatch_cause varchar(24) NOT NULL DEFAULT 'ACCEPTED';
ALTER TABLE clock ADD COLUMN stopped_at timestamptz;
