package dev.keyway.grant;

import dev.keyway.OAuthError;
import dev.keyway.event.SecurityEvent;
import dev.keyway.grant.TokenMint.MintedAccessToken;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.token.TokenResponse;
import java.time.Instant;
import java.util.Set;

/**
 * The client credentials grant (RFC 6749 §4.4): a confidential client obtains an access token for
 * itself. The token belongs to no grant (no family), its subject is the client id, and no refresh
 * token is issued (§4.4.3: "A refresh token SHOULD NOT be included").
 */
final class ClientCredentialsGrant implements Grant {

  private static final OAuthError PUBLIC_CLIENT =
      OAuthError.unauthorizedClient(
          "The client_credentials grant is for confidential clients only");
  private static final OAuthError BAD_SCOPE =
      OAuthError.invalidScope("The requested scope is malformed or not allowed for this client");
  private static final String GRANT_TYPE = GrantType.CLIENT_CREDENTIALS.wireName();

  private final ServerContext ctx;
  private final TokenMint mint;

  ClientCredentialsGrant(ServerContext ctx, TokenMint mint) {
    this.ctx = ctx;
    this.mint = mint;
  }

  @Override
  public GrantOutcome exchange(Client client, Parameters params) {
    // RFC 6749 §4.4: "The client credentials grant type MUST only be used by confidential clients."
    if (client.isPublic()) {
      return new GrantOutcome.Refused(PUBLIC_CLIENT);
    }
    Set<String> scopes = client.defaultScopes();
    String scope = params.getOrNull("scope");
    if (scope != null) {
      scopes = ScopeParameter.granted(scope, client);
      if (scopes == null) {
        return new GrantOutcome.Refused(BAD_SCOPE);
      }
    }
    Instant now = ctx.now();
    String clientId = client.clientId();
    MintedAccessToken accessToken = mint.accessToken(client, clientId, null, scopes, null, now);
    ctx.tokens().saveAccessToken(accessToken.record());
    ctx.publish(new SecurityEvent.TokensIssued(now, clientId, clientId, null, GRANT_TYPE));
    return new GrantOutcome.Issued(
        new TokenResponse(accessToken.token().value(), accessToken.expiresIn(), null, scopes));
  }
}
