package dev.keyway;

import dev.keyway.authorize.AuthorizationEndpoint;
import dev.keyway.authorize.AuthorizeOutcome;
import dev.keyway.client.ClientRegistry;
import dev.keyway.host.AuthorizedApps;
import dev.keyway.internal.ServerContext;
import dev.keyway.introspect.IntrospectionEndpoint;
import dev.keyway.jwk.JwksEndpoint;
import dev.keyway.metadata.MetadataEndpoint;
import dev.keyway.registration.InitialAccessTokenVerifier;
import dev.keyway.registration.RegistrationEndpoint;
import dev.keyway.resource.BearerTokenValidator;
import dev.keyway.revoke.RevocationEndpoint;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.token.TokenEndpoint;

/**
 * An embeddable OAuth 2.0 authorization server. The host maps its HTTP routes onto these methods,
 * converting its requests to {@link OAuthRequest} and writing back the {@link OAuthResponse}s:
 *
 * <pre>{@code
 * AuthorizationServer server = AuthorizationServer.builder()
 *     .issuer("https://auth.example.com")
 *     .users(myUserAuthenticator)
 *     .clients(myClientStore)
 *     .build();
 *
 * // GET  /oauth2/authorize    -> server.authorize(request)  (an AuthorizeOutcome)
 * // POST /oauth2/authorize    -> server.decide(request)     (the consent form)
 * // POST /api/oauth2/token    -> server.token(request)
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; build one per issuer and share it. No method throws
 * for a protocol error: every error is a spec-conformant response, and an unexpected store failure
 * becomes {@code server_error} and is logged.
 */
public final class AuthorizationServer {

  private final ServerContext ctx;
  private final AuthorizationEndpoint authorizationEndpoint;
  private final TokenEndpoint tokenEndpoint;
  private final RevocationEndpoint revocationEndpoint;
  private final IntrospectionEndpoint introspectionEndpoint;
  private final MetadataEndpoint metadataEndpoint;
  private final BearerTokenValidator bearerTokenValidator;
  private final JwksEndpoint jwksEndpoint;
  private final AuthorizedApps authorizedApps;
  private final ClientRegistry clientRegistry;
  private final RegistrationEndpoint registrationEndpoint;

  AuthorizationServer(ServerContext ctx, InitialAccessTokenVerifier initialAccessTokens) {
    this.ctx = ctx;
    this.authorizationEndpoint = new AuthorizationEndpoint(ctx);
    this.tokenEndpoint = new TokenEndpoint(ctx);
    this.revocationEndpoint = new RevocationEndpoint(ctx);
    this.introspectionEndpoint = new IntrospectionEndpoint(ctx);
    this.metadataEndpoint = new MetadataEndpoint(ctx);
    this.bearerTokenValidator = new BearerTokenValidator(ctx);
    this.jwksEndpoint = new JwksEndpoint(ctx.signingKeys());
    this.authorizedApps = new AuthorizedApps(ctx);
    this.clientRegistry = new ClientRegistry(ctx);
    this.registrationEndpoint =
        initialAccessTokens == null
            ? null
            : new RegistrationEndpoint(ctx, clientRegistry, initialAccessTokens);
  }

  /**
   * Starts a builder. Only {@link AuthorizationServerBuilder#issuer} and {@link
   * AuthorizationServerBuilder#users} are required.
   */
  public static AuthorizationServerBuilder builder() {
    return new AuthorizationServerBuilder();
  }

  /**
   * The authorization endpoint (RFC 6749 §4.1.1), for {@code GET} (or {@code POST}) of an
   * authorization request.
   */
  public AuthorizeOutcome authorize(OAuthRequest request) {
    return authorizationEndpoint.authorize(request);
  }

  /**
   * The user's consent decision: a {@code POST} of the consent form, with {@code consent_id} from
   * {@link dev.keyway.authorize.ConsentPrompt} and {@code decision} = {@code allow} or {@code
   * deny}.
   */
  public AuthorizeOutcome decide(OAuthRequest request) {
    return authorizationEndpoint.decide(request);
  }

  /** The token endpoint (RFC 6749 §3.2). */
  public OAuthResponse token(OAuthRequest request) {
    return tokenEndpoint.handle(request);
  }

  /** The revocation endpoint (RFC 7009). */
  public OAuthResponse revoke(OAuthRequest request) {
    return revocationEndpoint.handle(request);
  }

  /** The introspection endpoint (RFC 7662). */
  public OAuthResponse introspect(OAuthRequest request) {
    return introspectionEndpoint.handle(request);
  }

  /** The authorization server metadata document (RFC 8414). */
  public OAuthResponse metadata() {
    return metadataEndpoint.handle();
  }

  /**
   * The JWK set (RFC 7517 §5) at {@link ServerSettings#jwksUri()}: the public keys that verify this
   * server's JWTs, with {@code Cache-Control: public, max-age=300}; 404 when no {@link
   * AuthorizationServerBuilder#signingKeys signing keys} are configured. Private key material is
   * never written.
   */
  public OAuthResponse jwks() {
    return jwksEndpoint.handle();
  }

  /**
   * Validates bearer access tokens for the host's own protected resources (RFC 6750), in the same
   * process: {@code server.bearerTokens().validate(request, Set.of("profile"))}. For another realm
   * or the form-body method, derive one with {@link BearerTokenValidator#withOptions}.
   */
  public BearerTokenValidator bearerTokens() {
    return bearerTokenValidator;
  }

  /**
   * The host's management of users' authorizations: list a user's authorized apps, revoke one,
   * revoke everything of a user or of a client.
   */
  public AuthorizedApps authorizedApps() {
    return authorizedApps;
  }

  /** Creating and managing OAuth apps (register, update, rotate secrets, delete). */
  public ClientRegistry clientRegistry() {
    return clientRegistry;
  }

  /**
   * Dynamic client registration (RFC 7591); 404 unless {@link
   * AuthorizationServerBuilder#dynamicClientRegistration}.
   */
  public OAuthResponse register(OAuthRequest request) {
    return registrationEndpoint == null
        ? OAuthResponse.empty(404)
        : registrationEndpoint.register(request);
  }

  /** The client configuration endpoint (RFC 7592) at {@code <registration path>/<client_id>}. */
  public OAuthResponse clientConfiguration(OAuthRequest request) {
    return registrationEndpoint == null
        ? OAuthResponse.empty(404)
        : registrationEndpoint.configure(request);
  }

  /** The configuration this server runs with. */
  public ServerSettings settings() {
    return ctx.settings();
  }
}
