package dev.keyway.spi.token;

import dev.keyway.spi.TokenHash;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A stored access token. The key is the SHA-256 hash of the opaque token, or of the {@code jti} of
 * a JWT access token; the token itself is never stored.
 *
 * @param tokenHash the lookup key
 * @param grantId the family it belongs to, or {@code null} for a client-credentials token
 * @param clientId the client it was issued to
 * @param subject the resource owner, or the client id for a client-credentials token
 * @param scopes the token's scopes
 * @param issuedAt issue time
 * @param expiresAt expiry time; the token is valid in {@code [issuedAt, expiresAt)}
 * @param state active or revoked
 */
public record AccessTokenRecord(
    TokenHash tokenHash,
    String grantId,
    String clientId,
    String subject,
    Set<String> scopes,
    Instant issuedAt,
    Instant expiresAt,
    AccessTokenState state) {

  public AccessTokenRecord {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(subject, "subject");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
  }

  /** True when the token is {@code ACTIVE} and {@code issuedAt <= now < expiresAt}. */
  public boolean isActiveAt(Instant now) {
    return state == AccessTokenState.ACTIVE && !now.isBefore(issuedAt) && now.isBefore(expiresAt);
  }
}
