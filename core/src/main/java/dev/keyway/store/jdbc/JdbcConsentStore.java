package dev.keyway.store.jdbc;

import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.consent.ConsentStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** A {@link ConsentStore} in the table {@code keyway_consent}, one row per user and client. */
public final class JdbcConsentStore implements ConsentStore {

  private static final String COLUMNS = "subject, client_id, scopes, granted_at";
  private static final String SELECT =
      "SELECT " + COLUMNS + " FROM keyway_consent WHERE subject = ? AND client_id = ?";
  private static final String SELECT_BY_SUBJECT =
      "SELECT " + COLUMNS + " FROM keyway_consent WHERE subject = ? ORDER BY granted_at, client_id";
  private static final String UPDATE =
      "UPDATE keyway_consent SET scopes = ?, granted_at = ? WHERE subject = ? AND client_id = ?";
  private static final String INSERT =
      "INSERT INTO keyway_consent (scopes, granted_at, subject, client_id) VALUES (?, ?, ?, ?)";
  private static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
  private static final String DELETE =
      "DELETE FROM keyway_consent WHERE subject = ? AND client_id = ?";
  private static final String DELETE_OF_CLIENT = "DELETE FROM keyway_consent WHERE client_id = ?";

  /** Attempts of {@link #merge} when its insert loses to a concurrent one. */
  private static final int MERGE_ATTEMPTS = 5;

  private final Sql sql;

  /** A store over {@code dataSource}; create the schema first with {@link JdbcSchema#create}. */
  public JdbcConsentStore(DataSource dataSource) {
    this.sql = new Sql(dataSource);
  }

  @Override
  public Optional<ConsentRecord> find(String subject, String clientId) {
    return sql.autoCommit(
        "findConsent",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setString(1, subject);
            ps.setString(2, clientId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
          }
        });
  }

  /** Updates the row, or inserts it; a concurrent insert of the same key makes it update again. */
  @Override
  public void save(ConsentRecord consent) {
    sql.autoCommit(
        "saveConsent",
        c -> {
          Upsert.run(c, UPDATE, INSERT, ps -> bind(ps, consent));
          return null;
        });
  }

  /**
   * In one transaction, locks the row and writes the union, or inserts the row when there is none;
   * an insert that loses to a concurrent one rolls back and the merge runs again, now finding the
   * row to lock.
   */
  @Override
  public ConsentRecord merge(ConsentRecord consent) {
    for (int attempt = 1; attempt <= MERGE_ATTEMPTS; attempt++) {
      ConsentRecord stored = sql.transaction("mergeConsent", c -> mergeOnce(c, consent));
      if (stored != null) {
        return stored;
      }
    }
    throw new JdbcStoreException(
        "mergeConsent", "concurrent first consents kept winning the insert", null);
  }

  /** One attempt; null when the row was inserted concurrently (this transaction rolled back). */
  private static ConsentRecord mergeOnce(Connection c, ConsentRecord consent) throws SQLException {
    ConsentRecord current;
    try (PreparedStatement ps = c.prepareStatement(SELECT_FOR_UPDATE)) {
      ps.setString(1, consent.subject());
      ps.setString(2, consent.clientId());
      try (ResultSet rs = ps.executeQuery()) {
        current = rs.next() ? read(rs) : null;
      }
    }
    Set<String> scopes = new HashSet<>(consent.scopes());
    if (current != null) {
      scopes.addAll(current.scopes());
    }
    ConsentRecord merged =
        new ConsentRecord(
            consent.subject(), consent.clientId(), scopes, Sql.truncate(consent.grantedAt()));
    try (PreparedStatement ps = c.prepareStatement(current == null ? INSERT : UPDATE)) {
      bind(ps, merged);
      ps.executeUpdate();
    } catch (SQLException e) {
      if (current == null && Sql.isUniqueViolation(e)) {
        c.rollback();
        return null;
      }
      throw e;
    }
    return merged;
  }

  /** The parameters of {@link #UPDATE} and {@link #INSERT}, which take them in the same order. */
  private static void bind(PreparedStatement ps, ConsentRecord consent) throws SQLException {
    ps.setString(1, JsonColumns.set(consent.scopes()));
    Sql.setInstant(ps, 2, consent.grantedAt());
    ps.setString(3, consent.subject());
    ps.setString(4, consent.clientId());
  }

  @Override
  public boolean revoke(String subject, String clientId) {
    return sql.autoCommit(
        "revokeConsent",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            ps.setString(1, subject);
            ps.setString(2, clientId);
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<ConsentRecord> findBySubject(String subject) {
    return sql.autoCommit(
        "findConsentsOfSubject",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SELECT_BY_SUBJECT)) {
            ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
              List<ConsentRecord> out = new ArrayList<>();
              while (rs.next()) {
                out.add(read(rs));
              }
              return List.copyOf(out);
            }
          }
        });
  }

  @Override
  public int revokeAllOfClient(String clientId) {
    return sql.autoCommit(
        "revokeConsentsOfClient",
        c -> {
          try (PreparedStatement ps = c.prepareStatement(DELETE_OF_CLIENT)) {
            ps.setString(1, clientId);
            return ps.executeUpdate();
          }
        });
  }

  private static ConsentRecord read(ResultSet rs) throws SQLException {
    return new ConsentRecord(
        rs.getString("subject"),
        rs.getString("client_id"),
        JsonColumns.parseSet(rs.getString("scopes")),
        Sql.getInstant(rs, "granted_at"));
  }
}
