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
import java.util.Set;

/**
 * Builds a {@link Client}; validation happens in {@link #build()}. Start one with {@link
 * Client#builder(String)} or from an existing client with {@link Client#toBuilder()}.
 */
public final class ClientBuilder {
  final String clientId;
  ClientType type = ClientType.CONFIDENTIAL;
  String displayName;
  List<ClientSecret> secrets = new ArrayList<>();
  Set<ClientAuthMethod> authMethods =
      EnumSet.of(ClientAuthMethod.CLIENT_SECRET_BASIC, ClientAuthMethod.CLIENT_SECRET_POST);
  Set<GrantType> grantTypes = EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
  List<String> redirectUris = new ArrayList<>();
  Set<String> allowedScopes = new LinkedHashSet<>();
  Set<String> defaultScopes = new LinkedHashSet<>();
  boolean requirePkce;
  boolean resourceServer;
  Duration accessTokenTtl;
  Duration refreshTokenTtl;
  String jwks;
  URI logoUri;
  URI homepageUri;
  String owner;
  Instant createdAt = Instant.EPOCH;
  TokenHash registrationAccessTokenHash;
  AccessTokenFormat accessTokenFormat;
  Duration refreshGraceWindow;

  ClientBuilder(String clientId) {
    this.clientId = clientId;
  }

  /**
   * Makes this a public client: no secret, authentication method {@code none}, PKCE required,
   * authorization-code and refresh-token grants.
   */
  public ClientBuilder publicClient() {
    this.type = ClientType.PUBLIC;
    this.secrets = new ArrayList<>();
    this.authMethods = EnumSet.of(ClientAuthMethod.NONE);
    this.grantTypes.remove(GrantType.CLIENT_CREDENTIALS);
    this.requirePkce = true;
    return this;
  }

  public ClientBuilder type(ClientType type) {
    this.type = type;
    return this;
  }

  public ClientBuilder displayName(String displayName) {
    this.displayName = displayName;
    return this;
  }

  /** Adds one hashed secret. */
  public ClientBuilder secret(ClientSecret secret) {
    this.secrets.add(secret);
    return this;
  }

  /** Replaces all secrets. */
  public ClientBuilder secrets(List<ClientSecret> secrets) {
    this.secrets = new ArrayList<>(secrets);
    return this;
  }

  public ClientBuilder authMethods(ClientAuthMethod... methods) {
    this.authMethods = EnumSet.noneOf(ClientAuthMethod.class);
    this.authMethods.addAll(List.of(methods));
    return this;
  }

  public ClientBuilder grantTypes(GrantType... grantTypes) {
    this.grantTypes = EnumSet.noneOf(GrantType.class);
    this.grantTypes.addAll(List.of(grantTypes));
    return this;
  }

  /** Adds registered redirect URIs, in order. */
  public ClientBuilder redirectUris(String... uris) {
    this.redirectUris.addAll(List.of(uris));
    return this;
  }

  /** Replaces the registered redirect URIs. */
  public ClientBuilder redirectUris(List<String> uris) {
    this.redirectUris = new ArrayList<>(uris);
    return this;
  }

  public ClientBuilder allowedScopes(String... scopes) {
    this.allowedScopes = new LinkedHashSet<>(List.of(scopes));
    return this;
  }

  public ClientBuilder allowedScopes(Set<String> scopes) {
    this.allowedScopes = new LinkedHashSet<>(scopes);
    return this;
  }

  public ClientBuilder defaultScopes(String... scopes) {
    this.defaultScopes = new LinkedHashSet<>(List.of(scopes));
    return this;
  }

  public ClientBuilder defaultScopes(Set<String> scopes) {
    this.defaultScopes = new LinkedHashSet<>(scopes);
    return this;
  }

  public ClientBuilder requirePkce(boolean requirePkce) {
    this.requirePkce = requirePkce;
    return this;
  }

  public ClientBuilder resourceServer(boolean resourceServer) {
    this.resourceServer = resourceServer;
    return this;
  }

  public ClientBuilder accessTokenTtl(Duration ttl) {
    this.accessTokenTtl = ttl;
    return this;
  }

  public ClientBuilder refreshTokenTtl(Duration ttl) {
    this.refreshTokenTtl = ttl;
    return this;
  }

  public ClientBuilder jwks(String jwks) {
    this.jwks = jwks;
    return this;
  }

  public ClientBuilder logoUri(URI logoUri) {
    this.logoUri = logoUri;
    return this;
  }

  public ClientBuilder homepageUri(URI homepageUri) {
    this.homepageUri = homepageUri;
    return this;
  }

  public ClientBuilder owner(String owner) {
    this.owner = owner;
    return this;
  }

  public ClientBuilder createdAt(Instant createdAt) {
    this.createdAt = createdAt;
    return this;
  }

  /**
   * The hash of the client's registration access token (RFC 7592), or {@code null} (the default)
   * when the client cannot manage its own registration.
   */
  public ClientBuilder registrationAccessTokenHash(TokenHash hash) {
    this.registrationAccessTokenHash = hash;
    return this;
  }

  /** Overrides the server's access-token format for this client ({@code null}: the server's). */
  public ClientBuilder accessTokenFormat(AccessTokenFormat format) {
    this.accessTokenFormat = format;
    return this;
  }

  /**
   * This client's refresh-token grace window, overriding the server's; {@code null} (the default)
   * means the server's window for a confidential client and none for a public client. A public
   * client gets a window only through this override (RFC 9700 §4.14.2: its refresh tokens are not
   * sender-constrained, so a retried token is the thief's as likely as the owner's).
   */
  public ClientBuilder refreshGraceWindow(Duration window) {
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
