-- Keyway: used client-assertion ids (private_key_jwt, RFC 7523), for JdbcAssertionReplayStore.
-- Portable SQL (PostgreSQL, H2, MySQL 8, ...). Times are epoch milliseconds (UTC).
-- client_id must compare case-sensitively (on MySQL use a binary collation such as utf8mb4_bin).
CREATE TABLE keyway_used_assertion (
  client_id   VARCHAR(255) NOT NULL,
  jti_hash    CHAR(43)     NOT NULL,
  expires_at  BIGINT       NOT NULL,
  PRIMARY KEY (client_id, jti_hash)
);

CREATE INDEX keyway_used_assertion_expires ON keyway_used_assertion (expires_at);
