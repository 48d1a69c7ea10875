package dev.keyway.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What an access token says, whatever its format.
 *
 * @param issuer the server's issuer identifier
 * @param subject the resource owner, or the client id for client credentials
 * @param clientId the client it is issued to
 * @param scopes its scopes
 * @param issuedAt issue time
 * @param expiresAt expiry
 * @param authTime when the user authenticated, or {@code null}
 */
public record AccessTokenClaims(
    String issuer,
    String subject,
    String clientId,
    Set<String> scopes,
    Instant issuedAt,
    Instant expiresAt,
    Instant authTime) {

  public AccessTokenClaims {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(clientId, "clientId");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
