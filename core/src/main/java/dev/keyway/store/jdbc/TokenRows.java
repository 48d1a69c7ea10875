package dev.keyway.store.jdbc;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads and writes the rows of {@code keyway_grant}, {@code keyway_access_token}, {@code
 * keyway_refresh_token}.
 */
final class TokenRows {

  static final String GRANT_COLUMNS =
      "grant_id, client_id, subject, scopes, auth_time, created_at, expires_at, last_used_at, state";
  static final String ACCESS_COLUMNS =
      "token_hash, grant_id, client_id, subject, scopes, issued_at, expires_at, state";
  static final String REFRESH_COLUMNS =
      "token_hash, grant_id, client_id, subject, scopes, issued_at, expires_at, state, rotated_at,"
          + " successor_hash";

  static final String INSERT_GRANT =
      "INSERT INTO keyway_grant (" + GRANT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_ACCESS =
      "INSERT INTO keyway_access_token (" + ACCESS_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  static final String INSERT_REFRESH =
      "INSERT INTO keyway_refresh_token ("
          + REFRESH_COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  static final String SELECT_GRANT =
      "SELECT " + GRANT_COLUMNS + " FROM keyway_grant WHERE grant_id = ?";
  static final String SELECT_ACCESS =
      "SELECT " + ACCESS_COLUMNS + " FROM keyway_access_token WHERE token_hash = ?";
  static final String SELECT_REFRESH =
      "SELECT " + REFRESH_COLUMNS + " FROM keyway_refresh_token WHERE token_hash = ?";

  private TokenRows() {}

  static void insertGrant(Connection c, GrantRecord g) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_GRANT)) {
      ps.setString(1, g.grantId());
      ps.setString(2, g.clientId());
      ps.setString(3, g.subject());
      ps.setString(4, JsonColumns.set(g.scopes()));
      Sql.setInstant(ps, 5, g.authTime());
      Sql.setInstant(ps, 6, g.createdAt());
      Sql.setInstant(ps, 7, g.expiresAt());
      Sql.setInstant(ps, 8, g.lastUsedAt());
      ps.setString(9, g.state().name());
      ps.executeUpdate();
    }
  }

  static void insertAccess(Connection c, AccessTokenRecord t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_ACCESS)) {
      ps.setString(1, t.tokenHash().value());
      Sql.setString(ps, 2, t.grantId());
      ps.setString(3, t.clientId());
      ps.setString(4, t.subject());
      ps.setString(5, JsonColumns.set(t.scopes()));
      Sql.setInstant(ps, 6, t.issuedAt());
      Sql.setInstant(ps, 7, t.expiresAt());
      ps.setString(8, t.state().name());
      ps.executeUpdate();
    }
  }

  static void insertRefresh(Connection c, RefreshTokenRecord t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT_REFRESH)) {
      ps.setString(1, t.tokenHash().value());
      ps.setString(2, t.grantId());
      ps.setString(3, t.clientId());
      ps.setString(4, t.subject());
      ps.setString(5, JsonColumns.set(t.scopes()));
      Sql.setInstant(ps, 6, t.issuedAt());
      Sql.setInstant(ps, 7, t.expiresAt());
      ps.setString(8, t.state().name());
      Sql.setInstant(ps, 9, t.rotatedAt());
      Sql.setString(ps, 10, t.successorHash() == null ? null : t.successorHash().value());
      ps.executeUpdate();
    }
  }

  static GrantRecord selectGrant(Connection c, String grantId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT_GRANT)) {
      ps.setString(1, grantId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? grant(rs) : null;
      }
    }
  }

  static AccessTokenRecord selectAccess(Connection c, TokenHash hash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT_ACCESS)) {
      ps.setString(1, hash.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? access(rs) : null;
      }
    }
  }

  static RefreshTokenRecord selectRefresh(Connection c, TokenHash hash) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT_REFRESH)) {
      ps.setString(1, hash.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? refresh(rs) : null;
      }
    }
  }

  static GrantRecord grant(ResultSet rs) throws SQLException {
    return new GrantRecord(
        rs.getString("grant_id"),
        rs.getString("client_id"),
        rs.getString("subject"),
        JsonColumns.parseSet(rs.getString("scopes")),
        Sql.getInstant(rs, "auth_time"),
        Sql.getInstant(rs, "created_at"),
        Sql.getInstant(rs, "expires_at"),
        Sql.getInstant(rs, "last_used_at"),
        GrantState.valueOf(rs.getString("state")));
  }

  static AccessTokenRecord access(ResultSet rs) throws SQLException {
    return new AccessTokenRecord(
        TokenHash.of(rs.getString("token_hash")),
        rs.getString("grant_id"),
        rs.getString("client_id"),
        rs.getString("subject"),
        JsonColumns.parseSet(rs.getString("scopes")),
        Sql.getInstant(rs, "issued_at"),
        Sql.getInstant(rs, "expires_at"),
        AccessTokenState.valueOf(rs.getString("state")));
  }

  static RefreshTokenRecord refresh(ResultSet rs) throws SQLException {
    String successor = rs.getString("successor_hash");
    return new RefreshTokenRecord(
        TokenHash.of(rs.getString("token_hash")),
        rs.getString("grant_id"),
        rs.getString("client_id"),
        rs.getString("subject"),
        JsonColumns.parseSet(rs.getString("scopes")),
        Sql.getInstant(rs, "issued_at"),
        Sql.getInstant(rs, "expires_at"),
        RefreshTokenState.valueOf(rs.getString("state")),
        Sql.getInstant(rs, "rotated_at"),
        successor == null ? null : TokenHash.of(successor));
  }
}
