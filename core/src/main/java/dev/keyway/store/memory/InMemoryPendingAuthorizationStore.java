package dev.keyway.store.memory;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.code.PendingAuthorization;
import dev.keyway.spi.code.PendingAuthorizationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe {@link PendingAuthorizationStore} in memory; {@link #take} is atomic ({@link
 * ConcurrentHashMap#remove}). Expired entries are purged automatically, so abandoned requests
 * cannot grow it without bound.
 */
public final class InMemoryPendingAuthorizationStore implements PendingAuthorizationStore {

  private final ConcurrentHashMap<TokenHash, PendingAuthorization> pending =
      new ConcurrentHashMap<>();
  private final ExpiryQueue<TokenHash> expiries;

  /**
   * @param clock the same clock the server uses; automatic purging measures time by it
   */
  public InMemoryPendingAuthorizationStore(Clock clock) {
    this.expiries = new ExpiryQueue<>(clock);
  }

  @Override
  public void save(PendingAuthorization p) {
    if (pending.putIfAbsent(p.idHash(), p) != null) {
      throw new IllegalStateException("a pending authorization with this id already exists");
    }
    if (expiries.add(p.idHash(), p.expiresAt())) {
      purgeExpired(expiries.now(), ExpiryQueue.PURGE_BATCH);
    }
  }

  @Override
  public Optional<PendingAuthorization> find(TokenHash idHash, Instant now) {
    PendingAuthorization p = pending.get(idHash);
    return p == null || p.isExpiredAt(now) ? Optional.empty() : Optional.of(p);
  }

  @Override
  public Optional<PendingAuthorization> take(TokenHash idHash, Instant now) {
    PendingAuthorization p = pending.remove(idHash);
    return p == null || p.isExpiredAt(now) ? Optional.empty() : Optional.of(p);
  }

  @Override
  public int purgeExpired(Instant before, int limit) {
    return expiries.purge(
        before,
        limit,
        hash -> {
          PendingAuthorization p = pending.get(hash);
          return p != null && p.expiresAt().isBefore(before) && pending.remove(hash, p);
        });
  }

  /** How many requests are pending (for tests and monitoring). */
  public int size() {
    return pending.size();
  }
}
