package dev.keyway.token;

import dev.keyway.ErrorCode;
import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;
import dev.keyway.client.ClientRequests;
import dev.keyway.grant.Grant;
import dev.keyway.grant.GrantOutcome;
import dev.keyway.grant.Grants;
import dev.keyway.internal.Guard;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import java.util.Optional;
import java.util.function.Function;

/**
 * The token endpoint (RFC 6749 §3.2): a strict form POST, client authentication (§2.3), then
 * dispatch on {@code grant_type} to one {@link Grant}. Supported: {@code authorization_code},
 * {@code refresh_token}, {@code client_credentials}. OAuth 2.1 drops the implicit and password
 * grants; they, and anything else, are {@code unsupported_grant_type}.
 *
 * <p>Every response is JSON with {@code Cache-Control: no-store} and {@code Pragma: no-cache}. A
 * store failure becomes {@code server_error} (500) and is logged; nothing escapes to the host.
 */
public final class TokenEndpoint {

  private static final OAuthResponse MISSING_GRANT_TYPE =
      OAuthError.invalidRequest("The grant_type parameter is required").toJsonResponse();
  private static final OAuthResponse UNSUPPORTED_GRANT_TYPE =
      OAuthError.of(ErrorCode.UNSUPPORTED_GRANT_TYPE, "The grant_type is not supported")
          .toJsonResponse();
  private static final OAuthResponse UNAUTHORIZED_CLIENT =
      OAuthError.unauthorizedClient("The client is not allowed to use this grant_type")
          .toJsonResponse();

  private final ClientRequests clientRequests;
  private final Grants grants;
  private final Function<ClientRequests.Accepted, OAuthResponse> process = this::process;
  private final Function<OAuthRequest, OAuthResponse> serve = this::serve;

  /** Wires the endpoint to the server's stores and settings. */
  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public TokenEndpoint(ServerContext ctx) {
    this.clientRequests = new ClientRequests(ctx);
    this.grants = Grants.create(ctx);
  }

  /** Handles one token request; never throws. */
  public OAuthResponse handle(OAuthRequest request) {
    return Guard.json("token", request, serve);
  }

  private OAuthResponse serve(OAuthRequest request) {
    return clientRequests.serve(request, process);
  }

  private OAuthResponse process(ClientRequests.Accepted accepted) {
    Parameters params = accepted.parameters();
    Client client = accepted.client();

    String grantTypeName = params.getOrNull("grant_type");
    if (grantTypeName == null) {
      return MISSING_GRANT_TYPE;
    }
    Optional<GrantType> grantType = GrantType.fromWireName(grantTypeName);
    if (grantType.isEmpty()) {
      return UNSUPPORTED_GRANT_TYPE;
    }
    Grant grant = grants.of(grantType.get());
    // RFC 6749 §5.2 unauthorized_client: "The authenticated client is not authorized to use this
    // authorization grant type."
    if (!client.allows(grantType.get())) {
      return UNAUTHORIZED_CLIENT;
    }
    return render(grant.exchange(client, params));
  }

  private static OAuthResponse render(GrantOutcome outcome) {
    if (outcome instanceof GrantOutcome.Issued issued) {
      return issued.response().toOAuthResponse();
    } else if (outcome instanceof GrantOutcome.Refused refused) {
      return refused.error().toJsonResponse();
    }
    throw new AssertionError(outcome);
  }
}
