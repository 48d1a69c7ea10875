package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.client.Sha256SecretHasher;
import dev.keyway.demo.support.MutableClock;
import dev.keyway.internal.Hashing;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientStore;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.code.RedeemResult;
import dev.keyway.store.memory.InMemoryAuthorizationCodeStore;
import dev.keyway.store.memory.InMemoryClientStore;
import dev.keyway.store.memory.InMemoryPendingAuthorizationStore;
import dev.keyway.store.memory.InMemoryTokenStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The demo's choice of stores: KEYWAY_JDBC_* parsing (never showing the password), idempotent
 * seeding of the demo clients into a store that outlives the process, the periodic purge, and a
 * database that cannot be reached. The jar on a real PostgreSQL is {@link DemoJarPostgresIT}.
 */
class DemoStoresTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private static DemoConfig config(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("DEMO_CLIENT_SECRET", "s1");
    env.put("OTHER_CLIENT_SECRET", "s2");
    env.put("RESOURCE_SERVER_SECRET", "s3");
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return DemoConfig.fromEnvironment(env);
  }

  @Test
  @DisplayName("without KEYWAY_JDBC_URL the demo keeps state in memory and says so")
  void withoutJdbcUrlTheStoresAreInMemory() {
    DemoConfig config = config();
    assertThat(config.database()).isNull();
    try (DemoStores stores = DemoStores.open(config, new MutableClock(T0))) {
      assertThat(stores.tokens()).isInstanceOf(InMemoryTokenStore.class);
      assertThat(stores.description()).startsWith("in memory").contains("KEYWAY_JDBC_URL");
      assertThat(stores.clients().findById(DemoClients.DEMO_CLIENT)).isPresent();
    }
  }

  @Test
  @DisplayName(
      "KEYWAY_JDBC_URL/USER/PASSWORD are read; the password and the URL's query never show")
  void jdbcSettingsAreParsedAndThePasswordNeverShows() {
    DemoConfig config =
        config(
            "KEYWAY_JDBC_URL",
            " jdbc:postgresql://db.example:5432/keyway?password=inurl ",
            "KEYWAY_JDBC_USER",
            "keyway",
            "KEYWAY_JDBC_PASSWORD",
            "hunter2");
    DemoDatabase db = config.database();
    assertThat(db.url()).isEqualTo("jdbc:postgresql://db.example:5432/keyway?password=inurl");
    assertThat(db.user()).isEqualTo("keyway");
    assertThat(db.password()).isEqualTo("hunter2");
    assertThat(db.location()).isEqualTo("jdbc:postgresql://db.example:5432/keyway");
    assertThat(db.toString() + config).doesNotContain("hunter2").doesNotContain("inurl");

    assertThat(config("KEYWAY_JDBC_URL", "jdbc:postgresql://h/d").database().password()).isNull();
    assertThatThrownBy(() -> config("KEYWAY_JDBC_URL", "jdbc:mysql://h/d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PostgreSQL URL");
  }

  @Test
  @DisplayName("a database that cannot be reached: exit status 2, a clear message, no password")
  void anUnreachableDatabaseIsAClearErrorWithoutThePassword() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env =
        Map.of(
            "PORT",
            "0",
            "KEYWAY_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:1/keyway",
            "KEYWAY_JDBC_USER",
            "keyway",
            "KEYWAY_JDBC_PASSWORD",
            "hunter2");

    int status =
        Main.run(
            new String[0],
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(Main.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("could not open the database")
        .contains("jdbc:postgresql://127.0.0.1:1/keyway")
        .doesNotContain("hunter2");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  @DisplayName(
      "seeding the demo clients again writes nothing; a changed secret is written, keeping the creation time")
  void seedingIsIdempotent() {
    CountingClientStore store = new CountingClientStore();
    DemoStores.seedClients(store, config(), T0);
    assertThat(store.saves.get()).isEqualTo(4);
    Map<String, Client> first = snapshot(store);

    DemoStores.seedClients(store, config(), T0.plus(Duration.ofDays(1)));
    assertThat(store.saves.get()).as("a second start writes nothing").isEqualTo(4);
    assertThat(snapshot(store)).isEqualTo(first);

    DemoStores.seedClients(
        store, config("DEMO_CLIENT_SECRET", "rotated"), T0.plus(Duration.ofDays(2)));
    assertThat(store.saves.get()).isEqualTo(5);
    Client demo = store.findById(DemoClients.DEMO_CLIENT).orElseThrow();
    assertThat(demo.createdAt()).isEqualTo(T0);
    assertThat(new Sha256SecretHasher().matches("rotated", demo.secrets().get(0).hash())).isTrue();
    assertThat(snapshot(store).get(DemoClients.OTHER_CLIENT))
        .isEqualTo(first.get(DemoClients.OTHER_CLIENT));
  }

  @Test
  @DisplayName(
      "RL-11 a purge run removes rows more than ten minutes past expiry, and survives a failing store")
  void purgeRemovesLongExpiredRowsAndSurvivesFailures() {
    MutableClock clock = new MutableClock(T0);
    InMemoryAuthorizationCodeStore codes = new InMemoryAuthorizationCodeStore(clock);
    AuthorizationCodeRecord code =
        new AuthorizationCodeRecord(
            Hashing.tokenHash("code"),
            "demo-client",
            "http://localhost:3000/callback",
            true,
            "alice",
            Set.of("profile"),
            null,
            null,
            "g1",
            T0,
            T0,
            T0.plusSeconds(60),
            CodeState.ISSUED);
    codes.save(code);
    InMemoryPendingAuthorizationStore pending = new InMemoryPendingAuthorizationStore(clock);
    InMemoryTokenStore tokens = new InMemoryTokenStore(clock);

    clock.advance(Duration.ofMinutes(5));
    assertThat(DemoStores.purge(codes, pending, tokens, clock))
        .as("kept for replay detection")
        .isZero();
    assertThat(codes.find(code.codeHash())).isPresent();
    clock.advance(Duration.ofMinutes(10));
    assertThat(DemoStores.purge(codes, pending, tokens, clock)).isEqualTo(1);
    assertThat(codes.find(code.codeHash())).isEmpty();

    assertThat(DemoStores.purge(new FailingCodes(), pending, tokens, clock))
        .isZero(); // logged, not thrown
  }

  private static Map<String, Client> snapshot(ClientStore store) {
    Map<String, Client> m = new HashMap<>();
    for (String id :
        List.of(
            DemoClients.DEMO_CLIENT,
            DemoClients.OTHER_CLIENT,
            DemoClients.DEMO_PUBLIC,
            DemoClients.RESOURCE_SERVER)) {
      m.put(id, store.findById(id).orElseThrow());
    }
    return m;
  }

  /** An in-memory client store that counts writes. */
  private static final class CountingClientStore implements ClientStore {
    final InMemoryClientStore real = new InMemoryClientStore();
    final AtomicInteger saves = new AtomicInteger();

    @Override
    public Optional<Client> findById(String clientId) {
      return real.findById(clientId);
    }

    @Override
    public void save(Client client) {
      saves.incrementAndGet();
      real.save(client);
    }

    @Override
    public boolean delete(String clientId) {
      return real.delete(clientId);
    }

    @Override
    public List<Client> findByOwner(String owner) {
      return real.findByOwner(owner);
    }
  }

  /** A code store whose database is down. */
  private static final class FailingCodes implements AuthorizationCodeStore {
    @Override
    public void save(AuthorizationCodeRecord code) {
      throw new IllegalStateException("down");
    }

    @Override
    public Optional<AuthorizationCodeRecord> find(TokenHash codeHash) {
      throw new IllegalStateException("down");
    }

    @Override
    public RedeemResult redeem(TokenHash codeHash, Instant now) {
      throw new IllegalStateException("down");
    }

    @Override
    public boolean markReplayed(TokenHash codeHash) {
      throw new IllegalStateException("down");
    }

    @Override
    public int purgeExpired(Instant before, int limit) {
      throw new IllegalStateException("down");
    }
  }
}
