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
   * ... WHERE code_hash = ? AND state = 'ISSUED' AND expires_at > ?} checked by its row count. A
   * code in state {@code REDEEMED} or {@code REPLAYED} gives {@link RedeemResult.AlreadyRedeemed},
   * expired or not.
   */
  RedeemResult redeem(TokenHash codeHash, Instant now);

  /**
   * Atomically moves the code from {@code REDEEMED} to {@code REPLAYED}; idempotent. Returns true
   * when this call changed it, false when the code is already {@code REPLAYED}, still {@code
   * ISSUED} (unchanged), or unknown. Expiry does not matter. A JDBC store implements this with one
   * conditional {@code UPDATE ... SET state = 'REPLAYED' WHERE code_hash = ? AND state =
   * 'REDEEMED'}.
   *
   * <p>The engine calls it when a fully bound request presents a redeemed code, <em>before</em> it
   * revokes the grant issued from the code; the request that redeemed the code reads the code again
   * <em>after</em> it stored that grant, and revokes the grant itself if it finds {@code REPLAYED}.
   * Each side writes, then reads what the other writes, so whichever order the two run in, on one
   * server or several sharing the store, one of them sees the other's write and the grant ends
   * revoked. That requires only what every store already promises: a call that returned is seen by
   * every call that starts after it, from any server.
   */
  boolean markReplayed(TokenHash codeHash);

  /**
   * Removes at most {@code limit} codes whose {@code expiresAt} is before {@code before}, and
   * returns how many were removed. Safe to call from several servers at once.
   */
  int purgeExpired(Instant before, int limit);
}
