package dev.keyway.spi.token;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One authorization a user gave a client: the family of refresh and access tokens that descends
 * from one authorization code. Revoking the grant revokes the whole family.
 *
 * @param grantId the family id (not secret)
 * @param clientId the client
 * @param subject the resource owner
 * @param scopes the scopes the user granted; refreshes may narrow, never widen, them
 * @param authTime when the user authenticated, or {@code null}
 * @param createdAt when the code was redeemed and the family began
 * @param expiresAt the absolute end of the family: no refresh token outlives it
 * @param lastUsedAt the last issuance or refresh in this family
 * @param state active or revoked
 */
public record GrantRecord(
    String grantId,
    String clientId,
    String subject,
    Set<String> scopes,
    Instant authTime,
    Instant createdAt,
    Instant expiresAt,
    Instant lastUsedAt,
    GrantState state) {

  public GrantRecord {
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(subject, "subject");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    Objects.requireNonNull(state, "state");
  }

  /** True when {@code now >= expiresAt}. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
