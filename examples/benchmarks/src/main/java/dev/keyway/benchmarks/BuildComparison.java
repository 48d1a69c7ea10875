package dev.keyway.benchmarks;

import java.io.File;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Two or more builds of Keyway compared in one JVM: each benchmarks jar is loaded by a class loader
 * of its own, and {@link TokenEndpointBenchmark#floor} (of the first) and each build's {@link
 * TokenEndpointBenchmark#clientCredentials} run in alternating 5 ms slices on one thread, as {@link
 * InterleavedRatio} alternates the floor and one build. Every build meets the same machine at the
 * same moments, so a difference of a few per cent between two builds shows even where the machine's
 * speed changes from one second to the next; two separate runs of one build can differ by more than
 * that.
 *
 * <p>Prints each build's ratio to the floor, and for two builds the quartiles of the second's rate
 * over the first's per one-second window. Run a build against a copy of itself first: its quartiles
 * show what "no difference" looks like on the machine at that time.
 *
 * <pre>
 * java -Xms6g -Xmx6g -XX:+AlwaysPreTouch -cp examples/benchmarks/target/benchmarks.jar \
 *   dev.keyway.benchmarks.BuildComparison warmupSeconds seconds before.jar after.jar [more.jar…]
 * </pre>
 */
public final class BuildComparison {

  private static final long WINDOW_NANOS = 1_000_000_000L;

  private BuildComparison() {}

  /** Runs the comparison; see the class comment for the arguments. */
  public static void main(String[] args) throws Throwable {
    if (args.length < 3) {
      System.err.println("usage: BuildComparison warmupSeconds seconds build.jar [build.jar…]");
      System.exit(2);
    }
    int warmupSeconds = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    if (warmupSeconds < 0 || seconds < 1) {
      System.err.println("warmupSeconds must be at least 0 and seconds at least 1");
      System.exit(2);
    }
    List<String> jars = Arrays.asList(args).subList(2, args.length);
    int builds = jars.size();
    IntSupplier[] ops = new IntSupplier[builds + 1]; // the floor, then one per build
    for (int i = 0; i < builds; i++) {
      Object bench = loadBenchmark(jars.get(i));
      ops[i + 1] = call(bench, "clientCredentials");
      if (i == 0) {
        ops[0] = call(bench, "floor");
      }
    }
    run(ops, warmupSeconds * 1_000_000_000L); // fills each build's store, compiles
    List<long[]> windows = new ArrayList<>();
    long[] total = new long[2 * ops.length];
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      long[] w = run(ops, WINDOW_NANOS);
      for (int i = 0; i < w.length; i++) {
        total[i] += w[i];
      }
      windows.add(w);
    }
    StringBuilder out = new StringBuilder(String.format("floor %.0f ops/s", rate(total, 0)));
    for (int i = 0; i < builds; i++) {
      out.append(
          String.format(
              " | %s %.0f ops/s, ratio %.3f",
              new File(jars.get(i)).getName(),
              rate(total, i + 1),
              rate(total, i + 1) / rate(total, 0)));
    }
    if (builds == 2) {
      double[] second =
          windows.stream().mapToDouble(w -> rate(w, 2) / rate(w, 1)).sorted().toArray();
      out.append(
          String.format(
              " | second ÷ first per window: p25 %.3f median %.3f p75 %.3f (%d windows)",
              second[second.length / 4],
              second[second.length / 2],
              second[second.length * 3 / 4],
              second.length));
    }
    System.out.println(out);
    System.exit(0); // the builds' stores keep threads of their own
  }

  /** A set-up {@link TokenEndpointBenchmark} of the build in {@code jar}, on the memory stores. */
  private static Object loadBenchmark(String jar) throws Exception {
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {new File(jar).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
    Class<?> type = loader.loadClass(TokenEndpointBenchmark.class.getName());
    Object bench = type.getDeclaredConstructor().newInstance();
    type.getField("store").set(bench, "memory");
    type.getMethod("setUp").invoke(bench);
    return bench;
  }

  /** Calls the benchmark method {@code name}; 1 when it returned something, else 0. */
  private static IntSupplier call(Object bench, String name) throws Exception {
    MethodHandle method =
        MethodHandles.publicLookup().unreflect(bench.getClass().getMethod(name)).bindTo(bench);
    return () -> {
      try {
        return method.invoke() == null ? 0 : 1;
      } catch (Throwable e) {
        throw new IllegalStateException(name + " failed", e);
      }
    };
  }

  /** Alternates a slice of each for about {@code nanos}; returns ops and time of each. */
  private static long[] run(IntSupplier[] ops, long nanos) {
    long[] out = new long[2 * ops.length];
    long sink = 0;
    long end = System.nanoTime() + nanos;
    while (System.nanoTime() < end) {
      for (int i = 0; i < ops.length; i++) {
        sink += InterleavedRatio.slice(ops[i], out, 2 * i);
      }
    }
    if (sink == 42) {
      System.out.print(""); // keeps the results alive
    }
    return out;
  }

  private static double rate(long[] m, int i) {
    return m[2 * i] * 1e9 / m[2 * i + 1];
  }
}
