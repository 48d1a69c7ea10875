package dev.keyway.spi.code;

import dev.keyway.spi.TokenHash;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A validated authorization request waiting for the user's consent decision. It is keyed by the
 * hash of a random, single-use id that only the consent page of the signed-in user sees, and it is
 * bound to that user: a decision from another session, a forged id or a second submission is
 * refused (RFC 6749 §10.12).
 *
 * @param idHash SHA-256 of the pending-authorization id
 * @param subject the signed-in user the request was shown to
 * @param clientId the requesting client
 * @param redirectUri the validated redirect URI
 * @param redirectUriSent whether {@code redirect_uri} was in the request
 * @param scopes the validated requested scopes
 * @param state the client's {@code state}, echoed byte-exactly, or {@code null}
 * @param codeChallenge the PKCE challenge, or {@code null}
 * @param codeChallengeMethod the PKCE method, or {@code null}
 * @param authTime when the user authenticated, or {@code null}
 * @param createdAt when the request was validated
 * @param expiresAt when the pending request lapses
 */
public record PendingAuthorization(
    TokenHash idHash,
    String subject,
    String clientId,
    String redirectUri,
    boolean redirectUriSent,
    Set<String> scopes,
    String state,
    String codeChallenge,
    String codeChallengeMethod,
    Instant authTime,
    Instant createdAt,
    Instant expiresAt) {

  public PendingAuthorization {
    Objects.requireNonNull(idHash, "idHash");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** True when {@code now >= expiresAt}. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
