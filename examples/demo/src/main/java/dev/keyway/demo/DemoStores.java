package dev.keyway.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientSecret;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's five stores: in memory, or the JDBC stores on PostgreSQL ({@link DemoDatabase}). On
 * PostgreSQL, opening them connects a small HikariCP pool, creates the schema if it is missing,
 * registers the demo clients without disturbing rows that already match, and starts one daemon
 * thread that purges expired rows every minute. Closing stops the purger and the pool.
 */
public final class DemoStores implements AutoCloseable {

  /** How often expired rows are purged on PostgreSQL. */
  static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  /** Rows stay this long past their expiry, so a late code replay is still recognised. */
  static final Duration PURGE_GRACE = Duration.ofMinutes(10);

  private static final int PURGE_BATCH = 500;
  private static final int MAX_BATCHES_PER_RUN = 200;
  private static final Logger LOG = LoggerFactory.getLogger(DemoStores.class);

  private final ClientStore clients;
  private final AuthorizationCodeStore codes;
  private final PendingAuthorizationStore pending;
  private final TokenStore tokens;
  private final ConsentStore consents;
  private final String description;
  private final List<AutoCloseable> resources;

  private DemoStores(
      ClientStore clients,
      AuthorizationCodeStore codes,
      PendingAuthorizationStore pending,
      TokenStore tokens,
      ConsentStore consents,
      String description,
      List<AutoCloseable> resources) {
    this.clients = clients;
    this.codes = codes;
    this.pending = pending;
    this.tokens = tokens;
    this.consents = consents;
    this.description = description;
    this.resources = resources;
  }

  /**
   * Opens the stores {@code config} asks for, with the demo clients registered.
   *
   * @throws RuntimeException when the database cannot be reached or the schema cannot be created
   */
  public static DemoStores open(DemoConfig config, Clock clock) {
    return config.database() == null ? inMemory(config, clock) : postgres(config, clock);
  }

  private static DemoStores inMemory(DemoConfig config, Clock clock) {
    InMemoryClientStore clients = new InMemoryClientStore();
    DemoClients.register(clients, config, clock.instant());
    return new DemoStores(
        clients,
        new InMemoryAuthorizationCodeStore(clock),
        new InMemoryPendingAuthorizationStore(clock),
        new InMemoryTokenStore(clock),
        new InMemoryConsentStore(),
        "in memory (lost when the demo stops; set KEYWAY_JDBC_URL to keep it in PostgreSQL)",
        List.of());
  }

  private static DemoStores postgres(DemoConfig config, Clock clock) {
    DemoDatabase db = config.database();
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("keyway-demo");
    pool.setJdbcUrl(db.url());
    pool.setUsername(db.user());
    pool.setPassword(db.password());
    pool.setMaximumPoolSize(10);
    pool.setConnectionTimeout(10_000);
    HikariDataSource dataSource = new HikariDataSource(pool); // connects now: fails fast
    List<AutoCloseable> resources = new ArrayList<>();
    resources.add(dataSource);
    try {
      JdbcSchema.create(dataSource);
      JdbcClientStore clients = new JdbcClientStore(dataSource);
      seedClients(clients, config, clock.instant());
      JdbcAuthorizationCodeStore codes = new JdbcAuthorizationCodeStore(dataSource);
      JdbcPendingAuthorizationStore pending = new JdbcPendingAuthorizationStore(dataSource);
      JdbcTokenStore tokens = new JdbcTokenStore(dataSource);
      ScheduledExecutorService purger =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "keyway-demo-purge");
                t.setDaemon(true);
                return t;
              });
      resources.add(0, purger::shutdownNow); // stop purging before the pool closes
      long every = PURGE_EVERY.toMillis();
      purger.scheduleWithFixedDelay(
          () -> purge(codes, pending, tokens, clock), every, every, TimeUnit.MILLISECONDS);
      return new DemoStores(
          clients,
          codes,
          pending,
          tokens,
          new JdbcConsentStore(dataSource),
          "PostgreSQL at "
              + db.location()
              + (db.user() == null ? "" : " as " + db.user())
              + " (schema created if missing; expired rows purged every minute)",
          resources);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  /**
   * Registers the demo clients so that starting again, or starting a second instance, on the same
   * database is harmless: a client whose row already matches (its creation time and the creation
   * time of an unchanged secret aside) is left alone; any other is written with the configured
   * values, keeping its original creation time. A generated secret therefore replaces the stored
   * one at each start, as the banner says; set the secret variables to keep them stable.
   */
  static void seedClients(ClientStore store, DemoConfig config, Instant now) {
    InMemoryClientStore wanted = new InMemoryClientStore();
    DemoClients.register(wanted, config, now);
    for (String id :
        List.of(
            DemoClients.DEMO_CLIENT,
            DemoClients.OTHER_CLIENT,
            DemoClients.DEMO_PUBLIC,
            DemoClients.RESOURCE_SERVER)) {
      Client want = wanted.findById(id).orElseThrow();
      Optional<Client> have = store.findById(id);
      if (have.isEmpty()) {
        store.save(want);
        continue;
      }
      List<ClientSecret> secrets = new ArrayList<>();
      for (ClientSecret s : want.secrets()) {
        secrets.add(
            have.get().secrets().stream()
                .filter(h -> h.hash().equals(s.hash()))
                .findFirst()
                .orElse(s));
      }
      Client merged = want.toBuilder().createdAt(have.get().createdAt()).secrets(secrets).build();
      if (!merged.equals(have.get())) {
        store.save(merged);
      }
    }
  }

  /** One purge run: batches of expired rows until none is left (bounded), errors logged. */
  static int purge(
      AuthorizationCodeStore codes,
      PendingAuthorizationStore pending,
      TokenStore tokens,
      Clock clock) {
    Instant cutoff = clock.instant().minus(PURGE_GRACE);
    int total = 0;
    try {
      for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
        int removed =
            codes.purgeExpired(cutoff, PURGE_BATCH)
                + pending.purgeExpired(cutoff, PURGE_BATCH)
                + tokens.purgeExpired(cutoff, PURGE_BATCH);
        total += removed;
        if (removed == 0) {
          break;
        }
      }
      if (total > 0) {
        LOG.info("purged {} expired rows", total);
      }
    } catch (RuntimeException e) {
      LOG.warn("purging expired rows failed; the next run tries again", e);
    }
    return total;
  }

  /** The registered clients. */
  public ClientStore clients() {
    return clients;
  }

  /** The authorization codes. */
  public AuthorizationCodeStore codes() {
    return codes;
  }

  /** The requests waiting for consent. */
  public PendingAuthorizationStore pending() {
    return pending;
  }

  /** The grants and their tokens. */
  public TokenStore tokens() {
    return tokens;
  }

  /** The remembered consents. */
  public ConsentStore consents() {
    return consents;
  }

  /** Where the state lives, for the start-up banner; never a password. */
  public String description() {
    return description;
  }

  /** Stops the purger and closes the pool (nothing to do in memory). */
  @Override
  public void close() {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warn("closing a demo store resource failed", e);
      }
    }
  }
}
