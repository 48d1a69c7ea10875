package dev.keyway.store.jdbc;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.spi.token.TokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link TokenStore} in the tables {@code keyway_grant}, {@code keyway_access_token} and {@code
 * keyway_refresh_token}.
 *
 * <p>{@link #rotate} and {@link #revokeGrant} each run in one short READ COMMITTED transaction
 * whose first statement is a conditional {@code UPDATE} of the grant row. That row lock makes a
 * rotation and a revocation of one family serialise on every database and across servers: a
 * revocation that follows a rotation sees (and revokes) the successor, and a rotation that follows
 * a revocation matches no row. No lock is held between calls.
 */
public final class JdbcTokenStore implements TokenStore {

  /** Rotation, statement 1: lock the grant row if the family is live and owns the token. */
  static final String ROTATE_LOCK_GRANT =
      "UPDATE keyway_grant SET last_used_at = ? WHERE grant_id = ? AND state = 'ACTIVE'"
          + " AND expires_at > ? AND grant_id = (SELECT r.grant_id FROM keyway_refresh_token r"
          + " WHERE r.token_hash = ?)";

  /** Rotation, statement 2: the single winner, checked by row count. */
  static final String ROTATE_REFRESH =
      "UPDATE keyway_refresh_token SET state = 'ROTATED', rotated_at = ?, successor_hash = ?"
          + " WHERE token_hash = ? AND state = 'ACTIVE' AND expires_at > ?";

  /** Revocation, statement 1: lock the grant row. */
  static final String REVOKE_GRANT =
      "UPDATE keyway_grant SET state = 'REVOKED' WHERE grant_id = ? AND state = 'ACTIVE'";

  static final String REVOKE_REFRESH_OF_GRANT =
      "UPDATE keyway_refresh_token SET state = 'REVOKED' WHERE grant_id = ? AND state <> 'REVOKED'";
  static final String REVOKE_ACCESS_OF_GRANT =
      "UPDATE keyway_access_token SET state = 'REVOKED' WHERE grant_id = ? AND state = 'ACTIVE'";
  static final String REVOKE_ACCESS =
      "UPDATE keyway_access_token SET state = 'REVOKED' WHERE token_hash = ? AND state = 'ACTIVE'";
  static final String REVOKE_STANDALONE_OF_CLIENT =
      "UPDATE keyway_access_token SET state = 'REVOKED'"
          + " WHERE client_id = ? AND grant_id IS NULL AND state = 'ACTIVE'";
  private static final String ACTIVE_GRANTS_OF_SUBJECT_AND_CLIENT =
      "SELECT grant_id FROM keyway_grant WHERE subject = ? AND client_id = ? AND state = 'ACTIVE'";
  private static final String ACTIVE_GRANTS_OF_SUBJECT =
      "SELECT grant_id FROM keyway_grant WHERE subject = ? AND state = 'ACTIVE'";
  private static final String ACTIVE_GRANTS_OF_CLIENT =
      "SELECT grant_id FROM keyway_grant WHERE client_id = ? AND state = 'ACTIVE'";
  private static final String LIVE_GRANTS_OF_SUBJECT =
      "SELECT "
          + TokenRows.GRANT_COLUMNS
          + " FROM keyway_grant WHERE subject = ?"
          + " AND state = 'ACTIVE' AND expires_at > ? ORDER BY created_at, grant_id";
  static final String PURGE_ACCESS =
      "DELETE FROM keyway_access_token WHERE token_hash IN (SELECT token_hash FROM"
          + " keyway_access_token WHERE expires_at < ? ORDER BY expires_at LIMIT ?)";
  static final String PURGE_ACCESS_OF_EXPIRED_GRANTS =
      "DELETE FROM keyway_access_token WHERE token_hash IN (SELECT a.token_hash FROM"
          + " keyway_access_token a JOIN keyway_grant g ON g.grant_id = a.grant_id"
          + " WHERE g.expires_at < ? LIMIT ?)";
  static final String PURGE_REFRESH_OF_EXPIRED_GRANTS =
      "DELETE FROM keyway_refresh_token WHERE token_hash IN (SELECT r.token_hash FROM"
          + " keyway_refresh_token r JOIN keyway_grant g ON g.grant_id = r.grant_id"
          + " WHERE g.expires_at < ? LIMIT ?)";
  static final String PURGE_EMPTY_EXPIRED_GRANTS =
      "DELETE FROM keyway_grant WHERE grant_id IN (SELECT g.grant_id FROM keyway_grant g"
          + " WHERE g.expires_at < ?"
          + " AND NOT EXISTS (SELECT 1 FROM keyway_refresh_token r WHERE r.grant_id = g.grant_id)"
          + " AND NOT EXISTS (SELECT 1 FROM keyway_access_token a WHERE a.grant_id = g.grant_id)"
          + " ORDER BY g.expires_at LIMIT ?)";

  /** How often {@link #rotate} re-reads a token whose state changed while it was classified. */
  private static final int ROTATE_ATTEMPTS = 3;

  private final Sql sql;

  /** A store over {@code dataSource}; create the schema first with {@link JdbcSchema#create}. */
  public JdbcTokenStore(DataSource dataSource) {
    this.sql = new Sql(dataSource);
  }

  @Override
  public void createGrant(
      GrantRecord grant, AccessTokenRecord accessToken, RefreshTokenRecord refreshToken) {
    sql.transaction(
        "createGrant",
        c -> {
          TokenRows.insertGrant(c, grant);
          TokenRows.insertAccess(c, accessToken);
          if (refreshToken != null) {
            TokenRows.insertRefresh(c, refreshToken);
          }
          return null;
        });
  }

  @Override
  public void saveAccessToken(AccessTokenRecord accessToken) {
    if (accessToken.grantId() != null) {
      throw new IllegalArgumentException(
          "tokens of a grant are stored through createGrant or rotate");
    }
    sql.autoCommit(
        "saveAccessToken",
        c -> {
          TokenRows.insertAccess(c, accessToken);
          return null;
        });
  }

  @Override
  public Optional<AccessTokenRecord> findAccessToken(TokenHash tokenHash) {
    return sql.autoCommit(
        "findAccessToken", c -> Optional.ofNullable(TokenRows.selectAccess(c, tokenHash)));
  }

  @Override
  public Optional<RefreshTokenRecord> findRefreshToken(TokenHash tokenHash) {
    return sql.autoCommit(
        "findRefreshToken", c -> Optional.ofNullable(TokenRows.selectRefresh(c, tokenHash)));
  }

  @Override
  public Optional<GrantRecord> findGrant(String grantId) {
    return sql.autoCommit("findGrant", c -> Optional.ofNullable(TokenRows.selectGrant(c, grantId)));
  }

  @Override
  public RotateResult rotate(
      TokenHash presented,
      RefreshTokenRecord successor,
      AccessTokenRecord accessToken,
      Instant now) {
    if (!successor.grantId().equals(accessToken.grantId())) {
      throw new IllegalArgumentException(
          "successor and access token must belong to the same grant");
    }
    Instant at = Sql.truncate(now);
    for (int attempt = 0; attempt < ROTATE_ATTEMPTS; attempt++) {
      RotateResult result =
          sql.transaction("rotate", c -> rotateOnce(c, presented, successor, accessToken, at));
      if (result != null) {
        return result;
      }
    }
    throw new JdbcStoreException("rotate", "the refresh token could not be classified", null);
  }

  /** One attempt; null when a loser's state could not be classified (it changed meanwhile). */
  private static RotateResult rotateOnce(
      Connection c,
      TokenHash presented,
      RefreshTokenRecord successor,
      AccessTokenRecord accessToken,
      Instant at)
      throws SQLException {
    int locked;
    try (PreparedStatement ps = c.prepareStatement(ROTATE_LOCK_GRANT)) {
      Sql.setInstant(ps, 1, at);
      ps.setString(2, successor.grantId());
      Sql.setInstant(ps, 3, at);
      ps.setString(4, presented.value());
      locked = ps.executeUpdate();
    }
    if (locked == 1) {
      // The grant row is locked: no other rotation or revocation of this family can run now.
      RefreshTokenRecord previous = TokenRows.selectRefresh(c, presented);
      int rotated;
      try (PreparedStatement ps = c.prepareStatement(ROTATE_REFRESH)) {
        Sql.setInstant(ps, 1, at);
        ps.setString(2, successor.tokenHash().value());
        ps.setString(3, presented.value());
        Sql.setInstant(ps, 4, at);
        rotated = ps.executeUpdate();
      }
      if (rotated == 1) {
        TokenRows.insertRefresh(c, successor);
        TokenRows.insertAccess(c, accessToken);
        return new RotateResult.Rotated(previous);
      }
    }
    RefreshTokenRecord current = TokenRows.selectRefresh(c, presented);
    GrantRecord grant = current == null ? null : TokenRows.selectGrant(c, current.grantId());
    c.rollback();
    if (current == null) {
      return new RotateResult.Unknown();
    }
    if (!current.grantId().equals(successor.grantId())) {
      throw new IllegalArgumentException(
          "successor and access token must belong to the same grant");
    }
    return classify(current, grant, at);
  }

  /** Why a token could not be rotated, in the in-memory store's order; null if it now could. */
  private static RotateResult classify(RefreshTokenRecord token, GrantRecord grant, Instant at) {
    if (token.state() == RefreshTokenState.REVOKED
        || (grant != null && grant.state() == GrantState.REVOKED)) {
      return new RotateResult.Revoked(token);
    }
    if (token.state() == RefreshTokenState.ROTATED) {
      return new RotateResult.AlreadyRotated(token);
    }
    if (token.isExpiredAt(at) || grant == null || grant.isExpiredAt(at)) {
      return new RotateResult.Expired(token);
    }
    return null;
  }

  @Override
  public boolean revokeAccessToken(TokenHash tokenHash) {
    return sql.autoCommit(
        "revokeAccessToken", c -> update(c, REVOKE_ACCESS, tokenHash.value()) == 1);
  }

  @Override
  public boolean revokeGrant(String grantId) {
    return sql.transaction(
        "revokeGrant",
        c -> {
          boolean wasActive = update(c, REVOKE_GRANT, grantId) == 1;
          update(c, REVOKE_REFRESH_OF_GRANT, grantId);
          update(c, REVOKE_ACCESS_OF_GRANT, grantId);
          return wasActive;
        });
  }

  @Override
  public int revokeGrants(String subject, String clientId) {
    return revokeEach(
        grantIds("revokeGrants", ACTIVE_GRANTS_OF_SUBJECT_AND_CLIENT, subject, clientId));
  }

  @Override
  public int revokeGrantsOfSubject(String subject) {
    return revokeEach(grantIds("revokeGrantsOfSubject", ACTIVE_GRANTS_OF_SUBJECT, subject));
  }

  @Override
  public int revokeAllOfClient(String clientId) {
    int grants = revokeEach(grantIds("revokeAllOfClient", ACTIVE_GRANTS_OF_CLIENT, clientId));
    return grants
        + sql.autoCommit(
            "revokeAllOfClient", c -> update(c, REVOKE_STANDALONE_OF_CLIENT, clientId));
  }

  /**
   * Revokes each grant in its own short transaction, so no statement locks many families at once.
   */
  private int revokeEach(List<String> grantIds) {
    int count = 0;
    for (String grantId : grantIds) {
      if (revokeGrant(grantId)) {
        count++;
      }
    }
    return count;
  }

  private List<String> grantIds(String operation, String query, String... params) {
    return sql.autoCommit(
        operation,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
              ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
              List<String> ids = new ArrayList<>();
              while (rs.next()) {
                ids.add(rs.getString(1));
              }
              return ids;
            }
          }
        });
  }

  @Override
  public List<GrantRecord> findActiveGrantsOfSubject(String subject, Instant now) {
    return sql.autoCommit(
        "findActiveGrantsOfSubject",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(LIVE_GRANTS_OF_SUBJECT)) {
            ps.setString(1, subject);
            Sql.setInstant(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
              List<GrantRecord> out = new ArrayList<>();
              while (rs.next()) {
                out.add(TokenRows.grant(rs));
              }
              return List.copyOf(out);
            }
          }
        });
  }

  /**
   * Deletes in bounded batches, each one statement: expired access tokens, then the tokens of
   * expired grants, then expired grants that have no token left. Refresh tokens (rotated ones
   * included) go only with their grant, so reuse stays detectable while the family lives.
   */
  @Override
  public int purgeExpired(Instant before, int limit) {
    if (limit <= 0) {
      return 0;
    }
    return sql.autoCommit(
        "purgeTokens",
        c -> {
          int removed = 0;
          for (String statement :
              List.of(
                  PURGE_ACCESS,
                  PURGE_ACCESS_OF_EXPIRED_GRANTS,
                  PURGE_REFRESH_OF_EXPIRED_GRANTS,
                  PURGE_EMPTY_EXPIRED_GRANTS)) {
            if (removed >= limit) {
              break;
            }
            try (PreparedStatement ps = c.prepareStatement(statement)) {
              Sql.setInstant(ps, 1, before);
              ps.setInt(2, limit - removed);
              removed += ps.executeUpdate();
            }
          }
          return removed;
        });
  }

  private static int update(Connection c, String statement, String param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(statement)) {
      ps.setString(1, param);
      return ps.executeUpdate();
    }
  }
}
