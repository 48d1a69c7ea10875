package dev.keyway.grant;

import dev.keyway.OAuthError;
import dev.keyway.event.SecurityEvent;
import dev.keyway.grant.TokenMint.MintedAccessToken;
import dev.keyway.grant.TokenMint.MintedRefreshToken;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.SecureTokens;
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
 * <p>Every use rotates the token: {@code TokenStore.rotate} atomically marks it {@code ROTATED} and
 * stores a successor and a new access token, and exactly one of any number of concurrent callers
 * wins. Presenting a rotated token again is reuse: the whole family is revoked. By default there is
 * no grace window (DESIGN decision 4), so the losers of a concurrent refresh count as reuse too.
 * With a {@link RefreshGrace grace window}, the token's own client presenting it again within the
 * window (concurrent losers included) gets the same successor pair instead.
 *
 * <p>A request that fails before rotation (another client's token, a widened scope) changes nothing
 * and is not reuse, so a guessing or malformed request cannot log a user out.
 */
final class RefreshTokenGrant implements Grant {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshTokenGrant.class);

  private static final OAuthError BAD_TOKEN =
      OAuthError.invalidGrant("The refresh token is invalid, expired or revoked");
  private static final OAuthError MALFORMED_SCOPE =
      OAuthError.invalidScope("The scope parameter is malformed");
  private static final OAuthError WIDER_SCOPE =
      OAuthError.invalidScope("The requested scope exceeds the scope originally granted");

  private final ServerContext ctx;
  private final TokenMint mint;
  private final RefreshGrace grace;

  RefreshTokenGrant(ServerContext ctx, TokenMint mint) {
    this.ctx = ctx;
    this.mint = mint;
    this.grace = new RefreshGrace(ctx, mint);
  }

  @Override
  public GrantOutcome exchange(Client client, Parameters params) {
    Optional<String> presented = params.get("refresh_token");
    if (presented.isEmpty()) {
      return new GrantOutcome.Refused(
          OAuthError.invalidRequest("The refresh_token parameter is required"));
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
    // RFC 6749 §6: the access token gets the requested (narrowed) scope; the successor keeps the
    // grant's full scope ("the refresh token scope MUST be identical to that of the refresh token
    // included by the client in the request"), so a later refresh can ask for all of it again.
    Set<String> accessScopes = requested == null ? token.scopes() : requested;
    Instant now = ctx.now();
    if (token.state() == RefreshTokenState.ROTATED) {
      return rotatedAgain(client, presented.get(), token, accessScopes, now);
    }
    if (token.state() == RefreshTokenState.REVOKED || token.isExpiredAt(now)) {
      return refuse(BAD_TOKEN, client, "revoked or expired refresh token");
    }
    Optional<GrantRecord> grant = ctx.tokens().findGrant(token.grantId());
    if (grant.isEmpty()
        || grant.get().state() == GrantState.REVOKED
        || grant.get().isExpiredAt(now)) {
      return refuse(BAD_TOKEN, client, "grant revoked, expired or purged");
    }
    Instant familyEnd = grant.get().expiresAt();
    Instant authTime = grant.get().authTime();
    Optional<RefreshGrace.Derived> derived = grace.derive(client, presented.get());
    MintedRefreshToken successor =
        mint.refreshToken(
            client,
            token.subject(),
            token.grantId(),
            token.scopes(),
            now,
            familyEnd,
            derived.map(RefreshGrace.Derived::refreshToken).orElseGet(SecureTokens::newToken));
    MintedAccessToken accessToken =
        derived
            .flatMap(d -> grace.accessToken(client, token, accessScopes, authTime, now, d))
            .orElseGet(
                () ->
                    mint.accessToken(
                        client, token.subject(), token.grantId(), accessScopes, authTime, now));

    RotateResult result = ctx.tokens().rotate(hash, successor.record(), accessToken.record(), now);
    if (result instanceof RotateResult.Rotated) {
      ctx.publish(
          new SecurityEvent.TokensRefreshed(
              now, token.clientId(), token.subject(), token.grantId()));
      return new GrantOutcome.Issued(
          new TokenResponse(
              accessToken.token().value(),
              accessToken.expiresIn(),
              successor.value(),
              accessScopes));
    } else if (result instanceof RotateResult.AlreadyRotated already) {
      // A concurrent refresh won: inside a grace window, answer with its pair; otherwise reuse.
      return rotatedAgain(client, presented.get(), already.token(), accessScopes, now);
    } else if (result instanceof RotateResult.Revoked
        || result instanceof RotateResult.Expired
        || result instanceof RotateResult.Unknown) {
      return refuse(BAD_TOKEN, client, "rotation refused by the store");
    }
    throw new AssertionError(result);
  }

  /**
   * A rotated token presented again by its own client: the same pair inside the grace window, reuse
   * otherwise.
   */
  private GrantOutcome rotatedAgain(
      Client client,
      String presented,
      RefreshTokenRecord token,
      Set<String> accessScopes,
      Instant now) {
    RefreshGrace.Retry retry = grace.retry(client, presented, token, accessScopes, now);
    if (retry instanceof RefreshGrace.Retry.Answer answer) {
      ctx.publish(
          new SecurityEvent.RefreshTokenRetried(
              now, token.clientId(), token.subject(), token.grantId()));
      return new GrantOutcome.Issued(answer.response());
    } else if (retry instanceof RefreshGrace.Retry.Reuse reuse) {
      LOG.debug(
          "refresh_token request of client {} is reuse: {}", client.clientId(), reuse.reason());
      return reuse(token, now);
    } else if (retry instanceof RefreshGrace.Retry.Refuse refuse) {
      return refuse(BAD_TOKEN, client, refuse.reason());
    }
    throw new AssertionError(retry);
  }

  /**
   * RFC 9700 §4.14.2: a rotated refresh token presented again means it was copied; the server
   * cannot tell the legitimate client from the attacker, so it revokes the whole family.
   */
  private GrantOutcome reuse(RefreshTokenRecord token, Instant now) {
    ctx.tokens().revokeGrant(token.grantId());
    ctx.publish(
        new SecurityEvent.RefreshTokenReuseDetected(
            now, token.clientId(), token.subject(), token.grantId()));
    return new GrantOutcome.Refused(BAD_TOKEN);
  }

  private static GrantOutcome refuse(OAuthError error, Client client, String reason) {
    LOG.debug("refresh_token request of client {} refused: {}", client.clientId(), reason);
    return new GrantOutcome.Refused(error);
  }
}
