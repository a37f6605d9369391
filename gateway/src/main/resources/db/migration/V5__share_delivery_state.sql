-- Delivery under faults. lease_token names the worker holding a job, so only that worker renews its (short) lease
-- or gives the job back. copies_encrypted keeps the sealed, time-stamped copies of a job that could not be mailed yet
-- (AES-256-GCM like the payload), so a retry during an SMTP outage does not render, seal and stamp again; erased with
-- the payload when the job is sent or fails.
ALTER TABLE share ADD COLUMN lease_token uuid;
ALTER TABLE share ADD COLUMN copies_encrypted bytea;
ALTER TABLE share ADD CONSTRAINT share_copies_erased CHECK (status IN ('accepted', 'signing') OR copies_encrypted IS NULL);
