package dev.keyway.store.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs one task on N threads at once: every thread is started and waits on a latch, the latch is
 * released, and the results are returned in thread order. Used to show that exactly one of many
 * concurrent calls wins.
 */
public final class Race {

  /** A generous bound so that a deadlock fails the test instead of hanging the build. */
  private static final long HANG_GUARD_SECONDS = 120;

  private Race() {}

  /** Runs {@code task.apply(i)} for i in [0, threads) concurrently; any failure fails the race. */
  public static <T> List<T> run(int threads, IntFunction<T> task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.apply(index);
                }));
      }
      if (!ready.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("threads did not start");
      }
      go.countDown();
      List<T> results = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        try {
          results.add(futures.get(i).get(HANG_GUARD_SECONDS, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          throw new AssertionError("racing task " + i + " failed", e.getCause());
        } catch (TimeoutException e) {
          throw new AssertionError("racing task " + i + " did not finish (deadlock?)", e);
        }
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
