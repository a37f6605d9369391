-- Shares: a citizen's confirmed request to send copies of documents to a partner. The row is the durable job the
-- signing workers claim; it keeps metadata only, plus the encrypted inputs until the e-mail is accepted or the job
-- finally fails. The citizen is known only by a keyed hash of the identity provider's subject.
CREATE TABLE share (
    id                 uuid PRIMARY KEY,
    request_id         text NOT NULL UNIQUE,          -- single use of a resolved request
    subject_hash       bytea NOT NULL,
    idempotency_key    text NOT NULL,
    request_hash       bytea NOT NULL,                -- SHA-256 of the request body, to spot a reused key
    partner_id         uuid NOT NULL REFERENCES partner (id),
    branch_id          uuid NOT NULL REFERENCES branch (id),
    service_id         uuid NOT NULL REFERENCES service (id),
    qr_id              uuid NOT NULL REFERENCES qr_code (id),
    document_types     text[] NOT NULL,
    status             text NOT NULL CHECK (status IN ('accepted', 'signing', 'sent', 'failed')),
    payload_encrypted  bytea,
    attempts           integer NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL DEFAULT now(),
    lease_until        timestamptz,
    failure_reason     text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    signing_at         timestamptz,
    sent_at            timestamptz,
    failed_at          timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subject_hash, idempotency_key),
    CHECK (status IN ('sent', 'failed') OR payload_encrypted IS NOT NULL)
);
-- The workers' queue: pending jobs in due order.
CREATE INDEX share_pending ON share (next_attempt_at) WHERE status IN ('accepted', 'signing');
-- The partners' delivery history.
CREATE INDEX share_partner ON share (partner_id, created_at, id);
