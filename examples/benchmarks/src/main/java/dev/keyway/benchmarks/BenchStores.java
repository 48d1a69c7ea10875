package dev.keyway.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.keyway.spi.client.ClientStore;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.PendingAuthorizationStore;
import dev.keyway.spi.consent.ConsentStore;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.store.jdbc.JdbcAuthorizationCodeStore;
import dev.keyway.store.jdbc.JdbcClientStore;
import dev.keyway.store.jdbc.JdbcConsentStore;
import dev.keyway.store.jdbc.JdbcPendingAuthorizationStore;
import dev.keyway.store.jdbc.JdbcSchema;
import dev.keyway.store.jdbc.JdbcTokenStore;
import dev.keyway.store.memory.InMemoryAuthorizationCodeStore;
import dev.keyway.store.memory.InMemoryClientStore;
import dev.keyway.store.memory.InMemoryConsentStore;
import dev.keyway.store.memory.InMemoryPendingAuthorizationStore;
import dev.keyway.store.memory.InMemoryTokenStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

/** One set of stores for a benchmark: in memory, or on PostgreSQL through a connection pool. */
record BenchStores(
    ClientStore clients,
    AuthorizationCodeStore codes,
    PendingAuthorizationStore pending,
    TokenStore tokens,
    ConsentStore consents,
    HikariDataSource pool) {

  static BenchStores open(String kind, Clock clock) throws SQLException {
    if (kind.equals("memory") || kind.equals("discard")) {
      InMemoryTokenStore tokens = new InMemoryTokenStore(clock);
      return new BenchStores(
          new InMemoryClientStore(),
          new InMemoryAuthorizationCodeStore(clock),
          new InMemoryPendingAuthorizationStore(clock),
          kind.equals("memory") ? tokens : new DiscardingTokenStore(tokens),
          new InMemoryConsentStore(),
          null);
    }
    if (!kind.equals("postgres")) {
      throw new IllegalArgumentException("store is memory, discard or postgres");
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(env("KEYWAY_BENCH_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
    config.setUsername(env("KEYWAY_BENCH_POSTGRES_USER", "postgres"));
    config.setPassword(env("KEYWAY_BENCH_POSTGRES_PASSWORD", ""));
    config.setMaximumPoolSize(8);
    HikariDataSource pool = new HikariDataSource(config);
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      // Start every trial from freshly created tables, so runs compare like with like and tables
      // left by an older schema (it is not migrated before 1.0) cannot interfere.
      s.execute(
          "DROP TABLE IF EXISTS keyway_access_token, keyway_refresh_token, keyway_grant,"
              + " keyway_authorization_code, keyway_pending_authorization, keyway_consent,"
              + " keyway_client CASCADE");
    }
    JdbcSchema.create(pool);
    return new BenchStores(
        new JdbcClientStore(pool),
        new JdbcAuthorizationCodeStore(pool),
        new JdbcPendingAuthorizationStore(pool),
        new JdbcTokenStore(pool),
        new JdbcConsentStore(pool),
        pool);
  }

  void close() {
    if (pool != null) {
      pool.close();
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
