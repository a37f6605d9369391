-- The partner cabinet: the business register used for the head check, partners and their sessions, offer
-- acceptances, branches, services and QR codes. Personal data is never stored in clear: taxpayer numbers (RNOKPP)
-- only as keyed hashes (HMAC, for equality lookups), passport data only encrypted (AES-256-GCM with a key id).

-- The business register (ЄДР extract): which RNOKPP heads which legal entity. Loaded by `qrshare registry import`.
CREATE TABLE organisation (
    edrpou            text PRIMARY KEY CHECK (edrpou ~ '^[0-9]{8}$'),
    name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
    head_rnokpp_hash  bytea NOT NULL,
    head_name         text NOT NULL,
    address           text NOT NULL,
    imported_at       timestamptz NOT NULL DEFAULT now()
);

-- Single-use login challenges (5 minutes).
CREATE TABLE auth_challenge (
    id          uuid PRIMARY KEY,
    nonce       bytea NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX auth_challenge_expires ON auth_challenge (expires_at);

-- A partner: a legal entity (edrpou set) or a sole proprietor (edrpou null; identified by the owner's RNOKPP).
CREATE TABLE partner (
    id                  uuid PRIMARY KEY,
    kind                text NOT NULL CHECK (kind IN ('legal_entity', 'sole_proprietor')),
    edrpou              text UNIQUE CHECK (edrpou ~ '^[0-9]{8}$'),
    owner_rnokpp_hash   bytea NOT NULL,
    name                text NOT NULL,
    head_name           text NOT NULL,
    email               text,
    phone               text,
    passport_encrypted  bytea,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'legal_entity') = (edrpou IS NOT NULL))
);
CREATE UNIQUE INDEX partner_sole_proprietor ON partner (owner_rnokpp_hash) WHERE kind = 'sole_proprietor';

-- Sessions behind the session JWTs: logout revokes the row, so the token is dead on every instance.
CREATE TABLE partner_session (
    id          uuid PRIMARY KEY,
    partner_id  uuid NOT NULL REFERENCES partner (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX partner_session_partner ON partner_session (partner_id);

-- Signed accessions to the public offer, one per partner and offer version.
CREATE TABLE offer_acceptance (
    partner_id          uuid NOT NULL REFERENCES partner (id),
    offer_version       integer NOT NULL,
    text_sha256         bytea NOT NULL,
    signature           bytea NOT NULL,
    signer_certificate  bytea NOT NULL,
    accepted_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, offer_version)
);

CREATE TABLE branch (
    id              uuid PRIMARY KEY,
    partner_id      uuid NOT NULL REFERENCES partner (id),
    name            text NOT NULL,
    address         jsonb NOT NULL,
    address_text    text NOT NULL,
    email           text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz
);
CREATE INDEX branch_partner ON branch (partner_id, created_at, id) WHERE deleted_at IS NULL;

CREATE TABLE service (
    id                    uuid PRIMARY KEY,
    partner_id            uuid NOT NULL REFERENCES partner (id),
    branch_id             uuid NOT NULL REFERENCES branch (id),
    names                 text[] NOT NULL,
    documents             text[] NOT NULL,
    legal_basis           text NOT NULL,
    legal_basis_confirmed boolean NOT NULL CHECK (legal_basis_confirmed),
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    deleted_at            timestamptz
);
CREATE INDEX service_branch ON service (branch_id, created_at, id) WHERE deleted_at IS NULL;

CREATE TABLE qr_code (
    id           uuid PRIMARY KEY,
    partner_id   uuid NOT NULL REFERENCES partner (id),
    service_id   uuid NOT NULL REFERENCES service (id),
    token        text NOT NULL UNIQUE,
    address_text text NOT NULL,
    issued_at    timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    revoked_at   timestamptz
);
CREATE INDEX qr_code_service ON qr_code (service_id, issued_at, id);
