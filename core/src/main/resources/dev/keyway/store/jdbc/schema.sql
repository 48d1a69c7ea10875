-- Keyway JDBC store schema. Portable: runs unchanged on PostgreSQL 15+ and on H2 2.x in
-- MODE=PostgreSQL (the one difference that matters: H2 maps TEXT to an indexable VARCHAR only in
-- that mode; in H2's default mode TEXT is a CLOB and cannot be a key).
--
-- * Credentials are never stored: codes, tokens and pending-authorization ids appear only as their
--   SHA-256 hash (43 base64url characters); client secrets only as SecretHasher output.
-- * Instants are BIGINT microseconds since 1970-01-01T00:00:00Z.
-- * Set- and list-valued fields are JSON arrays of strings in TEXT columns.
-- * Identifiers (client_id, subject, grant_id) are case-sensitive: no case-insensitive collation.
-- * Every statement is idempotent (IF NOT EXISTS), so JdbcSchema.create may run at every start.

CREATE TABLE IF NOT EXISTS keyway_client (
  client_id          TEXT        NOT NULL PRIMARY KEY,
  client_type        VARCHAR(16) NOT NULL,
  display_name       TEXT        NOT NULL,
  secrets            TEXT        NOT NULL,
  auth_methods       TEXT        NOT NULL,
  grant_types        TEXT        NOT NULL,
  redirect_uris      TEXT        NOT NULL,
  allowed_scopes     TEXT        NOT NULL,
  default_scopes     TEXT        NOT NULL,
  require_pkce       BOOLEAN     NOT NULL,
  resource_server    BOOLEAN     NOT NULL,
  access_token_ttl   VARCHAR(64),
  refresh_token_ttl  VARCHAR(64),
  jwks               TEXT,
  logo_uri           TEXT,
  homepage_uri       TEXT,
  owner              TEXT,
  created_at         BIGINT      NOT NULL,
  registration_access_token_hash VARCHAR(43),
  access_token_format VARCHAR(16),
  refresh_grace_window VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS keyway_client_owner ON keyway_client (owner, created_at);

CREATE TABLE IF NOT EXISTS keyway_authorization_code (
  code_hash              VARCHAR(43) NOT NULL PRIMARY KEY,
  client_id              TEXT        NOT NULL,
  redirect_uri           TEXT        NOT NULL,
  redirect_uri_sent      BOOLEAN     NOT NULL,
  subject                TEXT        NOT NULL,
  scopes                 TEXT        NOT NULL,
  code_challenge         TEXT,
  code_challenge_method  VARCHAR(16),
  grant_id               TEXT        NOT NULL,
  auth_time              BIGINT,
  issued_at              BIGINT      NOT NULL,
  expires_at             BIGINT      NOT NULL,
  state                  VARCHAR(16) NOT NULL
);
CREATE INDEX IF NOT EXISTS keyway_authorization_code_expires ON keyway_authorization_code (expires_at);

CREATE TABLE IF NOT EXISTS keyway_pending_authorization (
  id_hash                VARCHAR(43) NOT NULL PRIMARY KEY,
  subject                TEXT        NOT NULL,
  client_id              TEXT        NOT NULL,
  redirect_uri           TEXT        NOT NULL,
  redirect_uri_sent      BOOLEAN     NOT NULL,
  scopes                 TEXT        NOT NULL,
  client_state           TEXT,
  code_challenge         TEXT,
  code_challenge_method  VARCHAR(16),
  auth_time              BIGINT,
  created_at             BIGINT      NOT NULL,
  expires_at             BIGINT      NOT NULL
);
CREATE INDEX IF NOT EXISTS keyway_pending_authorization_expires ON keyway_pending_authorization (expires_at);

CREATE TABLE IF NOT EXISTS keyway_grant (
  grant_id      TEXT        NOT NULL PRIMARY KEY,
  client_id     TEXT        NOT NULL,
  subject       TEXT        NOT NULL,
  scopes        TEXT        NOT NULL,
  auth_time     BIGINT,
  created_at    BIGINT      NOT NULL,
  expires_at    BIGINT      NOT NULL,
  last_used_at  BIGINT      NOT NULL,
  state         VARCHAR(16) NOT NULL
);
CREATE INDEX IF NOT EXISTS keyway_grant_subject ON keyway_grant (subject, client_id);
CREATE INDEX IF NOT EXISTS keyway_grant_client ON keyway_grant (client_id);
CREATE INDEX IF NOT EXISTS keyway_grant_expires ON keyway_grant (expires_at);

CREATE TABLE IF NOT EXISTS keyway_access_token (
  token_hash  VARCHAR(43) NOT NULL PRIMARY KEY,
  grant_id    TEXT        REFERENCES keyway_grant (grant_id) ON DELETE CASCADE,
  client_id   TEXT        NOT NULL,
  subject     TEXT        NOT NULL,
  scopes      TEXT        NOT NULL,
  issued_at   BIGINT      NOT NULL,
  expires_at  BIGINT      NOT NULL,
  state       VARCHAR(16) NOT NULL
);
CREATE INDEX IF NOT EXISTS keyway_access_token_grant ON keyway_access_token (grant_id);
CREATE INDEX IF NOT EXISTS keyway_access_token_client ON keyway_access_token (client_id);
CREATE INDEX IF NOT EXISTS keyway_access_token_expires ON keyway_access_token (expires_at);

CREATE TABLE IF NOT EXISTS keyway_refresh_token (
  token_hash      VARCHAR(43) NOT NULL PRIMARY KEY,
  grant_id        TEXT        NOT NULL REFERENCES keyway_grant (grant_id) ON DELETE CASCADE,
  client_id       TEXT        NOT NULL,
  subject         TEXT        NOT NULL,
  scopes          TEXT        NOT NULL,
  issued_at       BIGINT      NOT NULL,
  expires_at      BIGINT      NOT NULL,
  state           VARCHAR(16) NOT NULL,
  rotated_at      BIGINT,
  successor_hash  VARCHAR(43)
);
CREATE INDEX IF NOT EXISTS keyway_refresh_token_grant ON keyway_refresh_token (grant_id);

CREATE TABLE IF NOT EXISTS keyway_consent (
  subject     TEXT   NOT NULL,
  client_id   TEXT   NOT NULL,
  scopes      TEXT   NOT NULL,
  granted_at  BIGINT NOT NULL,
  PRIMARY KEY (subject, client_id)
);
CREATE INDEX IF NOT EXISTS keyway_consent_client ON keyway_consent (client_id);
