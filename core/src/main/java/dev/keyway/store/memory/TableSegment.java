package dev.keyway.store.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the {@value AccessTokenTable#SEGMENTS} segments of an {@link AccessTokenTable}: a log of
 * tokens in the order they were inserted, and an index from key to place in the log.
 *
 * <p><b>The log</b> is a ring of {@code capacity} records of {@value #STRIDE} longs in {@link
 * #slots} (and one {@link AccessTokenTable.Shape} each in {@link #shapes}, for the records whose
 * shape is not interned). Record number {@code n} (a sequence number that only grows, modulo 2^32)
 * lives in ring position {@code n & mask}; the records from {@link #tail} (inclusive) to {@link
 * #head} (exclusive) are the window, and a record in it with a zero metadata word was removed. New
 * records are appended at the head, and expiry moves the tail: tokens of one lifetime expire in the
 * order they were issued, so a sweep reads the oldest records one after the other and drops them
 * without looking anything up. Memory is written and read in order at both ends, which the
 * processor prefetches, instead of at a random place per removal.
 *
 * <p><b>The index</b> is an open-addressing table of longs with linear probing, twice the log's
 * capacity: an entry holds 32 bits of the key's hash (never zero) and the record's sequence number.
 * An entry whose number is outside the window is dead: the tail passing a record kills its entry
 * without touching it, and {@link #remove} kills one by moving its number behind the tail. An
 * insertion reuses the first dead entry its probe passes. A lookup compares the 32 bits first and
 * reads the record only when they match (for a new key, almost never), so an insertion reads one
 * cache line of the index and writes the head of the log: one cache miss where a table of records
 * took two or three. Dead entries are dropped when the segment is rebuilt. A fresh token ({@link
 * #append}) does not even wait for that miss: its entry is entered later with a batch of others,
 * whose misses overlap, before any lookup of the segment.
 *
 * <p>A record whose tail cannot pass (a token with a longer lifetime than those behind it) holds
 * the tail; the records behind it that expire are dropped by the rebuild that a full log causes, or
 * by {@link #purge}. Every method runs under the segment's monitor: the table takes it around each
 * call and each read or write of the fields.
 */
final class TableSegment {

  /**
   * Longs per record: the metadata word, the four key words, the two times and the shape number; 64
   * bytes, one cache line.
   */
  static final int STRIDE = 8;

  // Offsets in a record.
  static final int META = 0;
  static final int KEY = 1;
  static final int EXPIRES_SECONDS = 5;
  static final int ISSUED_SECONDS = 6;
  static final int SHAPE_ID = 7;

  /**
   * Unused longs before the first record. A large array is allocated by G1 at the start of a region
   * (cache-line aligned), and its elements start 16 bytes in; 6 more longs put every record on a
   * cache line of its own. Elsewhere it costs 48 bytes.
   */
  static final int BASE = 6;

  // The metadata word; 0 in an empty or removed record. Nanoseconds are below 10^9 < 2^30.
  static final long OCCUPIED = 1L << 63;
  static final long REVOKED = 1L << 62;
  static final int EXTRA_SHIFT = 60;
  static final int ISSUED_NANOS_SHIFT = 30;
  static final long NANOS_MASK = (1L << 30) - 1;

  static final int MIN_CAPACITY = 16;

  /** 2^27 records of 8 longs still index an array. */
  private static final int MAX_CAPACITY = 1 << 27;

  /** Records {@link #append} adds before their index entries are entered, as one batch. */
  static final int PENDING_BATCH = 16;

  /** Twice {@link #MAX_CAPACITY}: the index's length for a full log of the largest capacity. */
  private static final int MAX_INDEX_LENGTH = 2 * MAX_CAPACITY;

  /** The log: {@link #STRIDE} longs per record, from {@link #BASE}; see {@link #at}. */
  long[] slots;

  /**
   * The {@link AccessTokenTable.Shape} of each record whose shape is not interned (its {@link
   * #SHAPE_ID} word is {@link ShapeInterner#NONE}); {@code null} elsewhere, so that
   * client-credentials tokens store no reference at all.
   */
  Object[] shapes;

  /** The log's capacity (a power of two) minus one. */
  int mask;

  /** Records in the window that were not removed, expired ones not yet dropped included. */
  int size;

  /** Insertions with sweep left before the next batched sweep; see {@link AccessTokenTable}. */
  int untilSweep = 1;

  /** The sequence number of the oldest record in the window. */
  private int tail;

  /** The sequence number the next record gets. */
  private int head;

  /** Where {@link #purge} continues, a sequence number; clamped into the window when used. */
  private int purgeHand;

  /**
   * The index: {@code hashBits << 32 | sequence}, 0 when never used; twice the log's capacity when
   * the log is built, grown by a reindex to at least four times the live entries.
   */
  private long[] index;

  /** How many times {@link #reindex} ran: how a test sees the index's rebuild rate. */
  int reindexes;

  /** Entries of the index that are not 0 (live or dead). */
  private int indexUsed;

  /**
   * The index entries of the records {@link #append} added, not yet entered ({@link #pendingCount}
   * of them, in sequence order); {@link #enterPending} enters them as one batch.
   */
  private final long[] pending = new long[PENDING_BATCH];

  private int pendingCount;

  /**
   * What the batch's first pass read, kept so that the compiler cannot drop those reads; not
   * private for that reason alone.
   */
  long touched;

  /** Grant ids of the family tokens dropped since {@link #takeEvicted}, or {@code null}. */
  private List<String> evicted;

  TableSegment() {
    allocate(MIN_CAPACITY);
  }

  private void allocate(int capacity) {
    slots = new long[BASE + capacity * STRIDE];
    shapes = new Object[capacity];
    index = new long[2 * capacity];
    indexUsed = 0;
    mask = capacity - 1;
    size = 0;
    tail = 0;
    head = 0;
    purgeHand = 0;
  }

  /** Where ring position {@code i} starts in {@link #slots}. */
  /** The index's length in entries (8 bytes each). */
  int indexLength() {
    return index.length;
  }

  static int at(int i) {
    return BASE + i * STRIDE;
  }

  /**
   * The 32 bits of the key's hash that an index entry keeps: its upper half, with the top bit
   * (which is the same for every key of a segment: it picked the segment) set so that it is never
   * 0.
   */
  private static long hashBits(long hash) {
    return (hash >>> 32) | 0x8000_0000L;
  }

  /** Where the probe for a key with these {@link #hashBits} starts in an index of this mask. */
  private static int home(long hashBits, int indexMask) {
    return (int) hashBits & indexMask;
  }

  /** Whether sequence number {@code n} is in the window. */
  private boolean inWindow(int n) {
    return Integer.compareUnsigned(n - tail, head - tail) < 0;
  }

  /** The ring position of the record with this key, or -1. */
  int find(TokenHashKey.Key key) {
    enterPending();
    int e = probe(key);
    return e >= 0 ? (int) index[e] & mask : -1;
  }

  /**
   * The index entry of the record with this key, or, when it is absent, {@code -(free + 1)} where
   * {@code free} is the entry an insertion of it would take: the first dead one of the probe, or
   * the unused one that ended it.
   */
  private int probe(TokenHashKey.Key key) {
    return probe(hashBits(key.hash()), key, -1);
  }

  /**
   * {@link #probe(TokenHashKey.Key)} for the key with these {@link #hashBits}: {@code key}, or,
   * when it is {@code null}, the key of the record at ring position {@code keyRecord}, read only
   * when an index entry has the same bits (for a fresh key, almost never).
   */
  private int probe(long bits, TokenHashKey.Key key, int keyRecord) {
    int indexMask = index.length - 1;
    int free = -1;
    for (int e = home(bits, indexMask); ; e = (e + 1) & indexMask) {
      long entry = index[e];
      if (entry == 0) {
        return -(free < 0 ? e : free) - 1;
      }
      int n = (int) entry;
      if (!inWindow(n)) {
        if (free < 0) {
          free = e;
        }
      } else if ((entry >>> 32) == bits) {
        if (key == null) {
          key = keyAt(keyRecord);
        }
        if (holds(n & mask, key)) {
          return e;
        }
      }
    }
  }

  /** Whether the record at ring position {@code i} is present and has this key. */
  private boolean holds(int i, TokenHashKey.Key key) {
    int b = at(i);
    long meta = slots[b + META];
    return meta != 0
        && slots[b + KEY] == key.k0()
        && slots[b + KEY + 1] == key.k1()
        && slots[b + KEY + 2] == key.k2()
        && slots[b + KEY + 3] == key.k3()
        && ((meta >>> EXTRA_SHIFT) & 3) == key.extra();
  }

  /**
   * Appends the token unless its key is present; false (and nothing changed) if it is. The caller
   * made room first ({@link #needsRebuild}).
   */
  boolean insert(
      TokenHashKey.Key key,
      long issuedSeconds,
      long expiresSeconds,
      long meta,
      ShapeInterner.Handle shape) {
    enterPending();
    int e = probe(key);
    if (e >= 0) {
      return false;
    }
    write(key.k0(), key.k1(), key.k2(), key.k3(), issuedSeconds, expiresSeconds, meta, shape);
    occupy(-e - 1, entryFor(key.hash()));
    head++;
    size++;
    return true;
  }

  /**
   * Appends the token without looking its key up: the caller guarantees a new key (a token of 256
   * fresh random bits). Its index entry waits with those of up to {@value #PENDING_BATCH} - 1 other
   * appended records and is entered with them ({@link #enterPending}), before any lookup of this
   * segment; a key found present then (which fresh random bits never produce) fails closed: the
   * stored token is revoked and the new one removed. The caller made room first ({@link
   * #needsRebuild}). The key comes as its four words and its {@link TokenHashKey#mix mixed} hash
   * (its extra bits are in {@code meta}), so that no key object is made for it.
   */
  void append(
      long k0,
      long k1,
      long k2,
      long k3,
      long hash,
      long issuedSeconds,
      long expiresSeconds,
      long meta,
      ShapeInterner.Handle shape) {
    write(k0, k1, k2, k3, issuedSeconds, expiresSeconds, meta, shape);
    pending[pendingCount++] = entryFor(hash);
    head++;
    size++;
    if (pendingCount == PENDING_BATCH) {
      enterPending();
    }
  }

  /** The index entry of the record the head is about to get. */
  private long entryFor(long hash) {
    return (hashBits(hash) << 32) | (head & 0xFFFF_FFFFL);
  }

  /**
   * Enters the pending index entries. A lookup each would wait for its own cache miss in a large
   * index, one after the other; here a first pass reads the home line of every entry, reads that do
   * not depend on one another and so overlap, and the second pass probes lines now in cache. An
   * entry whose record the tail already passed (it expired first) is dropped.
   */
  private void enterPending() {
    int count = pendingCount;
    if (count == 0) {
      return;
    }
    pendingCount = 0;
    long[] idx = index;
    int indexMask = idx.length - 1;
    long sum = 0;
    for (int k = 0; k < count; k++) {
      sum += idx[home(pending[k] >>> 32, indexMask)];
    }
    touched = sum;
    for (int k = 0; k < count; k++) {
      long entry = pending[k];
      int n = (int) entry;
      if (!inWindow(n)) {
        continue;
      }
      int e = probe(entry >>> 32, null, n & mask); // the entry's top half is its hash bits
      if (e >= 0) {
        failClosed((int) index[e] & mask, n & mask);
        continue;
      }
      occupy(-e - 1, entry);
    }
  }

  /** Puts {@code entry} in index entry {@code e}, unused or dead (a probe's free entry). */
  private void occupy(int e, long entry) {
    if (index[e] == 0) {
      indexUsed++;
    }
    index[e] = entry;
  }

  /**
   * A record appended with the key of the stored record at {@code stored}: two holders may now
   * present one token, so neither may use it. The stored record is revoked and the appended one
   * removed.
   */
  private void failClosed(int stored, int appended) {
    slots[at(stored) + META] |= REVOKED;
    noteEviction(shapes, appended);
    clear(appended);
  }

  /** The key of the record at ring position {@code i}. */
  private TokenHashKey.Key keyAt(int i) {
    int b = at(i);
    long extra = (slots[b + META] >>> EXTRA_SHIFT) & 3;
    return new TokenHashKey.Key(
        slots[b + KEY],
        slots[b + KEY + 1],
        slots[b + KEY + 2],
        slots[b + KEY + 3],
        extra,
        hashOf(slots, b));
  }

  /** Writes the record at the head; the caller then enters it or makes it pending. */
  private void write(
      long k0,
      long k1,
      long k2,
      long k3,
      long issuedSeconds,
      long expiresSeconds,
      long meta,
      ShapeInterner.Handle shape) {
    int i = head & mask;
    int b = at(i);
    slots[b + KEY] = k0;
    slots[b + KEY + 1] = k1;
    slots[b + KEY + 2] = k2;
    slots[b + KEY + 3] = k3;
    slots[b + ISSUED_SECONDS] = issuedSeconds;
    slots[b + EXPIRES_SECONDS] = expiresSeconds;
    slots[b + SHAPE_ID] = shape.id();
    slots[b + META] = meta;
    if (shape.id() == ShapeInterner.NONE) {
      shapes[i] = shape.shape();
    }
  }

  /** The shape of the present record at ring position {@code i}. */
  AccessTokenTable.Shape shapeAt(int i, ShapeInterner interner) {
    int id = (int) slots[at(i) + SHAPE_ID];
    return id == ShapeInterner.NONE ? (AccessTokenTable.Shape) shapes[i] : interner.byId(id);
  }

  /** Removes the record with this key; false if there is none. Notes no eviction. */
  boolean remove(TokenHashKey.Key key) {
    enterPending();
    int e = probe(key);
    if (e < 0) {
      return false;
    }
    clear((int) index[e] & mask);
    kill(e);
    return true;
  }

  /** Empties the present record at ring position {@code i}. */
  private void clear(int i) {
    slots[at(i) + META] = 0L; // the rest of a removed record is never read
    shapes[i] = null;
    size--;
  }

  /** Makes index entry {@code e} dead: its number moves just behind the tail. */
  private void kill(int e) {
    index[e] = (index[e] & 0xFFFF_FFFF_0000_0000L) | ((tail - 1) & 0xFFFF_FFFFL);
  }

  /**
   * Moves the tail past up to {@code examinations} records that are removed or expired before the
   * given instant, dropping at most {@code maxRemovals} expired ones; stops at the first record
   * that has not expired. Returns how many it dropped.
   */
  int sweep(long seconds, int nanos, int examinations, int maxRemovals) {
    int removed = 0;
    for (int n = 0; n < examinations && removed < maxRemovals && tail != head; n++) {
      int i = tail & mask;
      if (slots[at(i) + META] != 0) {
        if (!expiredAt(i, seconds, nanos)) {
          break;
        }
        noteEviction(shapes, i);
        clear(i);
        removed++;
      }
      tail++;
    }
    return removed;
  }

  /**
   * Drops up to {@code maxRemovals} records that expired before the given instant wherever they are
   * in the window, examining at most {@code examinations} records from where the last call stopped;
   * returns how many it dropped. A call that returns 0 with budget left examined the whole window.
   * Each drop looks its index entry up: purges are for maintenance, not the insertion path.
   */
  int purge(long seconds, int nanos, int examinations, int maxRemovals) {
    enterPending();
    int removed = 0;
    if (!inWindow(purgeHand)) {
      purgeHand = tail;
    }
    int start = purgeHand;
    for (int n = 0; n < examinations && removed < maxRemovals && head != tail; n++) {
      int i = purgeHand & mask;
      int b = at(i);
      if (slots[b + META] != 0 && expiredAt(i, seconds, nanos)) {
        noteEviction(shapes, i);
        kill(entryOf(purgeHand));
        clear(i);
        removed++;
      }
      purgeHand = purgeHand + 1 == head ? tail : purgeHand + 1;
      if (purgeHand == start) {
        break;
      }
    }
    return removed;
  }

  /** The index entry of the present record with sequence number {@code n}. */
  private int entryOf(int n) {
    int b = at(n & mask);
    long hash = hashOf(slots, b);
    int indexMask = index.length - 1;
    long bits = hashBits(hash);
    for (int e = home(bits, indexMask); index[e] != 0; e = (e + 1) & indexMask) {
      if ((int) index[e] == n && (index[e] >>> 32) == bits) {
        return e;
      }
    }
    throw new IllegalStateException("a record in the window has no index entry");
  }

  /** The mixed hash of the key of the record starting at {@code b}. */
  private static long hashOf(long[] log, int b) {
    return TokenHashKey.mix(
        log[b + KEY],
        log[b + KEY + 1],
        log[b + KEY + 2],
        log[b + KEY + 3],
        (log[b + META] >>> EXTRA_SHIFT) & 3);
  }

  /** True when the present record at ring position {@code i} expired before the given instant. */
  private boolean expiredAt(int i, long seconds, int nanos) {
    int b = at(i);
    return isBefore(slots[b + EXPIRES_SECONDS], slots[b + META] & NANOS_MASK, seconds, nanos);
  }

  /**
   * True when appending {@code adding} records would overfill the log or leave the index over half
   * used, or when the records fill less than 1/8 of the log.
   */
  boolean needsRebuild(int adding) {
    return logNeedsRebuild(adding) || 2L * (indexUsed + pendingCount + adding) > index.length;
  }

  /** True when appending {@code adding} records would overfill the log, or it is under 1/8 full. */
  private boolean logNeedsRebuild(int adding) {
    int capacity = mask + 1;
    return (head - tail) + adding > capacity
        || (capacity > MIN_CAPACITY && 8L * (size + adding) < capacity);
  }

  /**
   * Makes room for {@code adding} records. When the log itself has room and is not too empty, only
   * the index is rebuilt, its dead entries dropped: one pass over the index, none over the log.
   * Otherwise the unexpired records are copied, oldest first, into a log of the smallest capacity
   * that they plus {@code adding} fill at most 2/3 of, and indexed anew: expired and removed
   * records and dead index entries are gone.
   */
  void rebuild(long seconds, int nanos, int adding) {
    enterPending();
    if (logNeedsRebuild(adding)) {
      relog(seconds, nanos, adding);
    } else {
      reindex();
    }
  }

  /**
   * Enters the live entries of the index in a new one: the entries hold the bits their probe starts
   * from, so the log is not read. The new index is at least four times the live entries, so that at
   * least as many insertions as it has live entries pass before the next rebuild. Kept at its size,
   * an index whose live entries fill most of its threshold (a log whose live records fill most of
   * its capacity: 0.95 of it at a million live tokens) would be rebuilt after a few hundred
   * insertions, each rebuild reading all of it. It grows here and never shrinks; a relog sizes it
   * afresh.
   */
  private void reindex() {
    reindexes++;
    long[] old = index;
    int length = old.length;
    while (length < MAX_INDEX_LENGTH && length < 4L * size) { // size: the live entries
      length <<= 1;
    }
    index = new long[length];
    indexUsed = 0;
    for (long entry : old) {
      if (entry != 0 && inWindow((int) entry)) {
        enter(entry);
      }
    }
  }

  /** Enters record number {@code n}, whose key has this hash, in the first unused entry. */
  private void enter(long hash, int n) {
    enter((hashBits(hash) << 32) | (n & 0xFFFF_FFFFL));
  }

  private void enter(long entry) {
    int indexMask = index.length - 1;
    int e = home(entry >>> 32, indexMask);
    while (index[e] != 0) {
      e = (e + 1) & indexMask;
    }
    index[e] = entry;
    indexUsed++;
  }

  private void relog(long seconds, int nanos, int adding) {
    long[] oldSlots = slots;
    Object[] oldShapes = shapes;
    int oldMask = mask;
    int from = tail;
    int to = head;
    int live = 0;
    for (int n = from; n != to; n++) {
      int b = at(n & oldMask);
      long meta = oldSlots[b + META];
      if (meta != 0
          && !isBefore(oldSlots[b + EXPIRES_SECONDS], meta & NANOS_MASK, seconds, nanos)) {
        live++;
      }
    }
    int capacity = MIN_CAPACITY;
    while (capacity < MAX_CAPACITY && 3L * (live + adding) > 2L * capacity) {
      capacity <<= 1;
    }
    if (live + adding > capacity) {
      throw new IllegalStateException("access token table is full");
    }
    allocate(capacity);
    for (int n = from; n != to; n++) {
      int i = n & oldMask;
      int b = at(i);
      long meta = oldSlots[b + META];
      if (meta == 0) {
        continue;
      }
      if (isBefore(oldSlots[b + EXPIRES_SECONDS], meta & NANOS_MASK, seconds, nanos)) {
        noteEviction(oldShapes, i);
        continue;
      }
      System.arraycopy(oldSlots, b, slots, at(head), STRIDE);
      shapes[head] = oldShapes[i];
      enter(hashOf(oldSlots, b), head);
      head++;
      size++;
    }
  }

  /**
   * Remembers the grant id of a family token being dropped, to report it after unlocking. Interned
   * shapes are those of client-credentials tokens, which belong to no family.
   */
  private void noteEviction(Object[] logShapes, int i) {
    AccessTokenTable.Shape shape = (AccessTokenTable.Shape) logShapes[i];
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
