package dev.keyway.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.store.contract.Race;
import dev.keyway.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The primitive-array table behind {@link InMemoryTokenStore}'s access tokens. */
class AccessTokenTableTest {

  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00.123456789Z");

  private final MutableClock clock = MutableClock.at(T0);

  /** The grant id of each family token the table reported dropping. */
  private final Queue<String> evicted = new ConcurrentLinkedQueue<>();

  private final AccessTokenTable table = new AccessTokenTable(clock, evicted::add);

  /** 43 random base64url characters: the last one usually has non-zero low bits. */
  private static TokenHash randomHash(Random random) {
    StringBuilder b = new StringBuilder(43);
    for (int i = 0; i < 43; i++) {
      b.append(ALPHABET.charAt(random.nextInt(64)));
    }
    return TokenHash.of(b.toString());
  }

  private static AccessTokenRecord clientCredentials(
      TokenHash hash, String clientId, Set<String> scopes, Instant issuedAt, Instant expiresAt) {
    return new AccessTokenRecord(
        hash, null, clientId, clientId, scopes, issuedAt, expiresAt, AccessTokenState.ACTIVE);
  }

  private static AccessTokenRecord ofFamily(
      TokenHash hash, String grantId, Instant issuedAt, Instant expiresAt) {
    return new AccessTokenRecord(
        hash,
        grantId,
        "c1",
        "alice",
        Set.of("read", "write"),
        issuedAt,
        expiresAt,
        AccessTokenState.ACTIVE);
  }

  private static AccessTokenRecord token(TokenHash hash, Duration life) {
    return clientCredentials(hash, "svc", Set.of("api"), T0, T0.plus(life));
  }

  @Test
  void recordsRoundTripExactly() {
    clock.set(Instant.MIN); // so that no sweep removes the token that expires at the epoch
    List<AccessTokenRecord> records =
        List.of(
            clientCredentials(
                TokenHash.of("h".repeat(43)),
                "svc",
                Set.of("a", "b"),
                Instant.parse("2030-01-01T00:00:00.999999999Z"),
                Instant.parse("2030-01-01T00:00:10.000000001Z")),
            new AccessTokenRecord(
                TokenHash.of("A".repeat(42) + "B"),
                "grant-1",
                "client-Zoë",
                "alice",
                Set.of(),
                Instant.parse("1969-12-31T23:59:59.5Z"),
                Instant.EPOCH,
                AccessTokenState.REVOKED),
            clientCredentials(
                TokenHash.of("A".repeat(43)), "svc", Set.of("x"), Instant.MIN, Instant.MAX));
    for (AccessTokenRecord r : records) {
      assertThat(table.insert(r, true)).isTrue();
    }
    // "A"*42+"B" and "A"*43 differ only in the extra bits: both are kept apart.
    for (AccessTokenRecord r : records) {
      assertThat(table.find(r.tokenHash())).isEqualTo(r);
    }
    assertThat(table.find(TokenHash.of("A".repeat(42) + "C"))).isNull();
    assertThat(table.size()).isEqualTo(3);
  }

