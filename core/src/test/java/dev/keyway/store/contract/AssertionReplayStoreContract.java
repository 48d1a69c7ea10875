package dev.keyway.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.internal.Hashing;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.AssertionReplayStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AssertionReplayStore} must pass: extend it and return a fresh, empty
 * store from {@link #newStore()}.
 */
public abstract class AssertionReplayStoreContract {

  /** The time of every call, unless a case moves it. */
  public static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static final TokenHash JTI = Hashing.tokenHash("jti-1");

  /** A new, empty store. */
  protected abstract AssertionReplayStore newStore();

  @Test
  void aFreshJtiIsRecordedOnceAndItsReplayRefused() {
    AssertionReplayStore store = newStore();
    assertThat(store.markUsed(JTI, "c1", NOW.plusSeconds(60), NOW)).isTrue();
    assertThat(store.markUsed(JTI, "c1", NOW.plusSeconds(60), NOW.plusSeconds(30))).isFalse();
    assertThat(store.markUsed(JTI, "c1", NOW.plusSeconds(120), NOW.plusSeconds(59))).isFalse();
  }

  @Test
  void theSameJtiFromAnotherClientIsItsOwn() {
    AssertionReplayStore store = newStore();
    assertThat(store.markUsed(JTI, "c1", NOW.plusSeconds(60), NOW)).isTrue();
    assertThat(store.markUsed(JTI, "c2", NOW.plusSeconds(60), NOW)).isTrue();
    assertThat(store.markUsed(JTI, "C1", NOW.plusSeconds(60), NOW))
        .isTrue(); // ids are case-sensitive
  }

  @Test
  void anExpiredRecordCountsAsAbsentAndIsReplaced() {
    AssertionReplayStore store = newStore();
    assertThat(store.markUsed(JTI, "c1", NOW.plusSeconds(60), NOW)).isTrue();
    assertThat(store.markUsed(JTI, "c1", NOW.plusSeconds(180), NOW.plusSeconds(60))).isTrue();
    assertThat(store.markUsed(JTI, "c1", NOW.plusSeconds(180), NOW.plusSeconds(120))).isFalse();
  }

  @Test
  void purgeRemovesOnlyExpiredRecords() {
    AssertionReplayStore store = newStore();
    store.markUsed(Hashing.tokenHash("a"), "c1", NOW.plusSeconds(10), NOW);
    store.markUsed(Hashing.tokenHash("b"), "c1", NOW.plusSeconds(20), NOW);
    store.markUsed(Hashing.tokenHash("c"), "c1", NOW.plusSeconds(300), NOW);

    assertThat(store.purgeExpired(NOW.plusSeconds(30))).isEqualTo(2);
    assertThat(
            store.markUsed(Hashing.tokenHash("c"), "c1", NOW.plusSeconds(300), NOW.plusSeconds(30)))
        .isFalse();
    assertThat(store.purgeExpired(NOW.plusSeconds(30))).isZero();
  }

  @Test
  @DisplayName("RFC 7523 §3 item 7: of concurrent uses of one jti, exactly one wins")
  void concurrentMarksHaveExactlyOneWinner() throws Exception {
    AssertionReplayStore store = newStore();
    int threads = 12;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return store.markUsed(JTI, "c1", NOW.plusSeconds(60), NOW);
                }));
      }
      ready.await();
      go.countDown();
      int winners = 0;
      for (Future<Boolean> f : results) {
        winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
