package dev.keyway.store.jdbc;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.code.PendingAuthorization;
import dev.keyway.spi.code.PendingAuthorizationStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A {@link PendingAuthorizationStore} in the table {@code keyway_pending_authorization}. {@link
 * #take} reads the row and then deletes it with a conditional {@code DELETE} checked by its row
 * count: of concurrent callers only the one whose delete removed the row receives it.
 */
public final class JdbcPendingAuthorizationStore implements PendingAuthorizationStore {

  private static final String INSERT =
      "INSERT INTO keyway_pending_authorization (id_hash, subject, client_id, redirect_uri,"
          + " redirect_uri_sent, scopes, client_state, code_challenge, code_challenge_method,"
          + " auth_time, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SELECT =
      "SELECT id_hash, subject, client_id, redirect_uri, redirect_uri_sent, scopes, client_state,"
          + " code_challenge, code_challenge_method, auth_time, created_at, expires_at"
          + " FROM keyway_pending_authorization WHERE id_hash = ? AND expires_at > ?";
  static final String TAKE =
      "DELETE FROM keyway_pending_authorization WHERE id_hash = ? AND expires_at > ?";
  private static final String PURGE =
      "DELETE FROM keyway_pending_authorization WHERE id_hash IN (SELECT id_hash FROM"
          + " keyway_pending_authorization WHERE expires_at < ? ORDER BY expires_at LIMIT ?)";

  private final Sql sql;

  /** A store over {@code dataSource}; create the schema first with {@link JdbcSchema#create}. */
  public JdbcPendingAuthorizationStore(DataSource dataSource) {
    this.sql = new Sql(dataSource);
  }

  @Override
  public void save(PendingAuthorization p) {
    sql.autoCommit(
        "savePending",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, p.idHash().value());
            ps.setString(2, p.subject());
            ps.setString(3, p.clientId());
            ps.setString(4, p.redirectUri());
            ps.setBoolean(5, p.redirectUriSent());
            ps.setString(6, JsonColumns.set(p.scopes()));
            Sql.setString(ps, 7, p.state());
            Sql.setString(ps, 8, p.codeChallenge());
            Sql.setString(ps, 9, p.codeChallengeMethod());
            Sql.setInstant(ps, 10, p.authTime());
            Sql.setInstant(ps, 11, p.createdAt());
            Sql.setInstant(ps, 12, p.expiresAt());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<PendingAuthorization> find(TokenHash idHash, Instant now) {
    return sql.autoCommit("findPending", c -> Optional.ofNullable(select(c, idHash, now)));
  }

  @Override
  public Optional<PendingAuthorization> take(TokenHash idHash, Instant now) {
    return sql.autoCommit(
        "takePending",
        c -> {
          PendingAuthorization p = select(c, idHash, now);
          if (p == null) {
            return Optional.empty();
          }
          try (PreparedStatement ps = c.prepareStatement(TAKE)) {
            ps.setString(1, idHash.value());
            Sql.setInstant(ps, 2, now);
            return ps.executeUpdate() == 1 ? Optional.of(p) : Optional.empty();
          }
        });
  }

  @Override
  public int purgeExpired(Instant before, int limit) {
    if (limit <= 0) {
      return 0;
    }
    return sql.autoCommit(
        "purgePending",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(PURGE)) {
            Sql.setInstant(ps, 1, before);
            ps.setInt(2, limit);
            return ps.executeUpdate();
          }
        });
  }

  private static PendingAuthorization select(Connection c, TokenHash idHash, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT)) {
      ps.setString(1, idHash.value());
      Sql.setInstant(ps, 2, now);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new PendingAuthorization(
            TokenHash.of(rs.getString("id_hash")),
            rs.getString("subject"),
            rs.getString("client_id"),
            rs.getString("redirect_uri"),
            rs.getBoolean("redirect_uri_sent"),
            JsonColumns.parseSet(rs.getString("scopes")),
            rs.getString("client_state"),
            rs.getString("code_challenge"),
            rs.getString("code_challenge_method"),
            Sql.getInstant(rs, "auth_time"),
            Sql.getInstant(rs, "created_at"),
            Sql.getInstant(rs, "expires_at"));
      }
    }
  }
}
