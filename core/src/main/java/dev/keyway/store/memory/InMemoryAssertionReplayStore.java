package dev.keyway.store.memory;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.AssertionReplayStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe {@link AssertionReplayStore} in memory: right for one server instance. Several
 * instances need a shared store ({@code JdbcAssertionReplayStore}), or an assertion refused by one
 * could be replayed against another. Expired records are purged automatically by the writing
 * threads, in small batches.
 */
public final class InMemoryAssertionReplayStore implements AssertionReplayStore {

  private record Key(String clientId, TokenHash jtiHash) {}

  private final ConcurrentHashMap<Key, Instant> used = new ConcurrentHashMap<>();
  private final ExpiryQueue<Key> expiries;

  /**
   * @param clock the server's clock; automatic purging measures time by it
   */
  public InMemoryAssertionReplayStore(Clock clock) {
    this.expiries = new ExpiryQueue<>(clock);
  }

  @Override
  public boolean markUsed(TokenHash jtiHash, String clientId, Instant expiresAt, Instant now) {
    Objects.requireNonNull(jtiHash, "jtiHash");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(now, "now");
    Key key = new Key(clientId, jtiHash);
    boolean[] fresh = {false};
    used.compute(
        key,
        (k, existing) -> {
          if (existing != null && existing.isAfter(now)) {
            return existing;
          }
          fresh[0] = true;
          return expiresAt;
        });
    if (fresh[0] && expiries.add(key, expiresAt)) {
      purgeExpired(expiries.now(), ExpiryQueue.PURGE_BATCH);
    }
    return fresh[0];
  }

  @Override
  public int purgeExpired(Instant before) {
    return purgeExpired(before, Integer.MAX_VALUE);
  }

  private int purgeExpired(Instant before, int limit) {
    return expiries.purge(
        before,
        limit,
        key -> {
          Instant expiresAt = used.get(key);
          return expiresAt != null && expiresAt.isBefore(before) && used.remove(key, expiresAt);
        });
  }

  /** How many records are held (for tests and metrics). */
  public int size() {
    return used.size();
  }
}
