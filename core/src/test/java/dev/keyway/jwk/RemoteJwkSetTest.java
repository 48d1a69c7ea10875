package dev.keyway.jwk;

import static dev.keyway.jwtfixtures.JwtFixtures.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.sun.net.httpserver.HttpServer;
import dev.keyway.OAuthResponse;
import dev.keyway.resource.BearerResult;
import dev.keyway.resource.JwtBearerValidator;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.testing.MutableClock;
import dev.keyway.token.AccessTokenClaims;
import dev.keyway.token.JwtTokenIssuer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Fetching an authorization server's JWK set: caching, rate-limited refresh, limits, failures. */
class RemoteJwkSetTest {

  private final MutableClock clock = MutableClock.start();
  private final RotatingSigningKeys keys =
      RotatingSigningKeys.builder(SigningAlgorithm.ES256).clock(clock).build();
  private final JwksEndpoint endpoint = new JwksEndpoint(keys);
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile Supplier<OAuthResponse> responder = endpoint::handle;
  private final HttpServer server;
  private final URI uri;

  RemoteJwkSetTest() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/jwks",
        exchange -> {
          fetches.incrementAndGet();
          OAuthResponse r = responder.get();
          byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private RemoteJwkSet remote() {
    return RemoteJwkSet.builder(uri)
        .clock(clock)
        .cacheTtl(Duration.ofMinutes(5))
        .minRefreshInterval(Duration.ofSeconds(30))
        .build();
  }

  private static List<String> kids(List<JWK> keys) {
    return keys.stream().map(JWK::getKeyID).toList();
  }

  @Test
  void fetchesOnceAndServesFromCacheUntilTheTtlEnds() {
    RemoteJwkSet remote = remote();
    assertThat(kids(remote.current())).containsExactly(keys.signingKey().keyId());
    remote.current();
    clock.advance(Duration.ofMinutes(4));
    remote.current();
    assertThat(fetches).hasValue(1);
    clock.advance(Duration.ofMinutes(1));
    remote.current();
    assertThat(fetches).hasValue(2);
  }

  @Test
  @DisplayName("An unknown kid makes it fetch again, at most once per minRefreshInterval")
  void refreshOnUnknownKidIsRateLimited() {
    RemoteJwkSet remote = remote();
    remote.current();
    SigningKey next = keys.rotate();
    clock.advance(Duration.ofSeconds(10));
    assertThat(kids(remote.refreshed()))
        .doesNotContain(next.keyId()); // 10 s after the first fetch: limited
    assertThat(fetches).hasValue(1);
    clock.advance(Duration.ofSeconds(20));
    assertThat(kids(remote.refreshed())).contains(next.keyId());
    for (int i = 0; i < 100; i++) {
      remote.refreshed(); // a flood of made-up kids
    }
    assertThat(fetches).hasValue(2);
  }

  @Test
  void aFailedFetchKeepsTheKeysItHas() {
    RemoteJwkSet remote = remote();
    List<String> before = kids(remote.current());
    responder = () -> OAuthResponse.empty(500);
    clock.advance(Duration.ofMinutes(5));
    assertThat(kids(remote.current())).isEqualTo(before);
    responder = () -> OAuthResponse.json(200, "{\"keys\":");
    clock.advance(Duration.ofMinutes(1));
    assertThat(kids(remote.current())).isEqualTo(before);
    assertThat(fetches).hasValue(3);
  }

  @Test
  void anOversizedSetIsRefused() {
    String huge = "{\"keys\":[],\"pad\":\"" + "x".repeat(70_000) + "\"}";
    responder = () -> OAuthResponse.json(200, huge);
    assertThat(remote().current()).isEmpty();
  }

  @Test
  void privateAndSymmetricKeysInAFetchedSetAreDropped() {
    JWK priv = SigningAlgorithm.ES256.generate();
    String set =
        "{\"keys\":["
            + priv.toJSONString()
            + ",{\"kty\":\"oct\",\"kid\":\"h\",\"k\":\"c2VjcmV0\"}]}";
    responder = () -> OAuthResponse.json(200, set);
    List<JWK> fetched = remote().current();
    assertThat(kids(fetched)).containsExactly(priv.getKeyID());
    assertThat(fetched).noneMatch(JWK::isPrivate);
  }

  @Test
  void concurrentFirstUseFetchesOnce() throws Exception {
    RemoteJwkSet remote = remote();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<List<JWK>>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return remote.current();
                }));
      }
      go.countDown();
      for (Future<List<JWK>> f : results) {
        assertThat(f.get(30, TimeUnit.SECONDS)).hasSize(1);
      }
      assertThat(fetches).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void onlyHttpsOrLoopbackHttp() {
    assertThatThrownBy(() -> RemoteJwkSet.builder(URI.create("http://as.example/jwks")).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RemoteJwkSet.builder(URI.create("https://as.example/jwks")).build()).isNotNull();
  }

  @Test
  @DisplayName(
      "A resource server validates through jwks_uri and learns a rotated key on its first unknown kid")
  void validatorFollowsRotationThroughJwksUri() {
    JwtTokenIssuer issuer = new JwtTokenIssuer(keys, ISSUER, List.of("https://api.example"));
    JwtBearerValidator validator =
        JwtBearerValidator.builder()
            .issuer(ISSUER)
            .audience("https://api.example")
            .jwksUri(uri)
            .clock(clock)
            .build();
    Supplier<BearerResult> validateFresh =
        () -> {
          Instant now = clock.instant();
          String jwt =
              issuer
                  .issueAccessToken(
                      new AccessTokenClaims(
                          ISSUER, "alice", "c1", Set.of("read"), now, now.plusSeconds(600), null))
                  .value()
                  .reveal();
          return validator.validate(
              OAuthRequest.builder("GET").header("Authorization", "Bearer " + jwt).build(),
              Set.of("read"));
        };

    assertThat(validateFresh.get()).isInstanceOf(BearerResult.Valid.class);
    // a key switch the validator's cache has not seen (publishAhead shorter than its cache, on
    // purpose)
    keys.rotate();
    clock.advance(Duration.ofHours(1));
    assertThat(validateFresh.get()).isInstanceOf(BearerResult.Valid.class);
    assertThat(fetches).hasValue(2);
  }
}
