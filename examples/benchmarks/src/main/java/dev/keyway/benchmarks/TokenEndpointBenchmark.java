package dev.keyway.benchmarks;

import dev.keyway.AuthorizationServer;
import dev.keyway.OAuthResponse;
import dev.keyway.authorize.AuthorizeOutcome;
import dev.keyway.client.Sha256SecretHasher;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientSecret;
import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.user.ResourceOwner;
import dev.keyway.spi.user.UserAuthenticator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The token endpoint in process, on the in-memory stores or on PostgreSQL, beside the floor that
 * issuing one opaque token must cost at least, all in one run:
 *
 * <ul>
 *   <li>{@code floor}: 32 bytes from a shared {@link SecureRandom} (Hash_DRBG, as Keyway uses),
 *       base64url, SHA-256 of the result;
 *   <li>{@code clientCredentials}: a whole {@code client_credentials} request through {@link
 *       AuthorizationServer#token} — form parsing, Basic client authentication (SHA-256 of the
 *       secret), token generation, hashing, storing and the JSON response;
 *   <li>{@code codeFlow}: an authorization request by a signed-in user with remembered consent
 *       (which issues and stores a code) followed by its exchange at the token endpoint;
 *   <li>{@code refresh}: one refresh-token rotation, each invocation presenting the token the
 *       previous one received.
 * </ul>
 *
 * Access tokens live 10 s here so that the in-memory store reaches a steady state (expired entries
 * are purged as new ones arrive) instead of growing by millions of entries during a run. It reaches
 * it only after one lifetime plus the growth of its tables, hence a warm-up longer than 10 s. The
 * system property {@code bench.ttlMillis} (passed with {@code -jvmArgsAppend
 * -Dbench.ttlMillis=1000}) changes that lifetime, and with it the number of live tokens the store
 * holds at the benchmark's rate: a diagnostic of how much of a request's cost is the store's memory
 * traffic, not a setting to report results with.
 *
 * <p>The fork runs with a fixed, pre-touched heap, as a server is usually run. With the default
 * heap, the heap grows by about 2 GB while the store fills, and on a virtual machine each first
 * touch of a page is a slow fault (≈ 570,000 of them during the warm-up; the kernel's page zeroing
 * was a fifth of a profile), which lands in some measured iterations at random (78,000 ops/s among
 * 800,000) and says nothing about Keyway.
 *
 * <pre>
 * mvn -q -B -pl examples/benchmarks -am package -DskipTests
 * java -jar examples/benchmarks/target/benchmarks.jar TokenEndpointBenchmark -p store=memory -f 1 -wi 6 -w 3s -i 4 -r 3s
 * KEYWAY_BENCH_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/test \
 *   java -jar examples/benchmarks/target/benchmarks.jar TokenEndpointBenchmark -p store=postgres -f 1 -wi 2 -w 2s -i 3 -r 3s
 * </pre>
 */
