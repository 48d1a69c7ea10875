package dev.keyway.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The ratio of {@link TokenEndpointBenchmark#clientCredentials} to {@link
 * TokenEndpointBenchmark#floor}, measured in slices of a few milliseconds that alternate between
 * the two on one thread, so that both meet the same machine: a diagnostic beside the JMH run, for
 * shared virtual machines whose speed changes from one second to the next (JMH measures all of one
 * benchmark's iterations, then all of the other's, so such changes move its ratio).
 *
 * <p>Prints the ratio over the whole run and the median and quartiles of the ratios of consecutive
 * one-second windows.
 *
 * <pre>
 * java -Xms4g -Xmx4g -XX:+AlwaysPreTouch -cp examples/benchmarks/target/benchmarks.jar \
 *   dev.keyway.benchmarks.InterleavedRatio [warmupSeconds=20] [seconds=60] [store=memory]
 * </pre>
 */
public final class InterleavedRatio {

  private static final long SLICE_NANOS = 5_000_000L;
  private static final long WINDOW_NANOS = 1_000_000_000L;

  private InterleavedRatio() {}

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int warmupSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    TokenEndpointBenchmark bench = new TokenEndpointBenchmark();
    bench.store = args.length > 2 ? args[2] : "memory";
    bench.setUp();
    try {
      measure(bench, warmupSeconds * 1_000_000_000L); // warm-up: fills the store, compiles
      List<Double> windows = new ArrayList<>();
      long[] total = new long[4]; // floor ops, floor ns, endpoint ops, endpoint ns
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        long[] w = measure(bench, WINDOW_NANOS);
        for (int i = 0; i < 4; i++) {
          total[i] += w[i];
        }
        windows.add(ratio(w));
      }
      Collections.sort(windows);
      System.out.printf(
          "floor %.0f ops/s, clientCredentials %.0f ops/s, ratio %.3f; per %d ms window:"
              + " p25 %.3f median %.3f p75 %.3f (%d windows)%n",
          rate(total[0], total[1]),
          rate(total[2], total[3]),
          ratio(total),
          WINDOW_NANOS / 1_000_000,
          windows.get(windows.size() / 4),
          windows.get(windows.size() / 2),
          windows.get(windows.size() * 3 / 4),
          windows.size());
    } finally {
      bench.tearDown();
    }
  }

  /** Alternates slices of the two for about {@code nanos}; returns ops and time of each. */
  private static long[] measure(TokenEndpointBenchmark bench, long nanos) {
    long[] out = new long[4];
    IntSupplier floor = () -> floorOnce(bench);
    IntSupplier endpoint = () -> bench.clientCredentials().status();
    long sink = 0;
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      sink += slice(floor, out, 0);
      sink += slice(endpoint, out, 2);
    }
    if (sink == 42) {
      System.out.print(""); // keeps the results alive
    }
    return out;
  }

  /**
   * Runs {@code op} for one slice, adding the operations and nanoseconds to {@code out[at]} and
   * {@code out[at + 1]}; returns what the operations returned, summed.
   */
  static long slice(IntSupplier op, long[] out, int at) {
    long start = System.nanoTime();
    long sliceEnd = start + SLICE_NANOS;
    long now;
    long ops = 0;
    long sink = 0;
    do {
      for (int i = 0; i < 16; i++) {
        sink += op.getAsInt();
      }
      ops += 16;
      now = System.nanoTime();
    } while (now < sliceEnd);
    out[at] += ops;
    out[at + 1] += now - start;
    return sink;
  }

  private static int floorOnce(TokenEndpointBenchmark bench) {
    try {
      return bench.floor().length();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static double rate(long ops, long nanos) {
    return ops * 1e9 / nanos;
  }

  private static double ratio(long[] m) {
    return rate(m[2], m[3]) / rate(m[0], m[1]);
  }
}
