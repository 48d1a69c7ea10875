package dev.keyway.grant;

import dev.keyway.OAuthError;
import dev.keyway.event.SecurityEvent;
import dev.keyway.grant.TokenMint.MintedAccessToken;
import dev.keyway.grant.TokenMint.MintedRefreshToken;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.Parameters;
import dev.keyway.internal.ServerContext;
import dev.keyway.pkce.Pkce;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.code.RedeemResult;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.token.TokenResponse;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authorization code grant's token request (RFC 6749 §4.1.3, RFC 7636 §4.5–4.6).
 *
 * <p>Order matters: every binding of the code (client, redirect URI, PKCE) is checked against the
 * stored record <em>before</em> the code is redeemed, so a request that fails validation never
 * burns a legitimate user's code. Only a fully bound request calls {@code redeem}, whose result
 * decides the single winner. A fully bound request that finds the code already redeemed is a
 * replay: the grant issued from the code is revoked; a replay that fails its bindings is only
 * refused, so a stolen code alone cannot revoke a victim's tokens (OAuth 2.1 §7.5.2).
 *
 * <p><b>A replay that overtakes the winner.</b> A concurrent loser can find the code redeemed
 * before the winner has stored its grant, and then has nothing to revoke. Both sides therefore
 * write, then read what the other writes (Dekker's pattern), through the store, so it holds across
 * every server sharing it:
 *
 * <ul>
 *   <li>winner: W1 {@code redeem} (ISSUED → REDEEMED), W2 {@code createGrant}, W3 {@code find} the
 *       code again and, if it is {@code REPLAYED}, {@code revokeGrant};
 *   <li>replay: R1 sees the code redeemed (so after W1), R2 {@code markReplayed} (REDEEMED →
 *       REPLAYED), R3 {@code revokeGrant}.
 * </ul>
 *
 * <p>Every store call is atomic, and a call that returned is seen by every call that starts after
 * it. Either R2 returned before W3 started: W3 reads {@code REPLAYED} and the winner revokes its
 * own grant. Or W3 started before R2 returned, and so before R3 started; W2 returned before W3
 * started, so R3 starts after the grant is stored and revokes it. In both orders the grant ends
 * revoked (possibly twice: {@code revokeGrant} is idempotent), and the winner's response still
 * carries the tokens it minted, which are then already revoked or about to be.
 */
final class AuthorizationCodeGrant implements Grant {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationCodeGrant.class);

  private static final OAuthError BAD_CODE =
      OAuthError.invalidGrant(
          "The authorization code is invalid, expired, revoked or was issued to another client");
  private static final OAuthError REDIRECT_MISMATCH =
      OAuthError.invalidGrant("The redirect_uri does not match the authorization request");
  private static final OAuthError PKCE_FAILED = OAuthError.invalidGrant("PKCE verification failed");

  private final ServerContext ctx;
  private final TokenMint mint;

  AuthorizationCodeGrant(ServerContext ctx, TokenMint mint) {
    this.ctx = ctx;
    this.mint = mint;
  }

  @Override
  public GrantOutcome exchange(Client client, Parameters params) {
    Optional<String> code = params.get("code");
    if (code.isEmpty()) {
      return new GrantOutcome.Refused(OAuthError.invalidRequest("The code parameter is required"));
    }
    TokenHash codeHash = Hashing.tokenHash(code.get());
    Optional<AuthorizationCodeRecord> found = ctx.codes().find(codeHash);
    if (found.isEmpty()) {
      return refuse(BAD_CODE, client, "unknown code");
    }
    AuthorizationCodeRecord record = found.get();
    Optional<OAuthError> unbound =
        checkBindings(client, record, params.get("redirect_uri"), params.get("code_verifier"));
    if (unbound.isPresent()) {
      return refuse(unbound.get(), client, "a binding of the code does not hold");
    }
    Instant now = ctx.now();
    // RFC 6749 §4.1.2: "If an authorization code is used more than once, the authorization server
    // MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based
    // on that authorization code."
    if (record.state() != CodeState.ISSUED) {
      return replay(record, now);
    }
    if (record.isExpiredAt(now)) {
      return refuse(BAD_CODE, client, "expired code");
    }
    // Mint before redeeming, so that a failing token issuer cannot burn the code.
    Instant familyEnd = mint.familyEnd(client, now);
    MintedAccessToken accessToken =
        mint.accessToken(
            client, record.subject(), record.grantId(), record.scopes(), record.authTime(), now);
    MintedRefreshToken refreshToken =
        client.allows(GrantType.REFRESH_TOKEN)
            ? mint.refreshToken(
                client, record.subject(), record.grantId(), record.scopes(), now, familyEnd)
            : null;

    RedeemResult result = ctx.codes().redeem(codeHash, now);
    if (result instanceof RedeemResult.Redeemed) {
      return issue(record, familyEnd, accessToken, refreshToken, now);
    } else if (result instanceof RedeemResult.AlreadyRedeemed already) {
      return replay(already.code(), now); // a concurrent request won: this one is a replay
    } else if (result instanceof RedeemResult.Expired) {
      return refuse(BAD_CODE, client, "expired code");
    } else if (result instanceof RedeemResult.Unknown) {
      return refuse(BAD_CODE, client, "code vanished before redemption");
    }
    throw new AssertionError(result);
  }

  /** Every binding of the code, in RFC order; empty when all hold. Reads and writes nothing. */
  private Optional<OAuthError> checkBindings(
      Client client,
      AuthorizationCodeRecord code,
      Optional<String> redirectUri,
      Optional<String> verifier) {
    // RFC 6749 §4.1.3: "ensure that the authorization code was issued to the authenticated
    // confidential client, or if the client is public, ensure that the code was issued to
    // "client_id" in the request".
    if (!code.clientId().equals(client.clientId())) {
      return Optional.of(BAD_CODE);
    }
    // RFC 6749 §4.1.3: "ensure that the "redirect_uri" parameter is present if the "redirect_uri"
    // parameter was included in the initial authorization request [...] and if included ensure
    // that their values are identical." A redirect_uri sent when none was required must still be
    // the one the code was delivered to.
    if (code.redirectUriSent() || redirectUri.isPresent()) {
      if (redirectUri.isEmpty() || !redirectUri.get().equals(code.redirectUri())) {
        return Optional.of(REDIRECT_MISMATCH);
      }
    }
    String challenge = code.codeChallenge();
    if (challenge == null) {
      // RFC 9700 §4.8.2 (PKCE downgrade): a code_verifier for a code issued without a challenge
      // is refused; so is a code without a challenge for a client that must use PKCE.
      if (verifier.isPresent() || client.requirePkce()) {
        return Optional.of(PKCE_FAILED);
      }
      return Optional.empty();
    }
    // RFC 7636 §4.6: "If the values are not equal, an error response indicating "invalid_grant"
    // [...] MUST be returned." A missing verifier is treated the same way (§4.5, OAuth 2.1 §4.1.3).
    Optional<String> method =
        Pkce.acceptedMethod(code.codeChallengeMethod(), ctx.settings().allowPlainPkce());
    if (verifier.isEmpty()
        || method.isEmpty()
        || !Pkce.verify(verifier.get(), challenge, method.get())) {
      return Optional.of(PKCE_FAILED);
    }
    return Optional.empty();
  }

  private GrantOutcome issue(
      AuthorizationCodeRecord code,
      Instant familyEnd,
      MintedAccessToken accessToken,
      MintedRefreshToken refreshToken,
      Instant now) {
    GrantRecord grant =
        new GrantRecord(
            code.grantId(),
            code.clientId(),
            code.subject(),
            code.scopes(),
            code.authTime(),
            now,
            familyEnd,
            now,
            GrantState.ACTIVE);
    ctx.tokens()
        .createGrant(
            grant, accessToken.record(), refreshToken == null ? null : refreshToken.record());
    // W3 of the class comment: a replay that ran before the grant existed left its mark on the
    // code.
    Optional<AuthorizationCodeRecord> after = ctx.codes().find(code.codeHash());
    if (after.isPresent() && after.get().state() == CodeState.REPLAYED) {
      ctx.tokens().revokeGrant(code.grantId());
    }
    ctx.publish(
        new SecurityEvent.TokensIssued(
            now,
            code.clientId(),
            code.subject(),
            code.grantId(),
            GrantType.AUTHORIZATION_CODE.wireName()));
    return new GrantOutcome.Issued(
        new TokenResponse(
            accessToken.token().value(),
            accessToken.expiresIn(),
            refreshToken == null ? null : refreshToken.value(),
            code.scopes()));
  }

  /**
   * A fully bound request for a redeemed code: mark the code replayed (R2 of the class comment),
   * then revoke the grant issued from it (R3), then refuse.
   */
  private GrantOutcome replay(AuthorizationCodeRecord code, Instant now) {
    ctx.codes().markReplayed(code.codeHash());
    ctx.tokens().revokeGrant(code.grantId());
    ctx.publish(
        new SecurityEvent.CodeReplayDetected(now, code.clientId(), code.subject(), code.grantId()));
    return new GrantOutcome.Refused(BAD_CODE);
  }

  private static GrantOutcome refuse(OAuthError error, Client client, String reason) {
    LOG.debug("authorization_code request of client {} refused: {}", client.clientId(), reason);
    return new GrantOutcome.Refused(error);
  }
}
