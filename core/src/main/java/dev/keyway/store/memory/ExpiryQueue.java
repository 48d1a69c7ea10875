package dev.keyway.store.memory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Keys in the order they expire, so purging touches only what has expired: each purge does work
 * proportional to what it removes, never a scan of the whole store. Every {@value #PURGE_EVERY}
 * writes, the writing thread purges up to {@value #PURGE_BATCH} expired entries: more than were
 * written in between, so a backlog drains and a store of abandoned entries stays bounded.
 *
 * <p>Entries are kept in lock-free FIFO queues, one per lifetime (rounded to the second): within
 * one lifetime, the order of writing is the order of expiry, so the head of each queue is always
 * the next to expire there and adding costs O(1) without a lock. A store sees only a handful of
 * distinct lifetimes (the server's and a few per-client overrides), and a long-lived entry never
 * holds back the purging of short-lived ones written after it.
 */
final class ExpiryQueue<K> {

  static final int PURGE_EVERY = 256;
  static final int PURGE_BATCH = 2 * PURGE_EVERY;

  private record Entry<K>(Instant expiresAt, K key) {}

  private final Map<Long, Queue<Entry<K>>> byLifetime = new ConcurrentHashMap<>();
  private final AtomicLong writes = new AtomicLong();
  private final Clock clock;

  ExpiryQueue(Clock clock) {
    this.clock = clock;
  }

  /** Registers a key's expiry; returns true when the caller should purge now. */
  boolean add(K key, Instant expiresAt) {
    long lifetime = Math.max(0, expiresAt.getEpochSecond() - clock.instant().getEpochSecond());
    byLifetime
        .computeIfAbsent(lifetime, l -> new ConcurrentLinkedQueue<>())
        .add(new Entry<>(expiresAt, key));
    return writes.incrementAndGet() % PURGE_EVERY == 0;
  }

  /**
   * Removes up to {@code limit} keys that expired before {@code before}, calling {@code remover}
   * for each; {@code remover} returns true when it removed something. Returns that count.
   */
  int purge(Instant before, int limit, Predicate<K> remover) {
    int removed = 0;
    int polled = 0;
    for (Queue<Entry<K>> queue : byLifetime.values()) {
      while (polled < limit) {
        Entry<K> head = queue.peek();
        if (head == null || !head.expiresAt.isBefore(before)) {
          break;
        }
        Entry<K> taken = queue.poll();
        if (taken == null) {
          break;
        }
        if (!taken.expiresAt.isBefore(before)) {
          queue.add(taken); // a concurrent purge took the expired head first; keep this one
          break;
        }
        polled++;
        if (remover.test(taken.key)) {
          removed++;
        }
      }
    }
    return removed;
  }

  Instant now() {
    return clock.instant();
  }
}
