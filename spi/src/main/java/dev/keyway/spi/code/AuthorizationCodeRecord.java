package dev.keyway.spi.code;

import dev.keyway.spi.TokenHash;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A stored authorization code and everything it is bound to (RFC 6749 §4.1.2, RFC 7636 §4.4). Only
 * the hash of the code is kept.
 *
 * @param codeHash SHA-256 of the code
 * @param clientId the client the code was issued to
 * @param redirectUri the redirect URI the code was delivered to
 * @param redirectUriSent whether the authorization request named {@code redirect_uri} explicitly;
 *     if it did, the token request must repeat it exactly (RFC 6749 §4.1.3)
 * @param subject the resource owner who approved
 * @param scopes the granted scopes
 * @param codeChallenge the PKCE challenge, or {@code null} when the request had none
 * @param codeChallengeMethod {@code S256} or {@code plain}, or {@code null} with no challenge
 * @param grantId the id of the grant (token family) this code will create; replay revokes it
 * @param authTime when the user authenticated, or {@code null} if unknown
 * @param issuedAt when the code was issued
 * @param expiresAt when the code stops being redeemable
 * @param state issued or redeemed
 */
public record AuthorizationCodeRecord(
    TokenHash codeHash,
    String clientId,
    String redirectUri,
    boolean redirectUriSent,
    String subject,
    Set<String> scopes,
    String codeChallenge,
    String codeChallengeMethod,
    String grantId,
    Instant authTime,
    Instant issuedAt,
    Instant expiresAt,
    CodeState state) {

  public AuthorizationCodeRecord {
    Objects.requireNonNull(codeHash, "codeHash");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(subject, "subject");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
  }

  /** True when the code can no longer be redeemed at {@code now}: {@code now >= expiresAt}. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** The same record in another state. */
  public AuthorizationCodeRecord withState(CodeState newState) {
    return new AuthorizationCodeRecord(
        codeHash,
        clientId,
        redirectUri,
        redirectUriSent,
        subject,
        scopes,
        codeChallenge,
        codeChallengeMethod,
        grantId,
        authTime,
        issuedAt,
        expiresAt,
        newState);
  }
}
