package dev.keyway.store.jdbc;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.code.RedeemResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * An {@link AuthorizationCodeStore} in the table {@code keyway_authorization_code}. {@link #redeem}
 * is one conditional {@code UPDATE} checked by its row count, so exactly one caller wins across
 * every server sharing the database; {@link #markReplayed} is one conditional {@code UPDATE} too.
 */
public final class JdbcAuthorizationCodeStore implements AuthorizationCodeStore {

  private static final String INSERT =
      "INSERT INTO keyway_authorization_code (code_hash, client_id, redirect_uri, redirect_uri_sent,"
          + " subject, scopes, code_challenge, code_challenge_method, grant_id, auth_time, issued_at,"
          + " expires_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT =
      "SELECT code_hash, client_id, redirect_uri, redirect_uri_sent, subject, scopes, code_challenge,"
          + " code_challenge_method, grant_id, auth_time, issued_at, expires_at, state"
          + " FROM keyway_authorization_code WHERE code_hash = ?";

  /** The single winner: only one UPDATE can match {@code state = 'ISSUED'}. */
  static final String REDEEM =
      "UPDATE keyway_authorization_code SET state = 'REDEEMED'"
          + " WHERE code_hash = ? AND state = 'ISSUED' AND expires_at > ?";

  /** REDEEMED to REPLAYED; matches nothing when already REPLAYED, so repeating it is harmless. */
  static final String MARK_REPLAYED =
      "UPDATE keyway_authorization_code SET state = 'REPLAYED'"
          + " WHERE code_hash = ? AND state = 'REDEEMED'";

  private static final String PURGE =
      "DELETE FROM keyway_authorization_code WHERE code_hash IN (SELECT code_hash FROM"
          + " keyway_authorization_code WHERE expires_at < ? ORDER BY expires_at LIMIT ?)";

  private final Sql sql;

  /** A store over {@code dataSource}; create the schema first with {@link JdbcSchema#create}. */
  public JdbcAuthorizationCodeStore(DataSource dataSource) {
    this.sql = new Sql(dataSource);
  }

  @Override
  public void save(AuthorizationCodeRecord code) {
    sql.autoCommit(
        "saveCode",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, code.codeHash().value());
            ps.setString(2, code.clientId());
            ps.setString(3, code.redirectUri());
            ps.setBoolean(4, code.redirectUriSent());
            ps.setString(5, code.subject());
            ps.setString(6, JsonColumns.set(code.scopes()));
            Sql.setString(ps, 7, code.codeChallenge());
            Sql.setString(ps, 8, code.codeChallengeMethod());
            ps.setString(9, code.grantId());
            Sql.setInstant(ps, 10, code.authTime());
            Sql.setInstant(ps, 11, code.issuedAt());
            Sql.setInstant(ps, 12, code.expiresAt());
            ps.setString(13, code.state().name());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<AuthorizationCodeRecord> find(TokenHash codeHash) {
    return sql.autoCommit("findCode", c -> Optional.ofNullable(select(c, codeHash)));
  }

  @Override
  public RedeemResult redeem(TokenHash codeHash, Instant now) {
    Instant at = Sql.truncate(now);
    return sql.autoCommit(
        "redeem",
        c -> {
          // A row that is ISSUED and unexpired when read after a failed UPDATE was inserted in
          // between;
          // the second attempt then decides.
          for (int attempt = 0; attempt < 2; attempt++) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement(REDEEM)) {
              ps.setString(1, codeHash.value());
              Sql.setInstant(ps, 2, at);
              updated = ps.executeUpdate();
            }
            AuthorizationCodeRecord code = select(c, codeHash);
            if (updated == 1) {
              return new RedeemResult.Redeemed(code);
            }
            if (code == null) {
              return new RedeemResult.Unknown();
            }
            if (code.state() != CodeState.ISSUED) {
              return new RedeemResult.AlreadyRedeemed(code);
            }
            if (code.isExpiredAt(at)) {
              return new RedeemResult.Expired(code);
            }
          }
          throw new IllegalStateException("redeem could not classify the code");
        });
  }

  @Override
  public boolean markReplayed(TokenHash codeHash) {
    return sql.autoCommit(
        "markReplayed",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(MARK_REPLAYED)) {
            ps.setString(1, codeHash.value());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public int purgeExpired(Instant before, int limit) {
    if (limit <= 0) {
      return 0;
    }
    return sql.autoCommit(
        "purgeCodes",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(PURGE)) {
            Sql.setInstant(ps, 1, before);
            ps.setInt(2, limit);
            return ps.executeUpdate();
          }
        });
  }

  private static AuthorizationCodeRecord select(Connection c, TokenHash codeHash)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT)) {
      ps.setString(1, codeHash.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new AuthorizationCodeRecord(
            TokenHash.of(rs.getString("code_hash")),
            rs.getString("client_id"),
            rs.getString("redirect_uri"),
            rs.getBoolean("redirect_uri_sent"),
            rs.getString("subject"),
            JsonColumns.parseSet(rs.getString("scopes")),
            rs.getString("code_challenge"),
            rs.getString("code_challenge_method"),
            rs.getString("grant_id"),
            Sql.getInstant(rs, "auth_time"),
            Sql.getInstant(rs, "issued_at"),
            Sql.getInstant(rs, "expires_at"),
            CodeState.valueOf(rs.getString("state")));
      }
    }
  }
}
