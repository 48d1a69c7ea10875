package dev.keyway.revoke;

import dev.keyway.ErrorCode;
import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;
import dev.keyway.client.ClientRequests;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Guard;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.ServerContext;
import dev.keyway.internal.TokenLookup;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.RefreshTokenRecord;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token revocation endpoint (RFC 7009).
 *
 * <ul>
 *   <li>The client authenticates as at the token endpoint (§2.1: "The authorization server first
 *       validates the client credentials"); {@code token} is required.
 *   <li>{@code token_type_hint} only orders the lookup; an unknown hint is ignored (§2.2.1).
 *   <li>A refresh token revokes its whole grant: every refresh and access token of the family
 *       ("SHOULD also invalidate all access tokens based on the same authorization grant"). An
 *       access token is revoked alone; its refresh token stays usable (DESIGN.md, decision 5).
 *   <li>An unknown, malformed, expired or already revoked token answers 200 with an empty body and
 *       changes nothing (§2.2: "invalid tokens do not cause an error response").
 *   <li>A token issued to another client is refused with 400 {@code unauthorized_client} and
 *       nothing changes (§2.1: "If this validation fails, the request is refused").
 *   <li>A store failure answers 503 {@code temporarily_unavailable}, never 200: the client "must
 *       assume the token still exists" and retry (§2.2.1).
 * </ul>
 */
public final class RevocationEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(RevocationEndpoint.class);

  /** {@link SecurityEvent.Revoked#reason()} of a revocation through this endpoint. */
  public static final String REASON = "revocation_request";

  private final ServerContext ctx;
  private final ClientRequests clientRequests;
  private final TokenLookup lookup;

  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public RevocationEndpoint(ServerContext ctx) {
    this.ctx = ctx;
    this.clientRequests = new ClientRequests(ctx);
    this.lookup = new TokenLookup(ctx);
  }

  /** Handles one revocation request. */
  public OAuthResponse handle(OAuthRequest request) {
    return Guard.json("revocation", () -> clientRequests.serve(request, this::revoke));
  }

  private OAuthResponse revoke(ClientRequests.Accepted accepted) {
    Parameters params = accepted.parameters();
    Client client = accepted.client();
    Optional<String> token = params.get("token");
    if (token.isEmpty()) {
      return OAuthError.invalidRequest("The token parameter is required").toJsonResponse();
    }
    TokenLookup.Hint hint = TokenLookup.Hint.parse(params.get("token_type_hint"));
    try {
      return revoke(client, token.get(), hint);
    } catch (RuntimeException e) {
      LOG.error("revocation failed in the store; answering 503 so the client retries", e);
      return OAuthError.of(
              ErrorCode.TEMPORARILY_UNAVAILABLE, "The token could not be revoked; retry later")
          .toJsonResponse();
    }
  }

  private OAuthResponse revoke(Client client, String value, TokenLookup.Hint hint) {
    Optional<TokenLookup.Found> found = lookup.find(value, hint);
    if (found.isEmpty()) {
      return OAuthResponse.empty(200);
    }
    if (!found.get().clientId().equals(client.clientId())) {
      LOG.debug("client {} tried to revoke a token of another client", client.clientId());
      return OAuthError.unauthorizedClient("The token was not issued to this client")
          .toJsonResponse();
    }
    Instant now = ctx.now();
    if (found.get() instanceof TokenLookup.AccessToken a) {
      revokeAccessToken(a.record(), now);
    } else if (found.get() instanceof TokenLookup.RefreshToken r) {
      revokeGrant(r.record(), now);
    } else {
      throw new AssertionError(found.get());
    }
    return OAuthResponse.empty(200);
  }

  /**
   * Revokes an access token that is still active or not yet valid; an expired one is left as it is.
   */
  private void revokeAccessToken(AccessTokenRecord token, Instant now) {
    boolean revocable = token.state() == AccessTokenState.ACTIVE && now.isBefore(token.expiresAt());
    if (revocable && ctx.tokens().revokeAccessToken(token.tokenHash())) {
      ctx.publish(
          new SecurityEvent.Revoked(
              now, token.clientId(), token.subject(), token.grantId(), "access_token", REASON));
    }
  }

  /**
   * Revokes the family of a refresh token in any state, including a rotated one, as long as the
   * family is still live: its successors may be in use.
   */
  private void revokeGrant(RefreshTokenRecord token, Instant now) {
    if (lookup.liveGrant(token.grantId(), now).isPresent()
        && ctx.tokens().revokeGrant(token.grantId())) {
      ctx.publish(
          new SecurityEvent.Revoked(
              now, token.clientId(), token.subject(), token.grantId(), "grant", REASON));
    }
  }
}
