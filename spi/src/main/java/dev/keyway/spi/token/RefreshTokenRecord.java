package dev.keyway.spi.token;

import dev.keyway.spi.TokenHash;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A stored refresh token, keyed by the SHA-256 hash of the token.
 *
 * @param tokenHash the lookup key
 * @param grantId the family
 * @param clientId the client it was issued to
 * @param subject the resource owner
 * @param scopes the scopes of the grant (a narrowed refresh keeps these for the successor)
 * @param issuedAt issue time
 * @param expiresAt expiry time, never after the grant's {@code expiresAt}
 * @param state active, rotated or revoked
 * @param rotatedAt when it was rotated, or {@code null}
 * @param successorHash the hash of the refresh token that replaced it, or {@code null}
 */
public record RefreshTokenRecord(
    TokenHash tokenHash,
    String grantId,
    String clientId,
    String subject,
    Set<String> scopes,
    Instant issuedAt,
    Instant expiresAt,
    RefreshTokenState state,
    Instant rotatedAt,
    TokenHash successorHash) {

  public RefreshTokenRecord {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(grantId, "grantId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(subject, "subject");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
  }

  /** True when {@code now >= expiresAt}. */
  public boolean isExpiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /** The same record, rotated at {@code when} in favour of {@code successor}. */
  public RefreshTokenRecord rotated(Instant when, TokenHash successor) {
    return new RefreshTokenRecord(
        tokenHash,
        grantId,
        clientId,
        subject,
        scopes,
        issuedAt,
        expiresAt,
        RefreshTokenState.ROTATED,
        when,
        successor);
  }

  /** The same record, revoked. */
  public RefreshTokenRecord revoked() {
    return new RefreshTokenRecord(
        tokenHash,
        grantId,
        clientId,
        subject,
        scopes,
        issuedAt,
        expiresAt,
        RefreshTokenState.REVOKED,
        rotatedAt,
        successorHash);
  }
}
