package dev.keyway.spi.client;

import dev.keyway.spi.TokenHash;
import java.time.Instant;

/**
 * Remembers the {@code jti} of every client assertion ({@code private_key_jwt}, RFC 7523 §3 item 7)
 * until the assertion expires, so that a captured assertion cannot be replayed, also on another
 * server sharing the store. Keyed by the SHA-256 hash of the {@code jti}, never the value.
 *
 * <p>Implementations must be thread-safe and correct when several servers share the backing store.
 */
public interface AssertionReplayStore {

  /**
   * Atomically records that {@code clientId} used the assertion whose {@code jti} hashes to {@code
   * jtiHash}, which is valid until {@code expiresAt}. Returns true when this call recorded it (the
   * assertion is fresh), false when the same client already used it and that record has not expired
   * at {@code now} (a replay). Of any number of concurrent calls with the same hash and client,
   * across every server, exactly one returns true. A record whose {@code expiresAt} is not after
   * {@code now} counts as absent (and is replaced).
   */
  boolean markUsed(TokenHash jtiHash, String clientId, Instant expiresAt, Instant now);

  /**
   * Removes records that expired before {@code before}; returns how many. Safe to run concurrently.
   */
  int purgeExpired(Instant before);
}
