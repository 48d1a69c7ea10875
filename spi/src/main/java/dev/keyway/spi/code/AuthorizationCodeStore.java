package dev.keyway.spi.code;

import dev.keyway.spi.TokenHash;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores authorization codes by the SHA-256 hash of the code. Implementations must be thread-safe,
 * and safe when several servers share one backing store.
 *
 * <p>The engine reads a code with {@link #find} to check its bindings (client, redirect URI, PKCE),
 * and only then calls {@link #redeem}, so a forged request cannot burn a legitimate user's code.
 * The redemption itself is one atomic operation that decides the single winner.
 */
public interface AuthorizationCodeStore {

  /** Stores a newly issued code (state {@link CodeState#ISSUED}). */
  void save(AuthorizationCodeRecord code);

  /** The code with this hash in whatever state it is, or empty. Never changes anything. */
  Optional<AuthorizationCodeRecord> find(TokenHash codeHash);

  /**
   * Atomically moves the code from {@code ISSUED} to {@code REDEEMED} if it is issued and {@code
   * now < expiresAt}. Of any number of concurrent calls for one code, across every server sharing
   * the store, exactly one returns {@link RedeemResult.Redeemed}; the others return {@link
   * RedeemResult.AlreadyRedeemed}. A JDBC store implements this with one conditional {@code UPDATE
   * ... WHERE code_hash = ? AND state = 'ISSUED' AND expires_at > ?} checked by its row count.
   */
  RedeemResult redeem(TokenHash codeHash, Instant now);

  /**
   * Removes at most {@code limit} codes whose {@code expiresAt} is before {@code before}, and
   * returns how many were removed. Safe to call from several servers at once.
   */
  int purgeExpired(Instant before, int limit);
}
