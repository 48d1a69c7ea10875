-- Keyway: used client-assertion ids (private_key_jwt, RFC 7523), for JdbcAssertionReplayStore.
-- Kept apart from schema.sql; the same conventions: portable (PostgreSQL 15+, H2 2.x in
-- MODE=PostgreSQL), idempotent (IF NOT EXISTS), instants as BIGINT microseconds since the epoch,
-- identifiers case-sensitive. Only the SHA-256 hash of a jti is stored.

CREATE TABLE IF NOT EXISTS keyway_used_assertion (
  client_id   TEXT        NOT NULL,
  jti_hash    VARCHAR(43) NOT NULL,
  expires_at  BIGINT      NOT NULL,
  PRIMARY KEY (client_id, jti_hash)
);
CREATE INDEX IF NOT EXISTS keyway_used_assertion_expires ON keyway_used_assertion (expires_at);