  @Test
  void anExistingKeyIsRefusedAndKept() {
    TokenHash h = randomHash(new Random(1));
    AccessTokenRecord first = token(h, Duration.ofHours(1));
    assertThat(table.insert(first, true)).isTrue();
    AccessTokenRecord clash =
        clientCredentials(h, "other", Set.of("x"), T0, T0.plus(Duration.ofDays(1)));
    assertThat(table.insert(clash, true)).isFalse();
    assertThat(table.insert(clash, false)).isFalse();
    assertThat(table.find(h)).isEqualTo(first);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void appendedTokensAreFoundExactlyWhetherTheirBatchIsFullOrNot() {
    Random random = new Random(30);
    List<AccessTokenRecord> records = new ArrayList<>();
    // 64 segments × 16 per batch: 3,000 tokens leave some batches entered and some pending.
    for (int i = 0; i < 3_000; i++) {
      AccessTokenRecord t =
          i % 2 == 0
              ? token(randomHash(random), Duration.ofHours(1))
              : clientCredentials(
                  randomHash(random), "c" + i, Set.of("s" + i), T0, T0.plusSeconds(i + 1));
      records.add(t);
      table.append(t);
    }
    for (AccessTokenRecord r : records) {
      assertThat(table.find(r.tokenHash())).isEqualTo(r);
    }
    assertThat(table.find(randomHash(random))).isNull();
    assertThat(table.size()).isEqualTo(records.size());
  }

  @Test
  void anAppendedKeyThatIsAlreadyStoredRevokesTheStoredTokenAndDropsTheNewOne() {
    TokenHash h = randomHash(new Random(31));
    AccessTokenRecord first = token(h, Duration.ofHours(1));
    assertThat(table.insert(first, true)).isTrue();
    table.append(clientCredentials(h, "other", Set.of("x"), T0, T0.plus(Duration.ofDays(1))));
    AccessTokenRecord found = table.find(h);
    assertThat(found.state()).isEqualTo(AccessTokenState.REVOKED);
    assertThat(found).usingRecursiveComparison().ignoringFields("state").isEqualTo(first);
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void twoAppendsOfOneKeyInOneBatchLeaveOnlyTheFirstRevoked() {
    TokenHash h = randomHash(new Random(32));
    AccessTokenRecord first = token(h, Duration.ofHours(1));
    table.append(first);
    table.append(clientCredentials(h, "other", Set.of("x"), T0, T0.plus(Duration.ofDays(1))));
    assertThat(table.size()).isEqualTo(2); // both wait in the segment's batch
    assertThat(table.contains(h)).isTrue(); // the lookup enters the batch first
    assertThat(table.size()).isEqualTo(1);
    assertThat(table.find(h))
        .isEqualTo(
            new AccessTokenRecord(
                h,
                null,
                "svc",
                "svc",
                Set.of("api"),
                T0,
                T0.plus(Duration.ofHours(1)),
                AccessTokenState.REVOKED));
  }

  @Test
  void anInsertAfterAnAppendOfTheSameKeyIsRefused() {
    TokenHash h = randomHash(new Random(33));
    AccessTokenRecord first = token(h, Duration.ofHours(1));
    table.append(first);
    assertThat(table.insert(token(h, Duration.ofDays(1)), false)).isFalse();
    assertThat(table.remove(h)).isTrue();
    assertThat(table.find(h)).isNull();
    assertThat(table.size()).isZero();
  }

  @Test
  void appendedTokensThatExpireBeforeTheirBatchIsEnteredAreDropped() {
    Random random = new Random(34);
    List<TokenHash> old = new ArrayList<>();
    for (int i = 0; i < 300; i++) { // about 5 per segment: every batch still pending
      TokenHash h = randomHash(random);
      old.add(h);
      table.append(token(h, Duration.ofSeconds(10)));
    }
    clock.advance(Duration.ofSeconds(11));
    List<TokenHash> fresh = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) { // sweeps pass the expired ones, then batches fill
      TokenHash h = randomHash(random);
      fresh.add(h);
      table.append(clientCredentials(h, "svc", Set.of("api"), clock.instant(), T0.plusSeconds(60)));
    }
    assertThat(table.purge(clock.instant(), 1_000)).isZero(); // no pending record lacks its entry
    assertThat(old).allSatisfy(h -> assertThat(table.find(h)).isNull());
    assertThat(fresh).allSatisfy(h -> assertThat(table.find(h)).isNotNull());
    assertThat(table.size()).isEqualTo(fresh.size());
  }

  @Test
  void revokeIsACompareAndSet() {
    TokenHash h = randomHash(new Random(2));
    AccessTokenRecord t = token(h, Duration.ofHours(1));
    table.insert(t, true);
    assertThat(table.revoke(h)).isTrue();
    assertThat(table.revoke(h)).isFalse();
    assertThat(table.revoke(randomHash(new Random(3)))).isFalse();
    AccessTokenRecord found = table.find(h);
    assertThat(found.state()).isEqualTo(AccessTokenState.REVOKED);
    assertThat(found)
        .usingRecursiveComparison()
        .ignoringFields("state")
        .isEqualTo(t); // nothing else changed
  }

  @Test
  void removeTakesOneKeyAndReportsNothing() {
    TokenHash h = randomHash(new Random(4));
    table.insert(ofFamily(h, "g1", T0, T0.plusSeconds(60)), true);
    assertThat(table.contains(h)).isTrue();
    assertThat(table.remove(h)).isTrue();
    assertThat(table.remove(h)).isFalse();
    assertThat(table.find(h)).isNull();
    assertThat(table.contains(h)).isFalse();
    assertThat(evicted).isEmpty();
  }

  @Test
  void growsPastManyResizesAndFindsEveryKey() {
    Random random = new Random(5);
    List<TokenHash> keys = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      TokenHash h = randomHash(random);
      keys.add(h);
      assertThat(table.insert(token(h, Duration.ofHours(1)), i % 2 == 0)).isTrue();
    }
    assertThat(table.size()).isEqualTo(keys.size());
    for (TokenHash h : keys) {
      assertThat(table.find(h)).as("key %s", h).isNotNull();
    }
    // A segment's log grows when it is full, to a capacity its tokens fill at most 2/3 of.
    assertThat(table.capacity())
        .isBetween(keys.size(), 3 * keys.size() + AccessTokenTable.SEGMENTS * 16);
  }

