package dev.keyway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecureTokensTest {

  @Test
  @DisplayName(
      "TK-01: 32 threads draw 320,000 credentials from the pools: all distinct, all 256 bits")
  void concurrentDrawsNeverRepeatAndKeepTheShape() throws Exception {
    int threads = 32;
    int each = 10_000;
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    String token = SecureTokens.newToken();
                    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]{43}");
                    seen.add(token);
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(threads * each);
  }

  @Test
  @DisplayName("a pool hands out each byte once and wipes it: no two draws overlap")
  void aPoolNeverHandsOutTheSameBytesTwice() {
    SecureTokens.RandomPool pool = new SecureTokens.RandomPool();
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 1_000; i++) { // about 31 refills of the 1 KiB buffer
      byte[] out = new byte[SecureTokens.TOKEN_BYTES];
      pool.next(out);
      assertThat(seen.add(java.util.HexFormat.of().formatHex(out))).isTrue();
    }
  }
}
