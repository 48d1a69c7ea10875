package dev.keyway.introspect;

import dev.keyway.ErrorCode;
import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;
import dev.keyway.client.ClientRequests;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Guard;
import dev.keyway.internal.Json;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.ServerContext;
import dev.keyway.internal.TokenLookup;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.RefreshTokenRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The token introspection endpoint (RFC 7662).
 *
 * <ul>
 *   <li>The caller must authenticate as a confidential client (§2.1: "the endpoint MUST also
 *       require some form of authorization"); a public client's bare {@code client_id} is not
 *       enough and answers 401 {@code invalid_client}, like a wrong secret.
 *   <li>A client may introspect the tokens issued to itself; a client marked as a {@link
 *       Client#resourceServer() resource server} may introspect any token (DESIGN.md, decision 6).
 *   <li>An active token answers {@code active}, {@code scope}, {@code client_id}, {@code sub},
 *       {@code token_type} ({@code Bearer} or {@code refresh_token}), {@code exp}, {@code iat},
 *       {@code nbf} (access tokens) and {@code iss}.
 *   <li>Everything else (unknown, expired, revoked, not yet valid, another client's token, an
 *       authorization code) is exactly {@code {"active":false}} (§2.2: "SHOULD NOT include any
 *       additional information about an inactive token").
 * </ul>
 *
 * Every response carries {@code Cache-Control: no-store}.
 */
public final class IntrospectionEndpoint {

  /** The body of every inactive answer. */
  static final String INACTIVE = "{\"active\":false}";

  private final ServerContext ctx;
  private final ClientRequests clientRequests;
  private final TokenLookup lookup;

  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public IntrospectionEndpoint(ServerContext ctx) {
    this.ctx = ctx;
    this.clientRequests = new ClientRequests(ctx);
    this.lookup = new TokenLookup(ctx);
  }

  /** Handles one introspection request. */
  public OAuthResponse handle(OAuthRequest request) {
    return Guard.json("introspection", () -> clientRequests.serve(request, this::introspect));
  }

  private OAuthResponse introspect(ClientRequests.Accepted caller) {
    Parameters params = caller.parameters();
    if (caller.method() == ClientAuthMethod.NONE) {
      ctx.publish(
          new SecurityEvent.ClientAuthenticationFailed(
              ctx.now(),
              caller.client().clientId(),
              ClientAuthMethod.NONE.wireName(),
              "introspection requires an authenticated client"));
      return OAuthError.of(ErrorCode.INVALID_CLIENT, "Client authentication failed")
          .toJsonResponse();
    }
    Optional<String> token = params.get("token");
    if (token.isEmpty()) {
      return OAuthError.invalidRequest("The token parameter is required").toJsonResponse();
    }
    Optional<TokenLookup.Found> found =
        lookup.find(token.get(), TokenLookup.Hint.parse(params.get("token_type_hint")));
    Instant now = ctx.now();
    if (found.isEmpty()
        || !mayIntrospect(caller.client(), found.get())
        || !lookup.isActive(found.get(), now)) {
      return OAuthResponse.json(200, INACTIVE);
    }
    return OAuthResponse.json(200, describe(found.get()));
  }

  private static boolean mayIntrospect(Client caller, TokenLookup.Found token) {
    return caller.resourceServer() || caller.clientId().equals(token.clientId());
  }

  private String describe(TokenLookup.Found token) {
    Json.ObjectWriter json = Json.object().put("active", true);
    if (token instanceof TokenLookup.AccessToken a) {
      AccessTokenRecord r = a.record();
      putScope(json, r.scopes())
          .put("client_id", r.clientId())
          .put("sub", r.subject())
          .put("token_type", "Bearer")
          .put("exp", r.expiresAt().getEpochSecond())
          .put("iat", r.issuedAt().getEpochSecond())
          .put("nbf", r.issuedAt().getEpochSecond());
    } else if (token instanceof TokenLookup.RefreshToken t) {
      RefreshTokenRecord r = t.record();
      putScope(json, r.scopes())
          .put("client_id", r.clientId())
          .put("sub", r.subject())
          .put("token_type", "refresh_token")
          .put("exp", r.expiresAt().getEpochSecond())
          .put("iat", r.issuedAt().getEpochSecond());
    } else {
      throw new AssertionError(token);
    }
    return json.put("iss", ctx.settings().issuerString()).toString();
  }

  /** {@code scope}: the space-separated scopes (RFC 7662 §2.2), sorted; omitted when none. */
  private static Json.ObjectWriter putScope(Json.ObjectWriter json, Set<String> scopes) {
    return scopes.isEmpty() ? json : json.put("scope", String.join(" ", new TreeSet<>(scopes)));
  }
}