  @Test
  void randomInsertsAndRemovesMatchAHashMap() {
    Random random = new Random(20_260_301);
    List<TokenHash> pool = new ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      pool.add(randomHash(random));
    }
    Map<TokenHash, AccessTokenRecord> model = new HashMap<>();
    for (int step = 0; step < 300_000; step++) {
      TokenHash h = pool.get(random.nextInt(pool.size()));
      // Phases bias towards inserting or removing, so segments grow and shrink repeatedly.
      boolean growing = (step / 50_000) % 2 == 0;
      if (random.nextInt(10) < (growing ? 7 : 3)) {
        AccessTokenRecord t =
            clientCredentials(
                h,
                "c" + random.nextInt(5),
                Set.of("s" + random.nextInt(3)),
                T0,
                T0.plusSeconds(1 + random.nextInt(1000)));
        if (!model.containsKey(h) && random.nextInt(3) == 0) {
          table.append(t); // a key the table does not hold, as a fresh token's
        } else {
          boolean inserted = table.insert(t, random.nextBoolean());
          assertThat(inserted).isEqualTo(!model.containsKey(h));
        }
        model.putIfAbsent(h, t);
      } else {
        assertThat(table.remove(h)).isEqualTo(model.remove(h) != null);
      }
      if (step % 10_000 == 0) {
        assertMatches(model, pool);
      }
    }
    assertMatches(model, pool);
  }

  /**
   * Every key the table holds came from {@code pool}: holding each model key, no other pool key and
   * as many keys as the model means it holds exactly the model's keys.
   */
  private void assertMatches(Map<TokenHash, AccessTokenRecord> model, List<TokenHash> pool) {
    assertThat(table.size()).isEqualTo(model.size());
    for (TokenHash h : pool) {
      assertThat(table.find(h)).as("key %s", h).isEqualTo(model.get(h));
    }
  }

  @Test
  void insertsSweepExpiredTokensAndReportFamilyOnes() {
    Random random = new Random(6);
    List<TokenHash> old = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      TokenHash h = randomHash(random);
      old.add(h);
      table.insert(
          i % 2 == 0
              ? token(h, Duration.ofSeconds(10))
              : ofFamily(h, "g" + i, T0, T0.plusSeconds(10)),
          true);
    }
    clock.advance(Duration.ofSeconds(10));
    table.insert(token(randomHash(random), Duration.ofHours(1)), true);
    assertThat(old).allSatisfy(h -> assertThat(table.find(h)).isNotNull()); // expiresAt == now
    clock.advance(Duration.ofNanos(1));
    for (int i = 0; i < 4_000; i++) {
      table.insert(token(randomHash(random), Duration.ofHours(1)), true);
    }
    assertThat(old).allSatisfy(h -> assertThat(table.find(h)).isNull());
    List<String> families = new ArrayList<>();
    for (int i = 1; i < old.size(); i += 2) {
      families.add("g" + i);
    }
    assertThat(evicted).containsExactlyInAnyOrderElementsOf(families);
    assertThat(table.size()).isEqualTo(4_001);
  }

  @Test
  void theHandAloneRemovesExpiredTokens() {
    Random random = new Random(14);
    List<TokenHash> keys = new ArrayList<>();
    for (int i = 0; i < 200; i++) { // about 3 per segment, which a sweep never rebuilds
      TokenHash h = randomHash(random);
      keys.add(h);
      table.insert(token(h, Duration.ofSeconds(10)), false);
    }
    int capacity = table.capacity();
    clock.advance(Duration.ofSeconds(11));
    // Each key's segment is swept twice per key it holds, 8 slots each time: at least its 16 slots.
    for (int round = 0; round < 2; round++) {
      for (TokenHash h : keys) {
        table.sweep(h);
      }
    }
    assertThat(table.size()).isZero();
    assertThat(table.capacity()).isLessThanOrEqualTo(capacity);
  }

  @Test
  void aFamilyTokenDroppedWithoutSweepIsReportedByTheNextSweep() {
    Random random = new Random(7);
    List<TokenHash> family = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      TokenHash h = randomHash(random);
      family.add(h);
      table.insert(ofFamily(h, "g", T0, T0.plusSeconds(1)), false);
    }
    clock.advance(Duration.ofSeconds(2));
    // Enough insertions without sweep to rebuild every segment, which drops the expired ones.
    List<TokenHash> fresh = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      TokenHash h = randomHash(random);
      fresh.add(h);
      table.insert(ofFamily(h, "g2", clock.instant(), clock.instant().plusSeconds(60)), false);
    }
    assertThat(family).allSatisfy(h -> assertThat(table.find(h)).isNull());
    assertThat(evicted).isEmpty();
    for (TokenHash h : fresh) {
      table.sweep(h);
    }
    assertThat(evicted).hasSize(family.size()).containsOnly("g");
  }

  @Test
  void anIndexIsRebuiltRarelyWhenLiveTokensFillMostOfTheLog() {
    // 60,000 live tokens: about 937 per segment, in logs that grew to 1,024 records on the way
    // (0.92 full). An index kept at twice that capacity would have room for under 90 dead entries
    // and be rebuilt every 90 insertions into the segment, reading all of it each time.
    Random random = new Random(60);
    int live = 60_000;
    int perSegment = live / 64;
    insertEveryMicrosecond(random, 5 * live, Duration.ofMillis(60));
    // The shape this test is about: (almost) every log at 1,024 records, over 0.9 full.
    assertThat(table.capacity()).isLessThan(80 * 1024);
    insertEveryMicrosecond(random, 5 * live, Duration.ofMillis(60));
    int before = table.reindexes();
    int inserts = 5 * live;
    insertEveryMicrosecond(random, inserts, Duration.ofMillis(60));
    // A rebuilt index has room for as many insertions as it has live entries before the next.
    assertThat(table.reindexes() - before).isLessThanOrEqualTo(2 * inserts / perSegment);
    // What that room costs: at most 8 entries (64 bytes) per live token beyond twice the log.
    assertThat(table.indexLength()).isLessThanOrEqualTo(2 * table.capacity() + 8 * (live + 8 * 64));
  }

  /** Inserts {@code count} client-credentials tokens living {@code life}, one per microsecond. */
  private void insertEveryMicrosecond(Random random, int count, Duration life) {
    for (int i = 0; i < count; i++) {
      Instant now = clock.instant();
      table.insert(
          clientCredentials(randomHash(random), "svc", Set.of("api"), now, now.plus(life)), true);
      clock.advance(Duration.ofNanos(1_000));
    }
  }

  @Test
  void aSteadyLiveSetKeepsTheTableBounded() {
    Random random = new Random(8);
    int perSecond = 2_000;
    int lifeSeconds = 10;
    int maxCapacity = 0;
    for (int second = 0; second < 120; second++) {
      for (int i = 0; i < perSecond; i++) {
        Instant now = clock.instant();
        table.insert(
            clientCredentials(
                randomHash(random), "svc", Set.of("api"), now, now.plusSeconds(lifeSeconds)),
            true);
        clock.advance(Duration.ofNanos(1_000_000_000L / perSecond));
      }
      if (second >= 60) {
        maxCapacity = Math.max(maxCapacity, table.capacity());
        // The live tokens plus at most one batch of expired ones per segment, not yet swept.
        assertThat(table.size()).isLessThanOrEqualTo(perSecond * lifeSeconds + 8 * 64);
      }
    }
    int live = perSecond * lifeSeconds;
    // Tokens of one lifetime expire in the order of the log: the tail keeps up with the head.
    assertThat(table.size()).isBetween(live - 8 * 64, live + 8 * 64);
    // Every log is rebuilt 2/3 full at most (plus a batch), and grows only when full.
    assertThat(maxCapacity).isLessThanOrEqualTo(3 * (live + 8 * 64) + 64 * 16);
    // And expired tokens go by themselves: nothing is left once all of them have expired.
    clock.advance(Duration.ofSeconds(lifeSeconds + 1));
    for (int i = 0; i < perSecond * lifeSeconds; i++) {
      Instant now = clock.instant();
      table.insert(
          clientCredentials(randomHash(random), "svc", Set.of("api"), now, now.plusSeconds(1)),
          true);
    }
    assertThat(table.size()).isLessThanOrEqualTo(perSecond * lifeSeconds + 64);
  }

  @Test
  void purgeRemovesAtMostItsLimitOfExpiredTokensAndThenReturnsZero() {
    Random random = new Random(9);
    Set<TokenHash> expired = new HashSet<>();
    Set<TokenHash> kept = new HashSet<>();
    // Interleaved, so that a token that is kept is older than most expired ones: purge must find
    // expired tokens behind it, not only at the oldest end.
    for (int i = 0; i < 600; i++) {
      TokenHash h = randomHash(random);
      if (i % 2 == 0) {
        kept.add(h);
        table.insert(token(h, Duration.ofSeconds(6)), false);
      } else {
        expired.add(h);
        table.insert(
            i % 3 == 0
                ? ofFamily(h, "g" + i, T0, T0.plusSeconds(5))
                : token(h, Duration.ofSeconds(5)),
            false);
      }
    }
    Instant before = T0.plusSeconds(6); // expiresAt == before is kept
    assertThat(table.purge(before, 0)).isZero();
    int total = 0;
    int n;
    while ((n = table.purge(before, 7)) > 0) {
      assertThat(n).isLessThanOrEqualTo(7);
      total += n;
    }
    assertThat(total).isEqualTo(expired.size());
    assertThat(expired).allSatisfy(h -> assertThat(table.find(h)).isNull());
    assertThat(kept).allSatisfy(h -> assertThat(table.find(h)).isNotNull());
    assertThat(evicted).hasSize(100);
    assertThat(table.size()).isEqualTo(kept.size());
  }

  @Test
  void aLongLivedTokenHoldsTheOldestEndButNotTheMemory() {
    Random random = new Random(15);
    List<TokenHash> longLived = new ArrayList<>();
    for (int i = 0; i < 640; i++) { // about 10 per segment, older than everything after them
      TokenHash h = randomHash(random);
      longLived.add(h);
      table.insert(ofFamily(h, "long", T0, T0.plus(Duration.ofHours(1))), true);
    }
    int perSecond = 2_000;
    int lifeSeconds = 5;
    int maxCapacity = 0;
    for (int second = 0; second < 60; second++) {
      for (int i = 0; i < perSecond; i++) {
        Instant now = clock.instant();
        table.insert(
            ofFamily(randomHash(random), "short", now, now.plusSeconds(lifeSeconds)), true);
        clock.advance(Duration.ofNanos(1_000_000_000L / perSecond));
      }
      maxCapacity = Math.max(maxCapacity, table.capacity());
    }
    assertThat(longLived).allSatisfy(h -> assertThat(table.find(h)).isNotNull());
    int live = perSecond * lifeSeconds + longLived.size();
    // The expired tokens behind the long-lived ones go when their log fills and is rebuilt, which
    // keeps the tokens held, expired or not, within the log's capacity, itself bounded by the
    // live set.
    assertThat(maxCapacity).isLessThanOrEqualTo(3 * (live + 8 * 64) + 64 * 16);
    assertThat(table.size()).isLessThanOrEqualTo(table.capacity());
    // Every short-lived token is either still held or was reported, exactly once.
    assertThat(evicted)
        .doesNotContain("long")
        .hasSize(60 * perSecond - (table.size() - longLived.size()));
    assertThat(table.size() - longLived.size()).isLessThan(table.capacity());
    // Once they are all expired, a purge takes what is left, long-lived tokens included.
    clock.advance(Duration.ofHours(2));
    int purged = 0;
    int n;
    while ((n = table.purge(clock.instant(), 1_000)) > 0) {
      purged += n;
    }
    assertThat(table.size()).isZero();
    assertThat(purged).isGreaterThanOrEqualTo(live);
    assertThat(evicted).contains("long");
  }

  @Test
  void revokeClientCredentialsRevokesOnlyThatClientsGrantlessTokens() {
    Random random = new Random(10);
    TokenHash a1 = randomHash(random);
    TokenHash a2 = randomHash(random);
    TokenHash b1 = randomHash(random);
    TokenHash family = randomHash(random);
    table.insert(clientCredentials(a1, "a", Set.of("x"), T0, T0.plusSeconds(60)), true);
    table.insert(clientCredentials(a2, "a", Set.of("y"), T0, T0.plusSeconds(60)), true);
    table.insert(clientCredentials(b1, "b", Set.of("x"), T0, T0.plusSeconds(60)), true);
    table.insert(
        new AccessTokenRecord(
            family,
            "g",
            "a",
            "alice",
            Set.of("x"),
            T0,
            T0.plusSeconds(60),
            AccessTokenState.ACTIVE),
        false);
    table.revoke(a2);

    assertThat(table.revokeClientCredentials("a")).isEqualTo(1);
    assertThat(table.revokeClientCredentials("a")).isZero();
    assertThat(table.find(a1).state()).isEqualTo(AccessTokenState.REVOKED);
    assertThat(table.find(b1).state()).isEqualTo(AccessTokenState.ACTIVE);
    assertThat(table.find(family).state()).isEqualTo(AccessTokenState.ACTIVE);
  }

  @Test
  void revokeClientCredentialsRevokesAppendedTokensWhoseBatchIsPending() {
    Random random = new Random(12);
    List<TokenHash> appended = new ArrayList<>();
    for (int i = 0; i < 200; i++) { // about 3 per segment: every batch still pending
      TokenHash h = randomHash(random);
      appended.add(h);
      table.append(clientCredentials(h, "a", Set.of("x"), T0, T0.plusSeconds(60)));
    }
    TokenHash other = randomHash(random);
    table.append(clientCredentials(other, "b", Set.of("x"), T0, T0.plusSeconds(60)));

    assertThat(table.revokeClientCredentials("a")).isEqualTo(appended.size());
    assertThat(appended)
        .allSatisfy(h -> assertThat(table.find(h).state()).isEqualTo(AccessTokenState.REVOKED));
    assertThat(table.find(other).state()).isEqualTo(AccessTokenState.ACTIVE);
  }

  @Test
  void clientCredentialsTokensOfOneClientAndScopesShareOneShape() {
    Random random = new Random(11);
    TokenHash h1 = randomHash(random);
    TokenHash h2 = randomHash(random);
    TokenHash other = randomHash(random);
    TokenHash f1 = randomHash(random);
    TokenHash f2 = randomHash(random);
    table.insert(
        clientCredentials(
            h1, "svc", new LinkedHashSet<>(List.of("a", "b")), T0, T0.plusSeconds(60)),
        true);
    table.insert(
        clientCredentials(
            h2, "svc", new LinkedHashSet<>(List.of("b", "a")), T0, T0.plusSeconds(99)),
        true);
    table.insert(clientCredentials(other, "svc", Set.of("a"), T0, T0.plusSeconds(60)), true);
    table.insert(ofFamily(f1, "g", T0, T0.plusSeconds(60)), false);
    table.insert(ofFamily(f2, "g", T0, T0.plusSeconds(60)), false);

    assertThat(table.shapeOf(h1)).isSameAs(table.shapeOf(h2));
    assertThat(table.shapeOf(other)).isNotSameAs(table.shapeOf(h1));
    assertThat(table.shapeOf(f1)).isNotSameAs(table.shapeOf(f2)).isEqualTo(table.shapeOf(f2));
    assertThat(table.shapeOf(randomHash(random))).isNull();
    assertThat(table.internedShapes()).as("family shapes are not interned").isEqualTo(2);
  }

  @Test
  @SuppressWarnings("StringOperationCanBeSimplified") // new String: equal, not the same instance
  void theLastShapeHintNeverReturnsAWrongShape() {
    Random random = new Random(15);
    String svc = "svc";
    // Immutable, so that each record keeps the instance it is given (its Set.copyOf returns it).
    Set<String> scopes = Set.of("a", "b");
    Set<String> equalScopes = Set.of("b", "a");
    List<AccessTokenRecord> tokens =
        List.of(
            grantless(randomHash(random), svc, svc, scopes), // 0: interned
            grantless(randomHash(random), "other", "other", scopes), // 1: same scopes instance
            grantless(randomHash(random), svc, svc, equalScopes), // 2: equal scopes, not the same
            grantless(randomHash(random), new String(svc), new String(svc), scopes), // 3
            grantless(randomHash(random), svc, "someone-else", scopes), // 4: only the subject
            grantless(randomHash(random), svc, svc, Set.of("a")), // 5
            grantless(randomHash(random), svc, svc, scopes), // 6: the map finds 0's shape
            grantless(randomHash(random), svc, svc, scopes), // 7: the hint finds it
            new AccessTokenRecord(
                randomHash(random),
                "g",
                svc,
                svc,
                scopes,
                T0,
                T0.plusSeconds(60),
                AccessTokenState.ACTIVE), // 8: the hint's instances, but of a family
            grantless(randomHash(random), "other", svc, scopes), // 9: only the client differs
            grantless(randomHash(random), svc, svc, scopes), // 10: the hint again
            grantless(randomHash(random), svc, svc, equalScopes), // 11: not by the hint
            grantless(randomHash(random), "other", "other", equalScopes)); // 12
    assertThat(tokens.get(7).scopes()).isSameAs(tokens.get(0).scopes()); // so the hint is met
    assertThat(tokens.get(11).scopes()).isEqualTo(scopes).isNotSameAs(scopes);
    for (AccessTokenRecord t : tokens) {
      assertThat(table.insert(t, true)).isTrue();
    }

    for (AccessTokenRecord t : tokens) {
      assertThat(table.find(t.tokenHash())).isEqualTo(t);
      assertThat(table.shapeOf(t.tokenHash())).isEqualTo(expectedShape(t));
    }
    AccessTokenTable.Shape svcAb = table.shapeOf(tokens.get(0).tokenHash());
    for (int i : new int[] {2, 3, 6, 7, 10, 11}) {
      assertThat(table.shapeOf(tokens.get(i).tokenHash())).as("token %d", i).isSameAs(svcAb);
    }
    assertThat(table.shapeOf(tokens.get(12).tokenHash()))
        .isSameAs(table.shapeOf(tokens.get(1).tokenHash()));
    // svc {a, b}; other {a, b}; svc as someone-else {a, b}; svc {a}; other as svc {a, b}
    assertThat(table.internedShapes()).as("the family's shape is not interned").isEqualTo(5);
  }

  @Test
  void concurrentClientsEachGetTheirOwnInternedShape() {
    int threads = 8;
    int perThread = 5_000;
    List<List<AccessTokenRecord>> issued =
        Race.run(
            threads,
            t -> {
              Random r = new Random(2_000 + t);
              // Equal values across threads, but each thread its own instances (immutable: a
              // record keeps them), so the hint is met within a thread and missed across.
              List<String> clients = List.of("c" + t % 3, "c" + (t + 1) % 3);
              List<Set<String>> scopeSets = List.of(Set.of("x", "y"), Set.of("x"));
              List<AccessTokenRecord> mine = new ArrayList<>();
              for (int i = 0; i < perThread; i++) {
                String client = clients.get(r.nextInt(2));
                Set<String> scopes =
                    r.nextInt(4) == 0
                        ? new LinkedHashSet<>(scopeSets.get(r.nextInt(2)))
                        : scopeSets.get(r.nextInt(2));
                String subject = r.nextInt(4) == 0 ? "sub-" + client : client;
                AccessTokenRecord token = grantless(randomHash(r), client, subject, scopes);
                assertThat(table.insert(token, i % 2 == 0)).isTrue();
                assertThat(table.shapeOf(token.tokenHash())).isEqualTo(expectedShape(token));
                mine.add(token);
              }
              return mine;
            });

    Map<AccessTokenTable.Shape, AccessTokenTable.Shape> interned = new HashMap<>();
    for (List<AccessTokenRecord> mine : issued) {
      for (AccessTokenRecord token : mine) {
        AccessTokenTable.Shape shape = table.shapeOf(token.tokenHash());
        assertThat(shape).isEqualTo(expectedShape(token));
        assertThat(shape).isSameAs(interned.computeIfAbsent(shape, k -> shape));
      }
    }
    // 3 clients × 2 scope sets × 2 subjects
    assertThat(interned).hasSize(12);
    assertThat(table.internedShapes()).isEqualTo(12);
  }

  private static AccessTokenRecord grantless(
      TokenHash hash, String clientId, String subject, Set<String> scopes) {
    return new AccessTokenRecord(
        hash, null, clientId, subject, scopes, T0, T0.plusSeconds(60), AccessTokenState.ACTIVE);
  }

  private static AccessTokenTable.Shape expectedShape(AccessTokenRecord token) {
    return new AccessTokenTable.Shape(
        token.grantId(), token.clientId(), token.subject(), token.scopes());
  }

  @Test
  void clientCredentialsTokensStoreNoReference() {
    Random random = new Random(15);
    for (int i = 0; i < 5_000; i++) {
      table.insert(token(randomHash(random), Duration.ofSeconds(60)), true);
    }
    assertThat(table.referencedShapes()).as("interned shapes go by number").isZero();
    TokenHash f = randomHash(random);
    table.insert(ofFamily(f, "g1", T0, T0.plusSeconds(60)), true);
    assertThat(table.referencedShapes()).isEqualTo(1);
    table.remove(f);
    assertThat(table.referencedShapes()).isZero();
  }

  @Test
  void shapesBeyondTheCapAreReferencedAndStillReportNoFamily() {
    AccessTokenTable small = new AccessTokenTable(clock, evicted::add, 1);
    Random random = new Random(16);
    List<AccessTokenRecord> tokens = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      AccessTokenRecord t =
          clientCredentials(randomHash(random), "c" + i % 4, Set.of("api"), T0, T0.plusSeconds(1));
      tokens.add(t);
      small.insert(t, true);
    }
    assertThat(small.referencedShapes()).as("all but client c0's").isEqualTo(30);
    assertThat(tokens).allSatisfy(t -> assertThat(small.find(t.tokenHash())).isEqualTo(t));
    clock.advance(Duration.ofSeconds(2));
    small.purge(clock.instant(), 1_000);
    assertThat(small.size()).isZero();
    assertThat(small.referencedShapes()).isZero();
    assertThat(evicted).as("client-credentials tokens belong to no family").isEmpty();
  }

  @Test
  void expiryTimesFarInTheFutureAreComparedExactly() {
    // Sweeps compare whole seconds that stop growing in 2057; beyond that they compare exactly.
    Instant late = Instant.parse("2100-01-01T00:00:00Z");
    TokenHash sooner = TokenHash.of("s".repeat(43));
    TokenHash later = TokenHash.of("l".repeat(43));
    TokenHash never = TokenHash.of("n".repeat(43));
    table.insert(clientCredentials(sooner, "svc", Set.of("api"), T0, late), true);
    table.insert(clientCredentials(later, "svc", Set.of("api"), T0, late.plusSeconds(3)), true);
    table.insert(clientCredentials(never, "svc", Set.of("api"), T0, Instant.MAX), true);

    table.purge(T0, 1_000);
    table.purge(Instant.parse("2090-01-01T00:00:00Z"), 1_000);
    assertThat(table.size()).as("nothing has expired yet").isEqualTo(3);

    table.purge(late.plusSeconds(1), 1_000);
    assertThat(table.find(sooner)).isNull();
    assertThat(table.find(later)).isNotNull();
    assertThat(table.find(never)).isNotNull();
    table.purge(late.plusSeconds(4), 1_000);
    assertThat(table.find(later)).isNull();
    assertThat(table.find(never)).isNotNull();
    table.purge(Instant.MAX, 1_000);
    assertThat(table.find(never)).as("expiresAt is not before Instant.MAX").isNotNull();
  }

  @Test
  void internedShapesRespectTheCap() {
    AccessTokenTable small = new AccessTokenTable(clock, g -> {}, 3);
    Random random = new Random(12);
    List<AccessTokenRecord> tokens = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      for (int copy = 0; copy < 2; copy++) {
        AccessTokenRecord t =
            clientCredentials(randomHash(random), "c" + i, Set.of("api"), T0, T0.plusSeconds(60));
        tokens.add(t);
        small.insert(t, true);
      }
    }
    assertThat(small.internedShapes()).isEqualTo(3);
    for (AccessTokenRecord t : tokens) {
      assertThat(small.find(t.tokenHash())).isEqualTo(t);
    }
  }

  @Test
  void manyThreadsHaveExactlyOneWinnerPerSharedKey() {
    int threads = 16;
    int own = 3_000;
    Random random = new Random(13);
    List<TokenHash> shared = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      shared.add(randomHash(random));
    }
    AtomicIntegerArray inserted = new AtomicIntegerArray(shared.size());
    AtomicIntegerArray revoked = new AtomicIntegerArray(shared.size());
    List<List<TokenHash>> owned =
        Race.run(
            threads,
            t -> {
              Random r = new Random(1_000 + t);
              List<TokenHash> mine = new ArrayList<>();
              for (int i = 0; i < own; i++) {
                TokenHash h = randomHash(r);
                mine.add(h);
                if (i % 3 == 2) {
                  table.append(token(h, Duration.ofHours(1))); // entered with its batch
                } else {
                  assertThat(table.insert(token(h, Duration.ofHours(1)), i % 3 == 0)).isTrue();
                }
                assertThat(table.find(h)).isNotNull();
                int s = (i * 7 + t) % shared.size();
                if (table.insert(token(shared.get(s), Duration.ofHours(1)), true)) {
                  inserted.incrementAndGet(s);
                }
                int v = (i * 13 + t * 5) % shared.size();
                if (table.revoke(shared.get(v))) {
                  revoked.incrementAndGet(v);
                }
                if (i % 3 == 0) {
                  assertThat(table.revoke(h)).isTrue();
                }
              }
              return mine;
            });
    int sharedPresent = 0;
    for (int s = 0; s < shared.size(); s++) {
      AccessTokenRecord found = table.find(shared.get(s));
      assertThat(inserted.get(s)).isEqualTo(found == null ? 0 : 1);
      assertThat(revoked.get(s)).isLessThanOrEqualTo(1);
      if (found != null) {
        sharedPresent++;
        assertThat(found.state())
            .isEqualTo(revoked.get(s) == 1 ? AccessTokenState.REVOKED : AccessTokenState.ACTIVE);
      }
    }
    for (List<TokenHash> mine : owned) {
      for (int i = 0; i < mine.size(); i++) {
        assertThat(table.find(mine.get(i)).state())
            .isEqualTo(i % 3 == 0 ? AccessTokenState.REVOKED : AccessTokenState.ACTIVE);
      }
    }
    assertThat(table.size()).isEqualTo(threads * own + sharedPresent);
  }
}
