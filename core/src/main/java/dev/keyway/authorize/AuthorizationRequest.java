package dev.keyway.authorize;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.code.PendingAuthorization;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3) that passed validation: every value is
 * typed and checked, and nothing after the parser reads a parameter by name.
 *
 * @param clientId the requesting client
 * @param redirectUri the redirect URI the response goes to (the request's own string when it sent
 *     one, else the client's only registered URI)
 * @param redirectUriSent whether the request named {@code redirect_uri}
 * @param scopes the requested scopes, or the client's defaults when none were named; never empty
 * @param state the client's {@code state}, or {@code null}
 * @param codeChallenge the PKCE challenge, or {@code null}
 * @param codeChallengeMethod {@code S256} (or {@code plain} where allowed), or {@code null}
 */
record AuthorizationRequest(
    String clientId,
    String redirectUri,
    boolean redirectUriSent,
    Set<String> scopes,
    String state,
    String codeChallenge,
    String codeChallengeMethod) {

  AuthorizationRequest {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(redirectUri, "redirectUri");
    scopes = Set.copyOf(scopes);
  }

  /** This request, waiting for {@code subject}'s decision until {@code expiresAt}. */
  PendingAuthorization toPending(
      TokenHash idHash, String subject, Instant authTime, Instant now, Instant expiresAt) {
    return new PendingAuthorization(
        idHash,
        subject,
        clientId,
        redirectUri,
        redirectUriSent,
        scopes,
        state,
        codeChallenge,
        codeChallengeMethod,
        authTime,
        now,
        expiresAt);
  }

  /** The request a pending authorization was saved from. */
  static AuthorizationRequest fromPending(PendingAuthorization p) {
    return new AuthorizationRequest(
        p.clientId(),
        p.redirectUri(),
        p.redirectUriSent(),
        p.scopes(),
        p.state(),
        p.codeChallenge(),
        p.codeChallengeMethod());
  }
}
