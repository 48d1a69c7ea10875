package dev.keyway.spi.token;

import dev.keyway.spi.TokenHash;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stores grants (token families), access tokens and refresh tokens, each keyed by a SHA-256 hash;
 * no token is ever stored in plaintext.
 *
 * <p>Every state transition is one method, and each is atomic: a JDBC store implements it with one
 * short transaction whose first statement is a conditional {@code UPDATE} on the grant row (so that
 * a rotation and a revocation of one family serialise), checked by row count. No method may leave
 * half of its writes behind when it fails.
 *
 * <p>Implementations must be thread-safe and correct when several servers share the backing store.
 */
public interface TokenStore {

  /**
   * Atomically stores a new grant with its first access token and, unless {@code refreshToken} is
   * {@code null}, its first refresh token. Either all are stored or none.
   */
  void createGrant(
      GrantRecord grant, AccessTokenRecord accessToken, RefreshTokenRecord refreshToken);

  /**
   * Stores an access token that belongs to no grant (client credentials). The engine passes a token
   * it has just minted (256 random bits), so its hash is new; a store need not look it up first,
   * but must never let a second record with a stored hash replace or shadow the first: refusing the
   * write (a unique key) and failing closed (revoking the stored token) are both acceptable.
   */
  void saveAccessToken(AccessTokenRecord accessToken);

  /** The access token with this hash in any state, or empty. */
  Optional<AccessTokenRecord> findAccessToken(TokenHash tokenHash);

  /** The refresh token with this hash in any state, or empty. */
  Optional<RefreshTokenRecord> findRefreshToken(TokenHash tokenHash);

  /** The grant with this id in any state, or empty. */
  Optional<GrantRecord> findGrant(String grantId);

  /**
   * Atomically exchanges the refresh token {@code presented} for {@code successor}: if the token is
   * {@code ACTIVE}, not expired at {@code now}, and its grant is {@code ACTIVE} and not expired,
   * marks it {@code ROTATED} (recording {@code now} and the successor's hash), stores {@code
   * successor} and {@code accessToken}, and updates the grant's {@code lastUsedAt}. Otherwise
   * writes nothing and says why. Of any number of concurrent calls for one token, across every
   * server, exactly one returns {@link RotateResult.Rotated}.
   */
  RotateResult rotate(
      TokenHash presented,
      RefreshTokenRecord successor,
      AccessTokenRecord accessToken,
      Instant now);

  /**
   * Revokes one access token ({@code ACTIVE → REVOKED}). Returns true when this call changed it.
   */
  boolean revokeAccessToken(TokenHash tokenHash);

  /**
   * Revokes a grant and every access and refresh token in it, atomically, so that a concurrent
   * {@link #rotate} either completes before (and its tokens are revoked too) or fails. Returns true
   * when the grant was active. Idempotent.
   */
  boolean revokeGrant(String grantId);

  /**
   * Revokes every grant of this user with this client, and their tokens. Returns how many grants
   * were revoked.
   */
  int revokeGrants(String subject, String clientId);

  /** Revokes every grant of this user with any client, and their tokens ("sign out everywhere"). */
  int revokeGrantsOfSubject(String subject);

  /**
   * Revokes every grant of this client and every access token issued to it, including
   * client-credentials tokens. Returns how many grants and grant-less tokens were revoked.
   */
  int revokeAllOfClient(String clientId);

  /** The active grants of this user, oldest first. */
  List<GrantRecord> findActiveGrantsOfSubject(String subject, Instant now);

  /**
   * Removes at most {@code limit} expired items: access tokens whose {@code expiresAt} is before
   * {@code before}, and grants (with all their refresh and access tokens) whose {@code expiresAt}
   * is before {@code before}. A rotated refresh token is kept as long as its grant lives, so reuse
   * is still detected. Returns how many rows or entries were removed. Safe to run concurrently.
   */
  int purgeExpired(Instant before, int limit);
}
