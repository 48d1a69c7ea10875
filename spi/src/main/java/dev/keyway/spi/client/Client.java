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
  public Builder toBuilder() {
    Builder b = new Builder(clientId);
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
   * require PKCE. Add secrets with {@link Builder#secret(ClientSecret)}.
   */
  public static Builder builder(String clientId) {
    return new Builder(clientId);
  }

  @Override
  public String toString() {
    return "Client[" + clientId + ", " + type + ", secrets=" + secrets.size() + "]";
  }

  /** Builds a {@link Client}; validation happens in {@link #build()}. */
  public static final class Builder {
    private final String clientId;
    private ClientType type = ClientType.CONFIDENTIAL;
    private String displayName;
    private List<ClientSecret> secrets = new ArrayList<>();
    private Set<ClientAuthMethod> authMethods =
        EnumSet.of(ClientAuthMethod.CLIENT_SECRET_BASIC, ClientAuthMethod.CLIENT_SECRET_POST);
    private Set<GrantType> grantTypes =
        EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
    private List<String> redirectUris = new ArrayList<>();
    private Set<String> allowedScopes = new LinkedHashSet<>();
    private Set<String> defaultScopes = new LinkedHashSet<>();
    private boolean requirePkce;
    private boolean resourceServer;
    private Duration accessTokenTtl;
    private Duration refreshTokenTtl;
    private String jwks;
    private URI logoUri;
    private URI homepageUri;
    private String owner;
    private Instant createdAt = Instant.EPOCH;
    private TokenHash registrationAccessTokenHash;
    private AccessTokenFormat accessTokenFormat;
    private Duration refreshGraceWindow;

    private Builder(String clientId) {
      this.clientId = clientId;
    }

    /**
     * Makes this a public client: no secret, authentication method {@code none}, PKCE required,
     * authorization-code and refresh-token grants.
     */
    public Builder publicClient() {
      this.type = ClientType.PUBLIC;
      this.secrets = new ArrayList<>();
      this.authMethods = EnumSet.of(ClientAuthMethod.NONE);
      this.grantTypes.remove(GrantType.CLIENT_CREDENTIALS);
      this.requirePkce = true;
      return this;
    }

    public Builder type(ClientType type) {
      this.type = type;
      return this;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    /** Adds one hashed secret. */
    public Builder secret(ClientSecret secret) {
      this.secrets.add(secret);
      return this;
    }

    /** Replaces all secrets. */
    public Builder secrets(List<ClientSecret> secrets) {
      this.secrets = new ArrayList<>(secrets);
      return this;
    }

    public Builder authMethods(ClientAuthMethod... methods) {
      this.authMethods = EnumSet.noneOf(ClientAuthMethod.class);
      this.authMethods.addAll(List.of(methods));
      return this;
    }

    public Builder grantTypes(GrantType... grantTypes) {
      this.grantTypes = EnumSet.noneOf(GrantType.class);
      this.grantTypes.addAll(List.of(grantTypes));
      return this;
    }

    /** Adds registered redirect URIs, in order. */
    public Builder redirectUris(String... uris) {
      this.redirectUris.addAll(List.of(uris));
      return this;
    }

    /** Replaces the registered redirect URIs. */
    public Builder redirectUris(List<String> uris) {
      this.redirectUris = new ArrayList<>(uris);
      return this;
    }

    public Builder allowedScopes(String... scopes) {
      this.allowedScopes = new LinkedHashSet<>(List.of(scopes));
      return this;
    }

    public Builder allowedScopes(Set<String> scopes) {
      this.allowedScopes = new LinkedHashSet<>(scopes);
      return this;
    }

    public Builder defaultScopes(String... scopes) {
      this.defaultScopes = new LinkedHashSet<>(List.of(scopes));
      return this;
    }

    public Builder defaultScopes(Set<String> scopes) {
      this.defaultScopes = new LinkedHashSet<>(scopes);
      return this;
    }

    public Builder requirePkce(boolean requirePkce) {
      this.requirePkce = requirePkce;
      return this;
    }

    public Builder resourceServer(boolean resourceServer) {
      this.resourceServer = resourceServer;
      return this;
    }

    public Builder accessTokenTtl(Duration ttl) {
      this.accessTokenTtl = ttl;
      return this;
    }

    public Builder refreshTokenTtl(Duration ttl) {
      this.refreshTokenTtl = ttl;
      return this;
    }

    public Builder jwks(String jwks) {
      this.jwks = jwks;
      return this;
    }

    public Builder logoUri(URI logoUri) {
      this.logoUri = logoUri;
      return this;
    }

    public Builder homepageUri(URI homepageUri) {
      this.homepageUri = homepageUri;
      return this;
    }

    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /**
     * The hash of the client's registration access token (RFC 7592), or {@code null} (the default)
     * when the client cannot manage its own registration.
     */
    public Builder registrationAccessTokenHash(TokenHash hash) {
      this.registrationAccessTokenHash = hash;
      return this;
    }

    /** Overrides the server's access-token format for this client ({@code null}: the server's). */
    public Builder accessTokenFormat(AccessTokenFormat format) {
      this.accessTokenFormat = format;
      return this;
    }

    /**
     * This client's refresh-token grace window, overriding the server's; {@code null} (the default)
     * means the server's window for a confidential client and none for a public client. A public
     * client gets a window only through this override (RFC 9700 §4.14.2: its refresh tokens are not
     * sender-constrained, so a retried token is the thief's as likely as the owner's).
     */
    public Builder refreshGraceWindow(Duration window) {
      this.refreshGraceWindow = window;
      return this;
    }

    /** Validates and builds the client. */
    public Client build() {
      return new Client(
          clientId,
          type,
          displayName,
          secrets,
          authMethods,
          grantTypes,
          redirectUris,
          allowedScopes,
          defaultScopes,
          requirePkce,
          resourceServer,
          accessTokenTtl,
          refreshTokenTtl,
          jwks,
          logoUri,
          homepageUri,
          owner,
          createdAt,
          registrationAccessTokenHash,
          accessTokenFormat,
          refreshGraceWindow);
    }
  }
}
