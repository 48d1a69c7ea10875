package dev.keyway.store.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Keys ordered by expiry, so purging touches only what has expired: each purge does work
 * proportional to what it removes, never a scan of the whole store. Every {@value #PURGE_EVERY}
 * writes, the writing thread purges up to {@value #PURGE_BATCH} expired entries: more than were
 * written in between, so a backlog drains and a store of abandoned entries stays bounded.
 */
final class ExpiryQueue<K> {

  static final int PURGE_EVERY = 256;
  static final int PURGE_BATCH = 2 * PURGE_EVERY;

  private record Entry<K>(Instant expiresAt, K key) {}

  private final PriorityBlockingQueue<Entry<K>> queue =
      new PriorityBlockingQueue<>(64, (a, b) -> a.expiresAt.compareTo(b.expiresAt));
  private final AtomicLong writes = new AtomicLong();
  private final Clock clock;

  ExpiryQueue(Clock clock) {
    this.clock = clock;
  }

  /** Registers a key's expiry; returns true when the caller should purge now. */
  boolean add(K key, Instant expiresAt) {
    queue.add(new Entry<>(expiresAt, key));
    return writes.incrementAndGet() % PURGE_EVERY == 0;
  }

  /**
   * Removes up to {@code limit} keys that expired before {@code before}, calling {@code remover}
   * for each; {@code remover} returns true when it removed something. Returns that count.
   */
  int purge(Instant before, int limit, Predicate<K> remover) {
    int removed = 0;
    int polled = 0;
    while (polled < limit) {
      Entry<K> head = queue.poll();
      if (head == null) {
        break;
      }
      if (!head.expiresAt.isBefore(before)) {
        queue.add(head);
        break;
      }
      polled++;
      if (remover.test(head.key)) {
        removed++;
      }
    }
    return removed;
  }

  Instant now() {
    return clock.instant();
  }
}