@Fork(jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenEndpointBenchmark {

  private static final String SECRET = "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz";
  private static final String REDIRECT = "https://app.example/cb";
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /**
   * {@code memory}, {@code postgres} (PostgreSQL at {@code KEYWAY_BENCH_POSTGRES_URL}), or the
   * diagnostic {@code discard}: in memory, but client-credentials tokens are dropped instead of
   * stored ({@link DiscardingTokenStore}), to split a request's cost between endpoint and store.
   */
  @Param({"memory", "postgres"})
  public String store;

  private BenchStores stores;
  private AuthorizationServer server;
  private OAuthRequest clientCredentials;
  private OAuthRequest authorize;
  private SecureRandom floorRandom;
  private byte[] storedSecretDigest;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Clock clock = Clock.systemUTC();
    stores = BenchStores.open(store, clock);
    Sha256SecretHasher hasher = new Sha256SecretHasher();
    stores
        .clients()
        .save(
            Client.builder("bench")
                .secret(new ClientSecret(hasher.hash(SECRET), Instant.EPOCH, null))
                .grantTypes(
                    GrantType.AUTHORIZATION_CODE,
                    GrantType.REFRESH_TOKEN,
                    GrantType.CLIENT_CREDENTIALS)
                .redirectUris(REDIRECT)
                .allowedScopes("read", "write")
                .defaultScopes("read")
                .build());
    stores
        .consents()
        .save(new ConsentRecord("alice", "bench", Set.of("read", "write"), Instant.EPOCH));
    ResourceOwner alice = new ResourceOwner("alice", "Alice", Instant.EPOCH);
    UserAuthenticator users =
        new UserAuthenticator() {
          @Override
          public Optional<ResourceOwner> currentUser(OAuthRequest request) {
            return Optional.of(alice);
          }

          @Override
          public URI signInPage(OAuthRequest request, String returnTo) {
            return URI.create("/login");
          }
        };
    server =
        AuthorizationServer.builder()
            .issuer("https://as.example")
            .clock(clock)
            .users(users)
            .clients(stores.clients())
            .codes(stores.codes())
            .pendingAuthorizations(stores.pending())
            .tokens(stores.tokens())
            .consents(stores.consents())
            .secretHasher(hasher)
            .accessTokenTtl(Duration.ofMillis(Long.getLong("bench.ttlMillis", 10_000)))
            .events(event -> {})
            .build();
    clientCredentials = tokenRequest("grant_type=client_credentials&scope=read");
    authorize =
        OAuthRequest.builder("GET")
            .path("/oauth2/authorize")
            .rawQuery(
                "response_type=code&client_id=bench&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=read&state=s")
            .build();
    floorRandom = SecureRandom.getInstance("DRBG");
    storedSecretDigest =
        MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.UTF_8));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    stores.close();
  }

  private static OAuthRequest tokenRequest(String body) {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("bench:" + SECRET).getBytes(StandardCharsets.UTF_8));
    return OAuthRequest.builder("POST")
        .path("/api/oauth2/token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", basic)
        .body(body)
        .build();
  }

  /** What issuing one opaque token costs at the least. */
  @Benchmark
  public String floor() throws Exception {
    byte[] bytes = new byte[32];
    floorRandom.nextBytes(bytes);
    String token = B64URL.encodeToString(bytes);
    byte[] hash =
        MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    return B64URL.encodeToString(hash);
  }

  /**
   * The floor plus the one other piece of cryptography a {@code client_credentials} request cannot
   * skip: SHA-256 of the presented client secret and a constant-time comparison with the stored
   * hash, written the same way as {@link #floor}.
   */
  @Benchmark
  public boolean floorWithSecretCheck() throws Exception {
    String hash = floor();
    byte[] presented =
        MessageDigest.getInstance("SHA-256").digest(SECRET.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(presented, storedSecretDigest) && !hash.isEmpty();
  }

  @Benchmark
  public OAuthResponse clientCredentials() {
    return check(server.token(clientCredentials));
  }

  @Benchmark
  public OAuthResponse codeFlow() {
    AuthorizeOutcome outcome = server.authorize(authorize);
    if (!(outcome instanceof AuthorizeOutcome.Redirect redirect)) {
      throw new IllegalStateException("expected a redirect with a code, got " + outcome);
    }
    String query = redirect.location().getRawQuery();
    int start = query.indexOf("code=") + 5;
    int end = query.indexOf('&', start);
    String code = query.substring(start, end < 0 ? query.length() : end);
    return check(
        server.token(
            tokenRequest(
                "grant_type=authorization_code&code="
                    + code
                    + "&redirect_uri=https%3A%2F%2Fapp.example%2Fcb")));
  }

  /** Each thread walks its own rotation chain. */
  @State(Scope.Thread)
  public static class Chain {
    String refreshToken;
  }

  @Benchmark
  public OAuthResponse refresh(Chain chain) {
    if (chain.refreshToken == null) {
      chain.refreshToken = refreshTokenOf(codeFlow());
    }
    OAuthResponse response =
        check(
            server.token(
                tokenRequest("grant_type=refresh_token&refresh_token=" + chain.refreshToken)));
    chain.refreshToken = refreshTokenOf(response);
    return response;
  }

  private static String refreshTokenOf(OAuthResponse response) {
    String body = response.body();
    int start = body.indexOf("\"refresh_token\":\"") + 17;
    return body.substring(start, body.indexOf('"', start));
  }

  private static OAuthResponse check(OAuthResponse response) {
    if (response.status() != 200) {
      throw new IllegalStateException("token endpoint answered " + response.status());
    }
    return response;
  }
}
