package dev.keyway.endpointtest;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.keyway.AuthorizationServer;
import dev.keyway.AuthorizationServerBuilder;
import dev.keyway.OAuthResponse;
import dev.keyway.client.Sha256SecretHasher;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.client.ClientBuilder;
import dev.keyway.spi.client.ClientSecret;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.spi.user.ResourceOwner;
import dev.keyway.spi.user.UserAuthenticator;
import dev.keyway.store.memory.InMemoryAuthorizationCodeStore;
import dev.keyway.store.memory.InMemoryClientStore;
import dev.keyway.store.memory.InMemoryConsentStore;
import dev.keyway.store.memory.InMemoryPendingAuthorizationStore;
import dev.keyway.store.memory.InMemoryTokenStore;
import dev.keyway.testing.MutableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The catalogue's fixture (security-catalogue.md §0) for revocation, introspection and bearer
 * tests: issuer {@code https://as.example}, clients {@code c1}, {@code c2}, {@code p1} and the
 * resource server {@code rs}, in-memory stores the tests inspect, a clock they move, and helpers
 * that write grants and tokens straight into the store.
 */
public final class Fixture {

  public static final String ISSUER = "https://as.example";
  public static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  public static final String C1_SECRET = "s3cr3t-c1";
  public static final String C2_SECRET = "s3cr3t-c2";
  public static final String RS_SECRET = "s3cr3t-rs";

  public final MutableClock clock = new MutableClock(START);
  public final InMemoryClientStore clients = new InMemoryClientStore();
  public final TokenStore tokens;
  public final InMemoryConsentStore consents = new InMemoryConsentStore();
  public final InMemoryAuthorizationCodeStore codes = new InMemoryAuthorizationCodeStore(clock);
  public final InMemoryPendingAuthorizationStore pending =
      new InMemoryPendingAuthorizationStore(clock);
  public final CapturingListener events = new CapturingListener();
  public final AuthorizationServer server;

  /** A grant (token family) written straight into the store, with the raw values of its tokens. */
  public record Family(
      String grantId, String clientId, String subject, String accessToken, String refreshToken) {}

  private Fixture(
      Consumer<AuthorizationServerBuilder> customize, Function<Clock, TokenStore> tokenStore) {
    Sha256SecretHasher hasher = new Sha256SecretHasher();
    clients.save(confidential("c1", C1_SECRET, hasher).displayName("App One").build());
    clients.save(confidential("c2", C2_SECRET, hasher).displayName("App Two").build());
    clients.save(
        Client.builder("p1")
            .publicClient()
            .displayName("Public App")
            .redirectUris("https://spa.example/cb")
            .allowedScopes("read", "write")
            .build());
    clients.save(
        confidential("rs", RS_SECRET, hasher)
            .displayName("Resource Server")
            .resourceServer(true)
            .grantTypes(GrantType.CLIENT_CREDENTIALS)
            .build());
    this.tokens = tokenStore != null ? tokenStore.apply(clock) : new InMemoryTokenStore(clock);
    AuthorizationServerBuilder builder =
        AuthorizationServer.builder()
            .issuer(ISSUER)
            .clock(clock)
            .clients(clients)
            .tokens(tokens)
            .consents(consents)
            .codes(codes)
            .pendingAuthorizations(pending)
            .users(new NobodySignedIn())
            .events(events)
            .scopesSupported("read", "write");
    customize.accept(builder);
    this.server = builder.build();
  }

  /** The default fixture. */
  public static Fixture create() {
    return new Fixture(b -> {}, null);
  }

  /** The fixture with builder options changed. */
  public static Fixture create(Consumer<AuthorizationServerBuilder> customize) {
    return new Fixture(customize, null);
  }

  /**
   * The fixture over a token store made from the fixture's clock, for example a Mockito spy of an
   * {@link InMemoryTokenStore} for failure injection.
   */
  public static Fixture withTokenStore(Function<Clock, TokenStore> store) {
    return new Fixture(b -> {}, store);
  }

  private static ClientBuilder confidential(String id, String secret, Sha256SecretHasher hasher) {
    return Client.builder(id)
        .secret(new ClientSecret(hasher.hash(secret), Instant.EPOCH, null))
        .authMethods(ClientAuthMethod.CLIENT_SECRET_BASIC, ClientAuthMethod.CLIENT_SECRET_POST)
        .redirectUris("https://" + id + ".example/cb")
        .allowedScopes("read", "write");
  }

  // ---- tokens written straight into the store ----

  /** A new grant of {@code subject} with {@code clientId}: one access and one refresh token. */
  public Family grant(String clientId, String subject, String... scopes) {
    Instant now = clock.instant();
    String grantId = SecureTokens.newId();
    String at = SecureTokens.newToken();
    String rt = SecureTokens.newToken();
    Set<String> scopeSet = Set.of(scopes);
    GrantRecord grant =
        new GrantRecord(
            grantId,
            clientId,
            subject,
            scopeSet,
            now,
            now,
            now.plus(Duration.ofDays(7)),
            now,
            GrantState.ACTIVE);
    tokens.createGrant(
        grant,
        accessToken(at, grantId, clientId, subject, scopeSet, now),
        refreshToken(rt, grantId, clientId, subject, scopeSet, now));
    return new Family(grantId, clientId, subject, at, rt);
  }

  /** Refreshes a family through the store: a new access and refresh token, the old RT rotated. */
  public Family refresh(Family family) {
    Instant now = clock.instant();
    String at = SecureTokens.newToken();
    String rt = SecureTokens.newToken();
    GrantRecord grant = tokens.findGrant(family.grantId()).orElseThrow();
    RotateResult result =
        tokens.rotate(
            Hashing.tokenHash(family.refreshToken()),
            refreshToken(
                rt, family.grantId(), family.clientId(), family.subject(), grant.scopes(), now),
            accessToken(
                at, family.grantId(), family.clientId(), family.subject(), grant.scopes(), now),
            now);
    if (!(result instanceof RotateResult.Rotated)) {
      throw new IllegalStateException("rotation failed: " + result.getClass().getSimpleName());
    }
    return new Family(family.grantId(), family.clientId(), family.subject(), at, rt);
  }

  /** A client-credentials access token (no grant), issued now. */
  public String clientCredentialsToken(String clientId, String... scopes) {
    String at = SecureTokens.newToken();
    tokens.saveAccessToken(
        accessToken(at, null, clientId, clientId, Set.of(scopes), clock.instant()));
    return at;
  }

  public static AccessTokenRecord accessToken(
      String value,
      String grantId,
      String clientId,
      String subject,
      Set<String> scopes,
      Instant now) {
    return new AccessTokenRecord(
        Hashing.tokenHash(value),
        grantId,
        clientId,
        subject,
        scopes,
        now,
        now.plus(Duration.ofHours(1)),
        AccessTokenState.ACTIVE);
  }

  public static RefreshTokenRecord refreshToken(
      String value,
      String grantId,
      String clientId,
      String subject,
      Set<String> scopes,
      Instant now) {
    return new RefreshTokenRecord(
        Hashing.tokenHash(value),
        grantId,
        clientId,
        subject,
        scopes,
        now,
        now.plus(Duration.ofDays(7)),
        RefreshTokenState.ACTIVE,
        null,
        null);
  }

  /** The stored access token of this value. */
  public AccessTokenRecord storedAccessToken(String value) {
    return tokens.findAccessToken(Hashing.tokenHash(value)).orElseThrow();
  }

  /** The stored refresh token of this value. */
  public RefreshTokenRecord storedRefreshToken(String value) {
    return tokens.findRefreshToken(Hashing.tokenHash(value)).orElseThrow();
  }

  // ---- requests ----

  /** {@code Authorization: Basic} of RFC 6749 §2.3.1 (id and secret form-encoded first). */
  public static String basic(String id, String secret) {
    String pair = form(id) + ":" + form(secret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  /** Percent-encodes a form value. */
  public static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A form POST with the given body and {@code name, value} header pairs. */
  public static OAuthRequest post(String path, String body, String... headers) {
    OAuthRequest.Builder b =
        OAuthRequest.builder("POST")
            .path(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  /** A revocation request with Basic authentication. */
  public OAuthResponse revokeAs(String clientId, String secret, String body) {
    return server.revoke(
        post("/api/oauth2/revoke", body, "Authorization", basic(clientId, secret)));
  }

  /** An introspection request with Basic authentication. */
  public OAuthResponse introspectAs(String clientId, String secret, String body) {
    return server.introspect(
        post("/api/oauth2/introspect", body, "Authorization", basic(clientId, secret)));
  }

  /** Whether the resource server {@code rs} sees this token as active. */
  public boolean isActive(String token) {
    OAuthResponse r = introspectAs("rs", RS_SECRET, "token=" + form(token));
    if (r.status() != 200) {
      throw new IllegalStateException("introspection failed: " + r.status());
    }
    return Boolean.TRUE.equals(json(r).get("active"));
  }

  /** A resource request with this bearer header value. */
  public static OAuthRequest resourceRequest(String authorization) {
    OAuthRequest.Builder b = OAuthRequest.builder("GET").path("/api");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b.build();
  }

  /** Parses a JSON response body. */
  public static Map<String, Object> json(OAuthResponse response) {
    try {
      return JSONObjectUtils.parse(response.body());
    } catch (ParseException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** No session: the endpoints under test never need a signed-in user. */
  private static final class NobodySignedIn implements UserAuthenticator {
    @Override
    public Optional<ResourceOwner> currentUser(OAuthRequest request) {
      return Optional.empty();
    }

    @Override
    public URI signInPage(OAuthRequest request, String returnTo) {
      return URI.create("/login");
    }
  }
}
