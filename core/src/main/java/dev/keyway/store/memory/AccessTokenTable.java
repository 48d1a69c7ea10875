package dev.keyway.store.memory;

import static dev.keyway.store.memory.TableSegment.EXPIRES_SECONDS;
import static dev.keyway.store.memory.TableSegment.EXTRA_SHIFT;
import static dev.keyway.store.memory.TableSegment.ISSUED_NANOS_SHIFT;
import static dev.keyway.store.memory.TableSegment.ISSUED_SECONDS;
import static dev.keyway.store.memory.TableSegment.META;
import static dev.keyway.store.memory.TableSegment.NANOS_MASK;
import static dev.keyway.store.memory.TableSegment.OCCUPIED;
import static dev.keyway.store.memory.TableSegment.REVOKED;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * The access tokens of an {@link InMemoryTokenStore}, held in a few large primitive arrays instead
 * of several objects per token, so that a garbage collector has next to nothing to copy or trace
 * per token: a store holding millions of short-lived tokens would otherwise spend most of each
 * young collection copying them.
 *
 * <h2>Layout</h2>
 *
 * <p>{@value #SEGMENTS} segments ({@link TableSegment}), chosen by the top bits of a hash of the
 * key ({@link TokenHashKey}), each guarded by its own monitor. A segment is a log of records in
 * insertion order and an index from key to record ({@link TableSegment} describes both). A record
 * is {@value TableSegment#STRIDE} longs of one {@code long[]}: a metadata word, the 256 bits of the
 * SHA-256 key, the epoch seconds of {@code expiresAt} and {@code issuedAt}, and the number of an
 * interned {@link Shape} (grant id, client id, subject, scopes); 64 bytes, one cache line when the
 * array is aligned ({@link TableSegment#BASE}). A shape that is not interned is held by reference
 * in a parallel {@code Object[]}. The metadata word holds, from its top bit down: occupied (1 bit),
 * revoked (1), the 2 bits of the key's 43rd character that lie beyond 256 bits (so any 43 base64url
 * characters round-trip exactly, canonical SHA-256 encodings or not), the nanoseconds of {@code
 * issuedAt} (30) and of {@code expiresAt} (30). Every stored field thus reads back exactly.
 *
 * <p>Client-credentials tokens of one client, subject and scope set share one interned shape
 * ({@link ShapeInterner}), named by number, so that they cost no object and store no reference
 * (which the garbage collector would have to track); a family's token gets its own.
 *
 * <h2>Expiry and the memory bound</h2>
 *
 * <p>Insertions through {@link #insert(AccessTokenRecord, boolean) insert(token, true)} move the
 * segment's tail past the oldest records that expired before the clock's now, up to {@value
 * #SWEEP_WIDTH} per insertion, in one batch every {@value #SWEEP_EVERY} insertions into the
 * segment; {@link #sweep} does the same for {@value #SWEEP_WIDTH}. Tokens of one lifetime expire in
 * insertion order, so the tail keeps up with the head and no queue or other object per token is
 * needed. A token that outlives those after it holds the tail; the expired ones behind it go when
 * the log fills and is rebuilt, or by {@link #purge}, which removes expired tokens anywhere.
 *
 * <p>A log is rebuilt (in one pass, dropping every expired token) when an insertion finds it full
 * or when its tokens fill less than 1/8 of it, to the smallest power of two (at least {@value
 * TableSegment#MIN_CAPACITY}) of which the unexpired tokens fill at most 2/3; when only the index
 * is over half used (dead entries accumulate as the tail moves), the index alone is rebuilt from
 * its own live entries. A log's capacity is thus less than 3 records per unexpired token it held at
 * its last rebuild, and a rebuild comes at least a third of the capacity of insertions after the
 * previous one, so its amortised cost per insertion is constant.
 *
 * <h2>Locking</h2>
 *
 * <p>Every operation on a key holds one segment's monitor (every method of {@link TableSegment}
 * runs under it), for one probe or, now and then, one rebuild of that segment. Tokens of a family
 * that the table drops on its own (expired) are reported to {@link FamilyTokenEvictions} after the
 * monitor is released, by the calls that sweep ({@code insert(token, true)}, {@link #sweep}, {@link
 * #purge}); the caller of those must hold no monitor the listener may take (the store's family
 * monitors). {@link #insert(AccessTokenRecord, boolean) insert(token, false)} may be called under a
 * family monitor: what it drops is reported by the next sweeping call on that segment.
 */
final class AccessTokenTable {

  /** Told of each family token that the table dropped on its own, after it expired. */
  @FunctionalInterface
  interface FamilyTokenEvictions {
    /**
     * One token of this family is gone from the table; called once per token, without any lock of
     * the table held.
     */
    void evicted(String grantId);
  }

  /**
   * What tokens may share: immutable; interned for client-credentials tokens. {@code grantId} is
   * {@code null} for a client-credentials token.
   */
  record Shape(String grantId, String clientId, String subject, Set<String> scopes) {}

  static final int SEGMENTS = 64;
  static final int SWEEP_WIDTH = 16;

  /**
   * Insertions into a segment between two sweeps, each of up to {@code SWEEP_WIDTH} records per
   * insertion.
   */
  static final int SWEEP_EVERY = 8;

  static final int DEFAULT_SHAPE_CAP = 4096;

  /**
   * A purge call examines at most this many records, plus {@link #PURGE_SCAN_PER_ITEM} per item.
   */
  static final int PURGE_SCAN_BASE = 4096;

  static final int PURGE_SCAN_PER_ITEM = 64;

  private static final int SEGMENT_SHIFT = 64 - Integer.numberOfTrailingZeros(SEGMENTS);

  private final TableSegment[] segments = new TableSegment[SEGMENTS];
  private final ShapeInterner shapes;

  private final AtomicInteger purgeStart = new AtomicInteger();
  private final Clock clock;
  private final FamilyTokenEvictions evictions;

  /**
   * @param clock tells the sweeps what has expired
   * @param evictions told of each family token dropped on its own
   */
  AccessTokenTable(Clock clock, FamilyTokenEvictions evictions) {
    this(clock, evictions, DEFAULT_SHAPE_CAP);
  }

  AccessTokenTable(Clock clock, FamilyTokenEvictions evictions, int shapeCap) {
    this.clock = clock;
    this.evictions = evictions;
    this.shapes = new ShapeInterner(shapeCap);
    for (int i = 0; i < SEGMENTS; i++) {
      segments[i] = new TableSegment();
    }
  }

  /**
   * Stores the token unless its key is present; returns false (and changes nothing) if it is. With
   * {@code sweep}, first sweeps the segment and reports what it dropped: the caller must then hold
   * no family monitor.
   */
  boolean insert(AccessTokenRecord token, boolean sweep) {
    return store(token, sweep, false);
  }

  /**
   * Stores a token whose key the caller guarantees new (a freshly minted token: 256 random bits),
   * without looking it up now: its index entry is entered in a batch with others of its segment,
   * before any lookup there ({@link TableSegment#append}). Should the key be present after all, the
   * token already stored is revoked and this one dropped: neither holder can use it. Sweeps first,
   * as {@code insert(token, true)}: the caller must hold no family monitor.
   */
  void append(AccessTokenRecord token) {
    store(token, true, true);
  }

  private boolean store(AccessTokenRecord token, boolean sweep, boolean append) {
    // The key's words as plain values: an append passes them on without a key object.
    TokenHash tokenHash = token.tokenHash();
    long k0 = tokenHash.word(0);
    long k1 = tokenHash.word(1);
    long k2 = tokenHash.word(2);
    long k3 = tokenHash.word(3);
    long extra = tokenHash.word(4);
    long hash = TokenHashKey.mix(k0, k1, k2, k3, extra);
    ShapeInterner.Handle shape = shapes.handleOf(token);
    Instant issuedAt = token.issuedAt();
    Instant expiresAt = token.expiresAt();
    long issuedSeconds = issuedAt.getEpochSecond();
    long expiresSeconds = expiresAt.getEpochSecond();
    long meta =
        OCCUPIED
            | (token.state() == AccessTokenState.REVOKED ? REVOKED : 0L)
            | (extra << EXTRA_SHIFT)
            | ((long) issuedAt.getNano() << ISSUED_NANOS_SHIFT)
            | expiresAt.getNano();
    TableSegment s = segmentOf(hash);
    List<String> dropped = null;
    boolean inserted;
    synchronized (s) {
      // Sweep and make room first, so that one probe both rules out the key and finds its entry.
      Instant now = null;
      if (sweep && --s.untilSweep <= 0) {
        // Batched: one sweep of up to SWEEP_EVERY × SWEEP_WIDTH records every SWEEP_EVERY
        // insertions reads one stretch of the log instead of a new line per insertion.
        s.untilSweep = SWEEP_EVERY;
        now = clock.instant();
        int records = SWEEP_WIDTH * SWEEP_EVERY;
        s.sweep(now.getEpochSecond(), now.getNano(), records, records);
      }
      if (s.needsRebuild(1)) {
        if (now == null) {
          now = clock.instant();
        }
        s.rebuild(now.getEpochSecond(), now.getNano(), 1);
      }
      if (append) {
        s.append(k0, k1, k2, k3, hash, issuedSeconds, expiresSeconds, meta, shape);
        inserted = true;
      } else {
        TokenHashKey.Key key = new TokenHashKey.Key(k0, k1, k2, k3, extra, hash);
        inserted = s.insert(key, issuedSeconds, expiresSeconds, meta, shape);
      }
      if (sweep) {
        dropped = s.takeEvicted();
      }
    }
    report(dropped);
    return inserted;
  }

  /**
   * Sweeps the segment that holds {@code near}, as an insertion with sweep would, and reports what
   * it dropped (including what an earlier insertion without sweep dropped): the caller must hold no
   * family monitor.
   */
  void sweep(TokenHash near) {
    TableSegment s = segmentOf(TokenHashKey.Key.of(near).hash());
    List<String> dropped;
    synchronized (s) {
      Instant now = clock.instant();
      s.sweep(now.getEpochSecond(), now.getNano(), SWEEP_WIDTH, SWEEP_WIDTH);
      if (s.needsRebuild(0)) {
        s.rebuild(now.getEpochSecond(), now.getNano(), 0);
      }
      dropped = s.takeEvicted();
    }
    report(dropped);
  }

  /** The token with this key in any state, or {@code null}; its hash is {@code tokenHash}. */
  AccessTokenRecord find(TokenHash tokenHash) {
    TokenHashKey.Key key = TokenHashKey.Key.of(tokenHash);
    TableSegment s = segmentOf(key.hash());
    long issuedSeconds;
    long expiresSeconds;
    long meta;
    Shape shape;
    synchronized (s) {
      int i = s.find(key);
      if (i < 0) {
        return null;
      }
      int b = TableSegment.at(i);
      issuedSeconds = s.slots[b + ISSUED_SECONDS];
      expiresSeconds = s.slots[b + EXPIRES_SECONDS];
      meta = s.slots[b + META];
      shape = s.shapeAt(i, shapes);
    }
    return new AccessTokenRecord(
        tokenHash,
        shape.grantId(),
        shape.clientId(),
        shape.subject(),
        shape.scopes(),
        Instant.ofEpochSecond(issuedSeconds, (meta >>> ISSUED_NANOS_SHIFT) & NANOS_MASK),
        Instant.ofEpochSecond(expiresSeconds, meta & NANOS_MASK),
        (meta & REVOKED) != 0 ? AccessTokenState.REVOKED : AccessTokenState.ACTIVE);
  }

  /** {@code ACTIVE → REVOKED}, atomically; true when this call changed the token. */
  boolean revoke(TokenHash tokenHash) {
    TokenHashKey.Key key = TokenHashKey.Key.of(tokenHash);
    TableSegment s = segmentOf(key.hash());
    synchronized (s) {
      int i = s.find(key);
      if (i < 0) {
        return false;
      }
      int m = TableSegment.at(i) + META;
      if ((s.slots[m] & REVOKED) != 0) {
        return false;
      }
      s.slots[m] |= REVOKED;
      return true;
    }
  }

  /** True when a token with this key is held, in any state. */
  boolean contains(TokenHash tokenHash) {
    TokenHashKey.Key key = TokenHashKey.Key.of(tokenHash);
    TableSegment s = segmentOf(key.hash());
    synchronized (s) {
      return s.find(key) >= 0;
    }
  }

  /** Removes the token with this key, in any state; true if there was one. Reports nothing. */
  boolean remove(TokenHash tokenHash) {
    TokenHashKey.Key key = TokenHashKey.Key.of(tokenHash);
    TableSegment s = segmentOf(key.hash());
    synchronized (s) {
      return s.remove(key);
    }
  }

  /**
   * Revokes every active client-credentials token (no grant) of this client; returns how many. A
   * scan of every segment, one at a time: for rare administrative acts.
   */
  int revokeClientCredentials(String clientId) {
    int count = 0;
    for (TableSegment s : segments) {
      synchronized (s) {
        for (int i = 0; i <= s.mask; i++) {
          int m = TableSegment.at(i) + META;
          long meta = s.slots[m];
          if (meta != 0 && (meta & REVOKED) == 0) {
            Shape shape = s.shapeAt(i, shapes);
            if (shape.grantId() == null && shape.clientId().equals(clientId)) {
              s.slots[m] = meta | REVOKED;
              count++;
            }
          }
        }
      }
    }
    return count;
  }

  /**
   * Removes at most {@code limit} tokens whose {@code expiresAt} is before {@code before}; returns
   * how many. Examines at most {@value #PURGE_SCAN_BASE} + {@value #PURGE_SCAN_PER_ITEM} × {@code
   * limit} records, from where the previous call stopped in each segment (so successive calls cover
   * the whole table), and holds one segment's monitor at a time. A call that returns 0 examined
   * every record unless that budget ran out first.
   */
  int purge(Instant before, int limit) {
    if (limit <= 0) {
      return 0;
    }
    long seconds = before.getEpochSecond();
    int nanos = before.getNano();
    long budget = PURGE_SCAN_BASE + (long) PURGE_SCAN_PER_ITEM * limit;
    int start = purgeStart.getAndIncrement();
    int removed = 0;
    for (int n = 0; n < SEGMENTS && removed < limit && budget > 0; n++) {
      TableSegment s = segments[(start + n) & (SEGMENTS - 1)];
      List<String> dropped;
      synchronized (s) {
        int examine = (int) Math.min(budget, s.mask + 1L);
        budget -= examine;
        removed += s.purge(seconds, nanos, examine, limit - removed);
        dropped = s.takeEvicted();
      }
      report(dropped);
    }
    return removed;
  }

  /** How many tokens are held, expired ones not yet removed included. */
  int size() {
    return sumOverSegments(s -> s.size);
  }

  /** Index entries over all segments, for tests of the memory bound. */
  int indexLength() {
    return sumOverSegments(TableSegment::indexLength);
  }

  /** Index rebuilds over all segments so far, for tests of their rate. */
  int reindexes() {
    return sumOverSegments(s -> s.reindexes);
  }

  /** How many records the logs can hold, for tests of the memory bound. */
  int capacity() {
    return sumOverSegments(s -> s.mask + 1);
  }

  /** The sum of one figure of every segment, each read under its segment's monitor. */
  private int sumOverSegments(ToIntFunction<TableSegment> figure) {
    int sum = 0;
    for (TableSegment s : segments) {
      synchronized (s) {
        sum += figure.applyAsInt(s);
      }
    }
    return sum;
  }

  /** How many records refer to their shape by reference rather than by number, for tests. */
  int referencedShapes() {
    int count = 0;
    for (TableSegment s : segments) {
      synchronized (s) {
        for (Object shape : s.shapes) {
          count += shape == null ? 0 : 1;
        }
      }
    }
    return count;
  }

  /** How many shapes are interned, for tests. */
  int internedShapes() {
    return shapes.size();
  }

  /** The shape the token with this key refers to, or {@code null}; for tests of interning. */
  Shape shapeOf(TokenHash tokenHash) {
    TokenHashKey.Key key = TokenHashKey.Key.of(tokenHash);
    TableSegment s = segmentOf(key.hash());
    synchronized (s) {
      int i = s.find(key);
      return i < 0 ? null : s.shapeAt(i, shapes);
    }
  }

  private TableSegment segmentOf(long hash) {
    return segments[(int) (hash >>> SEGMENT_SHIFT)];
  }

  private void report(List<String> dropped) {
    if (dropped != null) {
      for (String grantId : dropped) {
        evictions.evicted(grantId);
      }
    }
  }
}
