-- The gateway's metadata. Document bytes live in the object store, named by their SHA-256.
-- Times are Unix milliseconds; accounts are SS58 strings; hashes are lowercase hex.

-- One stored document per on-chain record (each amendment is its own record).
CREATE TABLE documents (
    record_id          BIGINT PRIMARY KEY,
    patient            TEXT    NOT NULL,
    content_hash       TEXT    NOT NULL,
    size_bytes         BIGINT  NOT NULL,
    uploaded_by        TEXT    NOT NULL,
    uploaded_at        BIGINT  NOT NULL,
    uploaded_at_block  BIGINT  NOT NULL
);
CREATE INDEX documents_by_patient ON documents (patient, record_id);
CREATE INDEX documents_by_hash ON documents (content_hash);

-- A document's data key, sealed to one recipient's published X25519 key.
CREATE TABLE key_envelopes (
    record_id      BIGINT  NOT NULL,
    recipient      TEXT    NOT NULL,
    recipient_key  TEXT    NOT NULL,
    envelope       BYTEA   NOT NULL,
    added_by       TEXT    NOT NULL,
    added_at       BIGINT  NOT NULL,
    PRIMARY KEY (record_id, recipient)
);

-- Single-use challenges: answered once (used_at set atomically), or never after expires_at.
CREATE TABLE challenges (
    nonce       TEXT    PRIMARY KEY,
    account     TEXT    NOT NULL,
    message     TEXT    NOT NULL,
    expires_at  BIGINT  NOT NULL,
    used_at     BIGINT
);
CREATE INDEX challenges_by_expiry ON challenges (expires_at);

-- Session tokens, kept only as their SHA-256.
CREATE TABLE sessions (
    token_hash    TEXT    PRIMARY KEY,
    account       TEXT    NOT NULL,
    purpose       TEXT    NOT NULL,
    on_behalf_of  BIGINT,
    expires_at    BIGINT  NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- The gateway's audit trail: every request, allowed or refused (IHE BALP AuditEvent).
CREATE TABLE audit_events (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recorded_at     BIGINT   NOT NULL,
    operation       TEXT     NOT NULL,
    outcome         TEXT     NOT NULL,
    http_status     BIGINT   NOT NULL,
    reason          TEXT,
    requester       TEXT,
    on_behalf_of    BIGINT,
    purpose         TEXT,
    record_id       BIGINT,
    patient         TEXT,
    block_number    BIGINT,
    block_hash      TEXT,
    client_address  TEXT
);
CREATE INDEX audit_events_by_patient ON audit_events (patient, id);
