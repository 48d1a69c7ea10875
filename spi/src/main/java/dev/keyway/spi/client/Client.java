package dev.keyway.spi.client;

import dev.keyway.spi.GrantType;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenFormat;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A registered client (an "OAuth app"), as stored by a {@link ClientStore}. Immutable; build one
 * with {@link #builder(String)}, change one with {@link #toBuilder()}.
 *
 * <p>Secrets are held only as {@link ClientSecret hashes}. A confidential client has at least one
 * secret unless it authenticates with {@code private_key_jwt}; a public client has none and
 * authenticates with {@link ClientAuthMethod#NONE}.
 *
 * @param clientId the client identifier (RFC 6749 §2.2), case-sensitive
 * @param type confidential or public
 * @param displayName the name shown to users on the consent page
 * @param secrets hashed secrets, possibly several during a rotation
 * @param authMethods the token-endpoint authentication methods this client may use
 * @param grantTypes the grant types this client may use
 * @param redirectUris registered redirect URIs, matched exactly (loopback IP literals may vary the
 *     port, RFC 8252 §7.3)
 * @param allowedScopes the scopes this client may request
 * @param defaultScopes the scopes granted when a request names none
 * @param requirePkce whether authorization requests must carry a PKCE challenge (always true for
 *     public clients)
 * @param resourceServer whether this client may introspect tokens issued to other clients
 * @param accessTokenTtl override of the server's access-token lifetime, or {@code null}
 * @param refreshTokenTtl override of the server's refresh-token lifetime, or {@code null}
 * @param jwks the client's public JSON Web Key Set for {@code private_key_jwt}, or {@code null}
 * @param logoUri a logo to show on the consent page, or {@code null}
 * @param homepageUri the app's home page, or {@code null}
 * @param owner the developer (a subject) who registered the app, or {@code null}
 * @param createdAt when the client was registered
 * @param registrationAccessTokenHash the SHA-256 hash of the registration access token that lets
 *     the client read, update and delete its own registration (RFC 7592), or {@code null} for a
 *     client that cannot manage itself (the default; every client not created through dynamic
 *     registration)
 * @param accessTokenFormat override of the server's access-token format, or {@code null}
 * @param refreshGraceWindow override of the server's refresh-token grace window, or {@code null}:
 *     how long after a rotation the rotated refresh token may be presented again by this client and
 *     receive the same successor pair. {@code null} means the server's window for a confidential
 *     client and no window (zero) for a public client; at most {@link #MAX_REFRESH_GRACE_WINDOW}
 */
public record Client(
    String clientId,
    ClientType type,
    String displayName,
    List<ClientSecret> secrets,
    Set<ClientAuthMethod> authMethods,
    Set<GrantType> grantTypes,
    List<String> redirectUris,
    Set<String> allowedScopes,
    Set<String> defaultScopes,
    boolean requirePkce,
    boolean resourceServer,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    String jwks,
    URI logoUri,
    URI homepageUri,
    String owner,
    Instant createdAt,
    TokenHash registrationAccessTokenHash,
    AccessTokenFormat accessTokenFormat,
    Duration refreshGraceWindow) {

  /**
   * The longest refresh-token grace window a server or a client may configure. The window exists
   * for retries after a lost response and for refreshes a client sends in parallel, which resolve
   * in seconds; every second of it is a second in which a copied token is honoured.
   */
  public static final Duration MAX_REFRESH_GRACE_WINDOW = Duration.ofMinutes(5);

  public Client {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(type, "type");
    displayName = displayName == null ? clientId : displayName;
    secrets = List.copyOf(secrets);
    authMethods = Set.copyOf(authMethods);
    grantTypes = Set.copyOf(grantTypes);
    redirectUris = List.copyOf(redirectUris);
    allowedScopes = Set.copyOf(allowedScopes);
    defaultScopes = Set.copyOf(defaultScopes);
    Objects.requireNonNull(createdAt, "createdAt");
    if (clientId.isEmpty()) {
      throw new IllegalArgumentException("clientId must not be empty");
    }
    if (type == ClientType.PUBLIC) {
      if (!secrets.isEmpty()) {
        throw new IllegalArgumentException("a public client has no secret");
      }
      if (!authMethods.equals(Set.of(ClientAuthMethod.NONE))) {
        throw new IllegalArgumentException("a public client authenticates with 'none' only");
      }
      if (grantTypes.contains(GrantType.CLIENT_CREDENTIALS)) {
        throw new IllegalArgumentException("client_credentials is for confidential clients only");
      }
      requirePkce = true;
    } else if (authMethods.contains(ClientAuthMethod.NONE)) {
      throw new IllegalArgumentException("a confidential client must authenticate");
    }
    if (!allowedScopes.containsAll(defaultScopes)) {
      throw new IllegalArgumentException("default scopes must be allowed scopes");
    }
    if (refreshGraceWindow != null
        && (refreshGraceWindow.isNegative()
            || refreshGraceWindow.compareTo(MAX_REFRESH_GRACE_WINDOW) > 0)) {
      throw new IllegalArgumentException("refreshGraceWindow must be between zero and 5 minutes");
    }
  }

  /** The registration access token's hash, if this client may manage itself (RFC 7592). */
  public Optional<TokenHash> registrationAccessToken() {
    return Optional.ofNullable(registrationAccessTokenHash);
  }

  /** True for a public client. */
  public boolean isPublic() {
    return type == ClientType.PUBLIC;
  }

  /** Whether the client may use this grant type. */
  public boolean allows(GrantType grantType) {
    return grantTypes.contains(grantType);
  }

  /** Whether the client may authenticate with this method. */
  public boolean allows(ClientAuthMethod method) {
    return authMethods.contains(method);
  }

  /** The per-client access-token lifetime, if overridden. */
  public Optional<Duration> accessTokenTtlOverride() {
    return Optional.ofNullable(accessTokenTtl);
  }

  /** The per-client refresh-token lifetime, if overridden. */
  public Optional<Duration> refreshTokenTtlOverride() {
    return Optional.ofNullable(refreshTokenTtl);
  }

  /** The per-client access-token format, if overridden. */
  public Optional<AccessTokenFormat> accessTokenFormatOverride() {
    return Optional.ofNullable(accessTokenFormat);
  }

  /**
   * The per-client refresh-token grace window, if overridden. Without one, a confidential client
   * gets the server's window and a public client none.
   */
  public Optional<Duration> refreshGraceWindowOverride() {
    return Optional.ofNullable(refreshGraceWindow);
  }

  /** A builder initialised from this client. */
  public ClientBuilder toBuilder() {
    ClientBuilder b = new ClientBuilder(clientId);
    b.type = type;
    b.displayName = displayName;
    b.secrets = new ArrayList<>(secrets);
    b.authMethods =
        authMethods.isEmpty()
            ? EnumSet.noneOf(ClientAuthMethod.class)
            : EnumSet.copyOf(authMethods);
    b.grantTypes =
        grantTypes.isEmpty() ? EnumSet.noneOf(GrantType.class) : EnumSet.copyOf(grantTypes);
    b.redirectUris = new ArrayList<>(redirectUris);
    b.allowedScopes = new LinkedHashSet<>(allowedScopes);
    b.defaultScopes = new LinkedHashSet<>(defaultScopes);
    b.requirePkce = requirePkce;
    b.resourceServer = resourceServer;
    b.accessTokenTtl = accessTokenTtl;
    b.refreshTokenTtl = refreshTokenTtl;
    b.jwks = jwks;
    b.logoUri = logoUri;
    b.homepageUri = homepageUri;
    b.owner = owner;
    b.createdAt = createdAt;
    b.registrationAccessTokenHash = registrationAccessTokenHash;
    b.accessTokenFormat = accessTokenFormat;
    b.refreshGraceWindow = refreshGraceWindow;
    return b;
  }

  /**
   * Starts a confidential client that authenticates with {@code client_secret_basic} or {@code
   * client_secret_post}, may use the authorization-code and refresh-token grants, and does not
   * require PKCE. Add secrets with {@link ClientBuilder#secret(ClientSecret)}.
   */
  public static ClientBuilder builder(String clientId) {
    return new ClientBuilder(clientId);
  }

  @Override
  public String toString() {
    return "Client[" + clientId + ", " + type + ", secrets=" + secrets.size() + "]";
  }
}
