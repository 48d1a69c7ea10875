package dev.keyway.store.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One of the {@value AccessTokenTable#SEGMENTS} open-addressing tables of an {@link
 * AccessTokenTable}: linear probing over {@code capacity} slots of {@value #STRIDE} longs in {@link
 * #slots} and one {@link AccessTokenTable.Shape} each in {@link #shapes}, with a clock hand for
 * sweeps; {@link AccessTokenTable} describes the layout, the expiry and the memory bound. Every
 * method runs under the segment's monitor: the table takes it around each call and each read or
 * write of the fields.
 */
final class TableSegment {

  /**
   * Longs per slot: the metadata word, the four key words, the two times and the shape number; 64
   * bytes, one cache line.
   */
  static final int STRIDE = 8;

  // Offsets in a slot. The metadata word comes first, next to the key words a probe compares, so
  // that a probe mostly touches one cache line.
  static final int META = 0;
  static final int KEY = 1;
  static final int EXPIRES_SECONDS = 5;
  static final int ISSUED_SECONDS = 6;
  static final int SHAPE_ID = 7;

  /**
   * Unused longs before the first slot. A large array is allocated by G1 at the start of a region
   * (cache-line aligned), and its elements start 16 bytes in; 6 more longs put every slot on a
   * cache line of its own, so that a probe reads one line, not two. Elsewhere it costs 48 bytes.
   */
  static final int BASE = 6;

  /** Expiry hints are seconds from this epoch second (2023-11-14), clamped to an int. */
  private static final long HINT_BASE = 1_700_000_000L;

  /** The hint of an empty slot: later than any second a sweep compares, so never expired. */
  private static final int NO_HINT = Integer.MAX_VALUE;

  /** Hints hold seconds in their upper 31 bits, clamped below this (NO_HINT's seconds). */
  private static final long MAX_HINT_SECONDS = (1L << 30) - 2;

  /** The low bit of a hint: the slot's shape is in {@link #shapes} (it may belong to a family). */
  private static final int OWN_SHAPE = 1;

  // The metadata word; 0 in an empty slot. Nanoseconds are below 10^9 < 2^30.
  static final long OCCUPIED = 1L << 63;
  static final long REVOKED = 1L << 62;
  static final int EXTRA_SHIFT = 60;
  static final int ISSUED_NANOS_SHIFT = 30;
  static final long NANOS_MASK = (1L << 30) - 1;

  static final int MIN_CAPACITY = 16;

  /** 2^27 slots of 8 longs still index an array. */
  private static final int MAX_CAPACITY = 1 << 27;

  /** {@link #STRIDE} longs per slot, from {@link #BASE}; see {@link #at}. */
  long[] slots;

  /**
   * The {@link AccessTokenTable.Shape} of each occupied slot whose shape is not interned (its
   * {@link #SHAPE_ID} word is {@link ShapeInterner#NONE}); {@code null} in every other slot, so
   * that client-credentials tokens store no reference at all.
   */
  Object[] shapes;

  /**
   * Per slot, its expiry second and whether its shape is its own ({@link #hint}), or {@link
   * #NO_HINT} when empty: 4 bytes a sweep can scan instead of the whole 64-byte slot, and all it
   * reads of a client-credentials token it removes.
   */
  private int[] expiryHints;

  /** The capacity (a power of two) minus one. */
  int mask;

  /** Occupied slots, expired ones not yet removed included. */
  int size;

  /** Insertions with sweep left before the next batched sweep; see {@link AccessTokenTable}. */
  int untilSweep = 1;

  /** The most slots a sweep reads ahead: one insertion's batch. */
  private static final int PREFETCH_SLOTS =
      AccessTokenTable.SWEEP_WIDTH * AccessTokenTable.SWEEP_EVERY;

  /** Written by {@link #prefetchExpired} so that its reads are not optimised away; never read. */
  @SuppressWarnings("unused")
  private long prefetched;

  /** The clock hand: the next slot a sweep examines. */
  private int hand;

  /** Grant ids of the family tokens dropped since {@link #takeEvicted}, or {@code null}. */
  private List<String> evicted;

  TableSegment() {
    allocate(MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    slots = new long[BASE + capacity * STRIDE];
    shapes = new Object[capacity];
    expiryHints = new int[capacity];
    Arrays.fill(expiryHints, NO_HINT);
    mask = capacity - 1;
    size = 0;
    hand = 0;
  }

  /** Where slot {@code i} starts in {@link #slots}. */
  static int at(int i) {
    return BASE + i * STRIDE;
  }

  /** The slot holding this key, or -1. */
  int find(TokenHashKey.Key key) {
    int probe = probe(key);
    return probe >= 0 ? probe : -1;
  }

  /**
   * The slot holding this key, or, when it is absent, {@code -(free + 1)} where {@code free} is the
   * empty slot that ended the probe: where the key would be inserted.
   */
  int probe(TokenHashKey.Key key) {
    long k0 = key.k0();
    long k1 = key.k1();
    long k2 = key.k2();
    long k3 = key.k3();
    long extra = key.extra();
    for (int i = (int) key.hash() & mask; ; i = (i + 1) & mask) {
      int b = at(i);
      long meta = slots[b + META];
      if (meta == 0) {
        return -i - 1;
      }
      if (slots[b + KEY] == k0
          && slots[b + KEY + 1] == k1
          && slots[b + KEY + 2] == k2
          && slots[b + KEY + 3] == k3
          && ((meta >>> EXTRA_SHIFT) & 3) == extra) {
        return i;
      }
    }
  }

  /** The first empty slot of this hash's probe sequence; the segment is never full. */
  private int freeSlot(long hash) {
    int i = (int) hash & mask;
    while (slots[at(i) + META] != 0) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** Fills the empty slot {@code i}, which {@link #probe} returned for this key. */
  void put(
      int i,
      TokenHashKey.Key key,
      long issuedSeconds,
      long expiresSeconds,
      long meta,
      ShapeInterner.Handle shape) {
    int b = at(i);
    slots[b + KEY] = key.k0();
    slots[b + KEY + 1] = key.k1();
    slots[b + KEY + 2] = key.k2();
    slots[b + KEY + 3] = key.k3();
    slots[b + ISSUED_SECONDS] = issuedSeconds;
    slots[b + EXPIRES_SECONDS] = expiresSeconds;
    slots[b + SHAPE_ID] = shape.id();
    slots[b + META] = meta;
    if (shape.id() == ShapeInterner.NONE) {
      shapes[i] = shape.shape();
    }
    expiryHints[i] = hint(expiresSeconds, shape.id() == ShapeInterner.NONE);
    size++;
  }

  /** The shape of the occupied slot {@code i}. */
  AccessTokenTable.Shape shapeAt(int i, ShapeInterner interner) {
    int id = (int) slots[at(i) + SHAPE_ID];
    return id == ShapeInterner.NONE ? (AccessTokenTable.Shape) shapes[i] : interner.byId(id);
  }

  /** Where the entry in slot {@code i} would be, were there no collisions. */
  private int home(int i) {
    int b = at(i);
    long extra = (slots[b + META] >>> EXTRA_SHIFT) & 3;
    return (int)
            TokenHashKey.mix(
                slots[b + KEY], slots[b + KEY + 1], slots[b + KEY + 2], slots[b + KEY + 3], extra)
        & mask;
  }

  /**
   * Empties slot {@code i} and moves back every later entry of its cluster that may fill the hole
   * (its home is not between the hole and itself), so lookups need no tombstones.
   */
  void removeAt(int i) {
    int hole = i;
    for (int j = (i + 1) & mask; slots[at(j) + META] != 0; j = (j + 1) & mask) {
      if (((j - home(j)) & mask) >= ((j - hole) & mask)) {
        System.arraycopy(slots, at(j), slots, at(hole), STRIDE);
        shapes[hole] = shapes[j];
        expiryHints[hole] = expiryHints[j];
        hole = j;
      }
    }
    slots[at(hole) + META] = 0L; // the rest of an empty slot is never read
    shapes[hole] = null;
    expiryHints[hole] = NO_HINT;
    size--;
  }

  /**
   * Examines up to {@code examinations} slots at the hand, removing those that expired before the
   * given instant, at most {@code maxRemovals} of them; returns how many it removed. The hand stays
   * on a slot it emptied (a later entry may have moved into it), so in {@code capacity}
   * examinations without removal it passes every slot once.
   */
  int sweep(long seconds, int nanos, int examinations, int maxRemovals) {
    int removed = 0;
    int now = hint(seconds, false) >> 1;
    // Read ahead only what fits in cache until the removals use it: a purge examines a whole
    // segment, and reading all of it first would only miss twice.
    prefetchExpired(now, Math.min(Math.min(examinations, PREFETCH_SLOTS), mask + 1));
    for (int n = 0; n < examinations && removed < maxRemovals; n++) {
      int hint = expiryHints[hand];
      int expiry = hint >> 1;
      if (expiry < now || (expiry == now && expiredAt(hand, seconds, nanos))) {
        if ((hint & OWN_SHAPE) != 0) {
          noteEviction(shapes, hand);
        }
        removeAt(hand);
        removed++;
      } else {
        hand = (hand + 1) & mask;
      }
    }
    return removed;
  }

  /**
   * Reads the first word of each slot among the next {@code count} at the hand whose hint says it
   * may have expired, and of the slot after it (where its removal starts shifting the cluster),
   * before the sweep removes them: these reads are independent of each other, so the processor
   * overlaps their cache misses instead of waiting for each in turn, as the removals would (each
   * one's work depends on what it read). Changes nothing.
   */
  private void prefetchExpired(int now, int count) {
    long touched = 0;
    for (int n = 0, i = hand; n < count; n++, i = (i + 1) & mask) {
      if ((expiryHints[i] >> 1) <= now) {
        touched += slots[at(i) + META] + slots[at((i + 1) & mask) + META];
      }
    }
    prefetched = touched;
  }

  /**
   * An epoch second as the int a sweep compares, {@link #OWN_SHAPE} in the low bit: seconds from
   * {@link #HINT_BASE}, clamped to ±{@link #MAX_HINT_SECONDS}, in the upper 31 bits. Seconds below
   * now's mean expired; equal seconds (the same second, or both clamped) need the exact check; a
   * slot whose seconds are above is not expired.
   */
  private static int hint(long epochSecond, boolean ownShape) {
    long relative =
        Math.max(-MAX_HINT_SECONDS, Math.min(MAX_HINT_SECONDS, epochSecond - HINT_BASE));
    return (int) (relative << 1) | (ownShape ? OWN_SHAPE : 0);
  }

  /** True when the occupied slot {@code i} expired before the given instant. */
  private boolean expiredAt(int i, long seconds, int nanos) {
    int b = at(i);
    return isBefore(slots[b + EXPIRES_SECONDS], slots[b + META] & NANOS_MASK, seconds, nanos);
  }

  /** True when adding {@code adding} entries makes it over half full, or it is under 1/8 full. */
  boolean needsRebuild(int adding) {
    int capacity = mask + 1;
    return 2L * (size + adding) > capacity
        || (capacity > MIN_CAPACITY && 8L * (size + adding) < capacity);
  }

  /**
   * Rehashes into the smallest capacity of which the unexpired entries plus {@code adding} fill at
   * most 3/8, dropping the expired ones.
   */
  void rebuild(long seconds, int nanos, int adding) {
    long[] oldSlots = slots;
    Object[] oldShapes = shapes;
    int live = 0;
    for (int i = 0; i < oldShapes.length; i++) {
      int b = at(i);
      long meta = oldSlots[b + META];
      if (meta != 0
          && !isBefore(oldSlots[b + EXPIRES_SECONDS], meta & NANOS_MASK, seconds, nanos)) {
        live++;
      }
    }
    int capacity = MIN_CAPACITY;
    while (capacity < MAX_CAPACITY && 8L * (live + adding) > 3L * capacity) {
      capacity <<= 1;
    }
    if (live + adding >= capacity) {
      throw new IllegalStateException("access token table is full");
    }
    allocate(capacity);
    for (int i = 0; i < oldShapes.length; i++) {
      int b = at(i);
      long meta = oldSlots[b + META];
      if (meta == 0) {
        continue;
      }
      if (isBefore(oldSlots[b + EXPIRES_SECONDS], meta & NANOS_MASK, seconds, nanos)) {
        noteEviction(oldShapes, i);
        continue;
      }
      long hash =
          TokenHashKey.mix(
              oldSlots[b + KEY],
              oldSlots[b + KEY + 1],
              oldSlots[b + KEY + 2],
              oldSlots[b + KEY + 3],
              (meta >>> EXTRA_SHIFT) & 3);
      int to = freeSlot(hash);
      System.arraycopy(oldSlots, b, slots, at(to), STRIDE);
      shapes[to] = oldShapes[i];
      expiryHints[to] = hint(oldSlots[b + EXPIRES_SECONDS], oldShapes[i] != null);
      size++;
    }
  }

  /**
   * Remembers the grant id of a family token being dropped, to report it after unlocking. Interned
   * shapes are those of client-credentials tokens, which belong to no family.
   */
  private void noteEviction(Object[] tableShapes, int i) {
    AccessTokenTable.Shape shape = (AccessTokenTable.Shape) tableShapes[i];
    String grantId = shape == null ? null : shape.grantId();
    if (grantId != null) {
      if (evicted == null) {
        evicted = new ArrayList<>();
      }
      evicted.add(grantId);
    }
  }

  /** The grant ids noted since the last call, or {@code null}; to report without the monitor. */
  List<String> takeEvicted() {
    List<String> out = evicted;
    evicted = null;
    return out;
  }

  /** Whether {@code seconds.nanos} is strictly before {@code thanSeconds.thanNanos}. */
  private static boolean isBefore(long seconds, long nanos, long thanSeconds, int thanNanos) {
    return seconds < thanSeconds || (seconds == thanSeconds && nanos < thanNanos);
  }
}
