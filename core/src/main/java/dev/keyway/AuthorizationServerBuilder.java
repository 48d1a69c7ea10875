package dev.keyway;

import dev.keyway.client.Sha256SecretHasher;
import dev.keyway.event.LoggingEventListener;
import dev.keyway.event.SecurityEventListener;
import dev.keyway.internal.RefreshGraceKey;
import dev.keyway.internal.ServerContext;
import dev.keyway.jwk.SigningKeys;
import dev.keyway.registration.InitialAccessTokenVerifier;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.AssertionReplayStore;
import dev.keyway.spi.client.ClientStore;
import dev.keyway.spi.client.SecretHasher;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.PendingAuthorizationStore;
import dev.keyway.spi.consent.ConsentStore;
import dev.keyway.spi.token.AccessTokenFormat;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.spi.user.UserAuthenticator;
import dev.keyway.store.memory.InMemoryAssertionReplayStore;
import dev.keyway.store.memory.InMemoryAuthorizationCodeStore;
import dev.keyway.store.memory.InMemoryClientStore;
import dev.keyway.store.memory.InMemoryConsentStore;
import dev.keyway.store.memory.InMemoryPendingAuthorizationStore;
import dev.keyway.store.memory.InMemoryTokenStore;
import dev.keyway.token.ClientFormatTokenIssuer;
import dev.keyway.token.JwtTokenIssuer;
import dev.keyway.token.OpaqueTokenIssuer;
import dev.keyway.token.TokenIssuer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds an {@link AuthorizationServer}: every setting has a default that follows the public API
 * page Keyway was modelled on, and validation happens in {@link #build()}, so a misconfigured
 * server fails at start-up rather than on its first request. Only {@link #issuer} and {@link
 * #users} are required. Not thread-safe; build once and share the server.
 */
public final class AuthorizationServerBuilder {
  private URI issuer;
  private ClientStore clients;
  private AuthorizationCodeStore codes;
  private PendingAuthorizationStore pendingAuthorizations;
  private TokenStore tokens;
  private ConsentStore consents;
  private UserAuthenticator users;
  private Clock clock = Clock.systemUTC();
  private Duration accessTokenTtl = Duration.ofHours(1);
  private Duration refreshTokenTtl = Duration.ofDays(7);
  private Duration grantMaxLifetime;
  private Duration codeTtl = Duration.ofSeconds(60);
  private Duration pendingAuthorizationTtl = Duration.ofMinutes(10);
  private Duration refreshGraceWindow = Duration.ZERO;
  private RefreshGraceKey refreshGraceKey;
  private boolean allowPlainPkce;
  private Set<String> scopesSupported = new LinkedHashSet<>();
  private int maxBodyBytes = OAuthRequest.DEFAULT_MAX_BODY_BYTES;
  private SecretHasher secretHasher = new Sha256SecretHasher();
  private TokenIssuer tokenIssuer;
  private SigningKeys signingKeys;
  private AccessTokenFormat accessTokenFormat = AccessTokenFormat.OPAQUE;
  private List<String> accessTokenAudience;
  private AssertionReplayStore assertionReplays;
  private SecurityEventListener events = new LoggingEventListener();
  private String authorizationEndpointPath = "/oauth2/authorize";
  private String tokenEndpointPath = "/api/oauth2/token";
  private String revocationEndpointPath = "/api/oauth2/revoke";
  private String introspectionEndpointPath = "/api/oauth2/introspect";
  private String jwksPath;
  private String registrationEndpointPath = "/api/oauth2/register";
  private InitialAccessTokenVerifier initialAccessTokens;

  AuthorizationServerBuilder() {}

  /** The issuer identifier: https (or http on localhost/loopback), no query or fragment. */
  public AuthorizationServerBuilder issuer(URI issuer) {
    this.issuer = issuer;
    return this;
  }

  public AuthorizationServerBuilder issuer(String issuer) {
    return issuer(URI.create(issuer));
  }

  /** Where clients live (default: a new in-memory store). */
  public AuthorizationServerBuilder clients(ClientStore clients) {
    this.clients = clients;
    return this;
  }

  /** Where authorization codes live (default: in memory). */
  public AuthorizationServerBuilder codes(AuthorizationCodeStore codes) {
    this.codes = codes;
    return this;
  }

  /** Where requests awaiting consent live (default: in memory). */
  public AuthorizationServerBuilder pendingAuthorizations(PendingAuthorizationStore pending) {
    this.pendingAuthorizations = pending;
    return this;
  }

  /** Where grants and tokens live (default: in memory). */
  public AuthorizationServerBuilder tokens(TokenStore tokens) {
    this.tokens = tokens;
    return this;
  }

  /** Where remembered consent lives (default: in memory). */
  public AuthorizationServerBuilder consents(ConsentStore consents) {
    this.consents = consents;
    return this;
  }

  /** The host's sign-in (required). */
  public AuthorizationServerBuilder users(UserAuthenticator users) {
    this.users = users;
    return this;
  }

  /** The clock every expiry is measured by (default: system UTC). */
  public AuthorizationServerBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public AuthorizationServerBuilder accessTokenTtl(Duration ttl) {
    this.accessTokenTtl = ttl;
    return this;
  }

  public AuthorizationServerBuilder refreshTokenTtl(Duration ttl) {
    this.refreshTokenTtl = ttl;
    return this;
  }

  /** Absolute lifetime of a token family (default: the refresh-token lifetime). */
  public AuthorizationServerBuilder grantMaxLifetime(Duration ttl) {
    this.grantMaxLifetime = ttl;
    return this;
  }

  /** Authorization-code lifetime, at most 10 minutes (default 60 s). */
  public AuthorizationServerBuilder codeTtl(Duration ttl) {
    this.codeTtl = ttl;
    return this;
  }

  public AuthorizationServerBuilder pendingAuthorizationTtl(Duration ttl) {
    this.pendingAuthorizationTtl = ttl;
    return this;
  }

  /**
   * The refresh-token grace window (default zero: presenting a rotated refresh token again always
   * revokes its family). Within the window after a rotation, the same confidential client may
   * present the rotated token again and receives the same successor pair, nothing new, nothing
   * revoked. At most 5 minutes; a few seconds cover lost responses and parallel refreshes. A
   * non-zero window needs {@link #refreshGraceKey}. Public clients get a window only through their
   * own {@code Client.refreshGraceWindow}. See {@code docs/refresh-tokens.md}.
   */
  public AuthorizationServerBuilder refreshGraceWindow(Duration window) {
    this.refreshGraceWindow = window;
    return this;
  }

  /**
   * The secret (at least 32 random bytes, copied) from which the grace window derives each
   * rotation's successor refresh token and access token out of the presented refresh token, so that
   * a retry gets the same pair and no token is stored in plaintext. Every instance that shares the
   * token store must use the same key; keep it like a signing key. Required when {@link
   * #refreshGraceWindow} or any client's window is non-zero.
   */
  public AuthorizationServerBuilder refreshGraceKey(byte[] key) {
    this.refreshGraceKey = RefreshGraceKey.of(key);
    return this;
  }

  /** Accepts {@code code_challenge_method=plain} (default: S256 only). */
  public AuthorizationServerBuilder allowPlainPkce(boolean allow) {
    this.allowPlainPkce = allow;
    return this;
  }

  /** Scopes advertised in metadata. */
  public AuthorizationServerBuilder scopesSupported(String... scopes) {
    this.scopesSupported = new LinkedHashSet<>(List.of(scopes));
    return this;
  }

  public AuthorizationServerBuilder maxBodyBytes(int max) {
    this.maxBodyBytes = max;
    return this;
  }

  /** How client secrets are hashed (default: SHA-256, right for generated secrets). */
  public AuthorizationServerBuilder secretHasher(SecretHasher hasher) {
    this.secretHasher = hasher;
    return this;
  }

  /**
   * A custom access-token format, replacing the built-in ones (then {@link #accessTokenFormat} and
   * per-client formats are not used). Default: opaque tokens, or the format chosen per client when
   * {@link #signingKeys} are set.
   */
  public AuthorizationServerBuilder tokenIssuer(TokenIssuer issuer) {
    this.tokenIssuer = issuer;
    return this;
  }

  /**
   * The keys that sign JWT access tokens and are published at the JWK set endpoint ({@code
   * /oauth2/jwks} unless {@link #jwksPath} says otherwise). Required for JWT access tokens.
   */
  public AuthorizationServerBuilder signingKeys(SigningKeys keys) {
    this.signingKeys = keys;
    return this;
  }

  /**
   * The access-token format of clients that do not choose their own (default {@code OPAQUE}; {@code
   * JWT} needs {@link #signingKeys}).
   */
  public AuthorizationServerBuilder accessTokenFormat(AccessTokenFormat format) {
    this.accessTokenFormat = format;
    return this;
  }

  /**
   * The {@code aud} of JWT access tokens: the resource servers' identifiers (default: the issuer
   * identifier). Resource servers check that it names them.
   */
  public AuthorizationServerBuilder accessTokenAudience(String... audience) {
    this.accessTokenAudience = List.of(audience);
    return this;
  }

  /**
   * Where used {@code private_key_jwt} assertion ids are remembered (default: in memory, right for
   * one instance; share a {@code JdbcAssertionReplayStore} between instances).
   */
  public AuthorizationServerBuilder assertionReplays(AssertionReplayStore store) {
    this.assertionReplays = store;
    return this;
  }

  /** Receives security events (default: logs them through slf4j). */
  public AuthorizationServerBuilder events(SecurityEventListener listener) {
    this.events = listener;
    return this;
  }

  /** Path of the authorization endpoint under the issuer (default {@code /oauth2/authorize}). */
  public AuthorizationServerBuilder authorizationEndpointPath(String path) {
    this.authorizationEndpointPath = path;
    return this;
  }

  /** Path of the token endpoint under the issuer (default {@code /api/oauth2/token}). */
  public AuthorizationServerBuilder tokenEndpointPath(String path) {
    this.tokenEndpointPath = path;
    return this;
  }

  /** Path of the revocation endpoint (default {@code /api/oauth2/revoke}). */
  public AuthorizationServerBuilder revocationEndpointPath(String path) {
    this.revocationEndpointPath = path;
    return this;
  }

  /** Path of the introspection endpoint (default {@code /api/oauth2/introspect}). */
  public AuthorizationServerBuilder introspectionEndpointPath(String path) {
    this.introspectionEndpointPath = path;
    return this;
  }

  /** Path of the JWK set (default {@code /oauth2/jwks} when signing keys are configured). */
  public AuthorizationServerBuilder jwksPath(String path) {
    this.jwksPath = path;
    return this;
  }

  /**
   * Turns on RFC 7591/7592 (off by default); registrations need a token {@code verifier} accepts.
   */
  public AuthorizationServerBuilder dynamicClientRegistration(InitialAccessTokenVerifier verifier) {
    this.initialAccessTokens = Objects.requireNonNull(verifier, "verifier");
    return this;
  }

  /** Path of the registration endpoint (default {@code /api/oauth2/register}). */
  public AuthorizationServerBuilder registrationEndpointPath(String path) {
    this.registrationEndpointPath = path;
    return this;
  }

  /** Validates the configuration and builds the server. */
  public AuthorizationServer build() {
    Objects.requireNonNull(issuer, "issuer is required");
    Objects.requireNonNull(users, "users (a UserAuthenticator) is required");
    Objects.requireNonNull(accessTokenFormat, "accessTokenFormat");
    String jwks = jwksPath != null ? jwksPath : signingKeys != null ? "/oauth2/jwks" : null;
    if (refreshGraceWindow != null
        && refreshGraceWindow.compareTo(Duration.ZERO) > 0
        && refreshGraceKey == null) {
      throw new IllegalStateException(
          "refreshGraceWindow is not zero but no refreshGraceKey is set: every instance that shares"
              + " the token store must derive the same successor, so configure one shared secret key"
              + " (at least 32 random bytes) with refreshGraceKey(...)");
    }
    ServerSettings settings =
        new ServerSettings(
            issuer,
            endpoint(authorizationEndpointPath),
            endpoint(tokenEndpointPath),
            endpoint(revocationEndpointPath),
            endpoint(introspectionEndpointPath),
            jwks == null ? null : endpoint(jwks),
            accessTokenTtl,
            refreshTokenTtl,
            grantMaxLifetime == null ? refreshTokenTtl : grantMaxLifetime,
            codeTtl,
            pendingAuthorizationTtl,
            refreshGraceWindow,
            allowPlainPkce,
            scopesSupported,
            maxBodyBytes,
            initialAccessTokens == null ? null : endpoint(registrationEndpointPath));
    ClientStore clientStore = clients != null ? clients : new InMemoryClientStore();
    ServerContext ctx =
        new ServerContext(
            settings,
            clock,
            clientStore,
            codes != null ? codes : new InMemoryAuthorizationCodeStore(clock),
            pendingAuthorizations != null
                ? pendingAuthorizations
                : new InMemoryPendingAuthorizationStore(clock),
            tokens != null ? tokens : new InMemoryTokenStore(clock),
            consents != null ? consents : new InMemoryConsentStore(),
            users,
            secretHasher,
            tokenIssuer(settings, clientStore),
            events,
            signingKeys,
            assertionReplays != null ? assertionReplays : new InMemoryAssertionReplayStore(clock),
            refreshGraceKey);
    return new AuthorizationServer(ctx, initialAccessTokens);
  }

  private TokenIssuer tokenIssuer(ServerSettings settings, ClientStore clientStore) {
    if (tokenIssuer != null) {
      return tokenIssuer;
    }
    if (signingKeys == null) {
      if (accessTokenFormat == AccessTokenFormat.JWT) {
        throw new IllegalArgumentException("JWT access tokens need signingKeys");
      }
      return new OpaqueTokenIssuer();
    }
    List<String> audience =
        accessTokenAudience != null ? accessTokenAudience : List.of(settings.issuerString());
    return new ClientFormatTokenIssuer(
        accessTokenFormat,
        new OpaqueTokenIssuer(),
        new JwtTokenIssuer(signingKeys, settings.issuerString(), audience),
        clientStore);
  }

  private URI endpoint(String path) {
    Objects.requireNonNull(issuer, "issuer is required");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("endpoint paths start with '/': " + path);
    }
    String base = issuer.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + path);
  }
}
