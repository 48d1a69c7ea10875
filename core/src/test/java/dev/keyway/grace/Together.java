package dev.keyway.grace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.token.fixture.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Releases N requests at once behind a latch and collects every reply. */
public final class Together {

  private Together() {}

  /**
   * Runs {@code request.apply(i)} for {@code i = 0 .. n-1}, each on its own thread, all released by
   * one latch once every thread is ready; returns the replies in order.
   */
  public static List<Reply> run(int n, IntFunction<Reply> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Reply>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        Callable<Reply> task =
            () -> {
              ready.countDown();
              go.await();
              return request.apply(index);
            };
        futures.add(pool.submit(task));
      }
      assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
      go.countDown();
      List<Reply> replies = new ArrayList<>();
      for (Future<Reply> f : futures) {
        replies.add(f.get(120, TimeUnit.SECONDS));
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }
}
