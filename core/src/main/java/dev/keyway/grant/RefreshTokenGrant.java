package dev.keyway.grant;

import dev.keyway.OAuthError;
import dev.keyway.event.SecurityEvent;
import dev.keyway.grant.TokenMint.MintedAccessToken;
import dev.keyway.grant.TokenMint.MintedRefreshToken;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.token.TokenResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refresh token grant (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2).
 *
 * <p>Every use rotates the token: {@code TokenStore.rotate} atomically marks it {@code ROTATED}
 * and stores a successor and a new access token, and exactly one of any number of concurrent
 * callers wins. Presenting a rotated token again is reuse: the whole family is revoked. There is
 * no grace window (DESIGN decision 4), so the losers of a concurrent refresh count as reuse too.
 *
 * <p>A request that fails before rotation (another client's token, a widened scope) changes
 * nothing and is not reuse, so a guessing or malformed request cannot log a user out.
 */
final class RefreshTokenGrant implements Grant {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenGrant.class);

  private static final OAuthError BAD_TOKEN =
      OAuthError.invalidGrant("The refresh token is invalid, expired or revoked");
  private static final OAuthError MALFORMED_SCOPE = OAuthError.invalidScope("The scope parameter is malformed");
  private static final OAuthError WIDER_SCOPE =
      OAuthError.invalidScope("The requested scope exceeds the scope originally granted");

  private final ServerContext ctx;
  private final TokenMint mint;

  RefreshTokenGrant(ServerContext ctx, TokenMint mint) {
    this.ctx = ctx;
    this.mint = mint;
  }

  @Override
  public GrantOutcome exchange(Client client, Parameters params) {
    Optional<String> presented = params.get("refresh_token");
    if (presented.isEmpty()) {
      return new GrantOutcome.Refused(OAuthError.invalidRequest("The refresh_token parameter is required"));
    }
    Set<String> requested = null;
    Optional<String> scope = params.get("scope");
    if (scope.isPresent()) {
      Optional<Set<String>> parsed = ScopeParameter.parse(scope.get());
      if (parsed.isEmpty()) {
        return new GrantOutcome.Refused(MALFORMED_SCOPE);
      }
      requested = parsed.get();
    }
    TokenHash hash = Hashing.tokenHash(presented.get());
    Optional<RefreshTokenRecord> found = ctx.tokens().findRefreshToken(hash);
    if (found.isEmpty()) {
      return refuse(BAD_TOKEN, client, "unknown refresh token");
    }
    RefreshTokenRecord token = found.get();
    // RFC 6749 §10.4: "the authorization server MUST maintain the binding between a refresh token
    // and the client to whom it was issued". Another client's attempt is refused, not reuse.
    if (!token.clientId().equals(client.clientId())) {
      return refuse(BAD_TOKEN, client, "refresh token of another client");
    }
    // RFC 6749 §6: the requested scope "MUST NOT include any scope not originally granted".
    if (requested != null && !token.scopes().containsAll(requested)) {
      return refuse(WIDER_SCOPE, client, "scope widening");
    }
    Instant now = ctx.now();
    if (token.state() == RefreshTokenState.ROTATED) {
      return reuse(token, now);
    }
    if (token.state() == RefreshTokenState.REVOKED || token.isExpiredAt(now)) {
      return refuse(BAD_TOKEN, client, "revoked or expired refresh token");
    }
    Optional<GrantRecord> grant = ctx.tokens().findGrant(token.grantId());
    if (grant.isEmpty() || grant.get().state() == GrantState.REVOKED || grant.get().isExpiredAt(now)) {
      return refuse(BAD_TOKEN, client, "grant revoked, expired or purged");
    }
    // RFC 6749 §6: the access token gets the requested (narrowed) scope; the successor keeps the
    // grant's full scope ("the refresh token scope MUST be identical to that of the refresh token
    // included by the client in the request"), so a later refresh can ask for all of it again.
    Set<String> accessScopes = requested == null ? token.scopes() : requested;
    MintedAccessToken accessToken =
        mint.accessToken(client, token.subject(), token.grantId(), accessScopes, grant.get().authTime(), now);
    MintedRefreshToken successor =
        mint.refreshToken(client, token.subject(), token.grantId(), token.scopes(), now, grant.get().expiresAt());

    RotateResult result = ctx.tokens().rotate(hash, successor.record(), accessToken.record(), now);
    if (result instanceof RotateResult.Rotated) {
      ctx.publish(new SecurityEvent.TokensRefreshed(now, token.clientId(), token.subject(), token.grantId()));
      return new GrantOutcome.Issued(
          new TokenResponse(accessToken.token().value(), accessToken.expiresIn(), successor.value(), accessScopes));
    } else if (result instanceof RotateResult.AlreadyRotated already) {
      return reuse(already.token(), now); // a concurrent refresh won: with no grace window, reuse
    } else if (result instanceof RotateResult.Revoked
        || result instanceof RotateResult.Expired
        || result instanceof RotateResult.Unknown) {
      return refuse(BAD_TOKEN, client, "rotation refused by the store");
    }
    throw new AssertionError(result);
  }

  /**
   * RFC 9700 §4.14.2: a rotated refresh token presented again means it was copied; the server
   * cannot tell the legitimate client from the attacker, so it revokes the whole family.
   */
  private GrantOutcome reuse(RefreshTokenRecord token, Instant now) {
    ctx.tokens().revokeGrant(token.grantId());
    ctx.publish(
        new SecurityEvent.RefreshTokenReuseDetected(now, token.clientId(), token.subject(), token.grantId()));
    return new GrantOutcome.Refused(BAD_TOKEN);
  }

  private static GrantOutcome refuse(OAuthError error, Client client, String reason) {
    LOG.debug("refresh_token request of client {} refused: {}", client.clientId(), reason);
    return new GrantOutcome.Refused(error);
  }
}
