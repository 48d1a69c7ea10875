package dev.keyway.store.contract;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The fault schedule shared by the {@code FaultInjecting…} store decorators (RL-01…RL-04, RL-08). A
 * rule names a store method (or any store call), which call(s) it applies to, whether it acts
 * before the delegate runs (the store never sees the call) or after (the write happened but the
 * caller never learns it), and what it does: throw, or block on a latch.
 *
 * <pre>{@code
 * StoreFaults faults = new StoreFaults();
 * TokenStore tokens = new FaultInjectingTokenStore(realTokens, faults);
 * faults.on(TokenStore.class, "rotate").onCall(1).fail();              // the first rotate throws
 * faults.on(TokenStore.class, "rotate").after().block(inside, release); // block after it wrote
 * faults.onAnyCall().onCall(3).fail();             // the 3rd call to any decorated store throws
 * }</pre>
 *
 * <p>One instance may serve several decorators, so "the k-th store call of a request" counts calls
 * across all of them. Thread-safe.
 */
public final class StoreFaults {

  /** Whether a rule acts before the delegate is called or after it returned. */
  public enum Phase {
    BEFORE,
    AFTER
  }

  /** The exception a failing rule throws unless it was given another. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InjectedFault(String message) {
      super(message);
    }
  }

  /** How long a blocked call waits for its release before it fails instead of hanging the build. */
  private static final long HANG_GUARD_SECONDS = 120;

  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();

  /** Starts a rule for {@code method} of the store interface {@code store}. */
  public Rule on(Class<?> store, String method) {
    boolean exists =
        Arrays.stream(store.getMethods()).map(Method::getName).anyMatch(method::equals);
    if (!store.isInterface() || !exists) {
      throw new IllegalArgumentException(store.getSimpleName() + " has no method " + method);
    }
    return new Rule(key(store, method));
  }

  /** Starts a rule that counts every call to every decorated store. */
  public Rule onAnyCall() {
    return new Rule(null);
  }

  /** How many times {@code method} of {@code store} has been called through the decorators. */
  public int calls(Class<?> store, String method) {
    AtomicInteger n = counts.get(key(store, method));
    return n == null ? 0 : n.get();
  }

  /** How many store calls went through the decorators in all. */
  public int totalCalls() {
    return total.get();
  }

  /** Removes every rule and resets the counters. */
  public void reset() {
    rules.clear();
    counts.clear();
    total.set(0);
  }

  /** Runs one decorated call under the schedule; for decorators. */
  public <T> T invoke(Class<?> store, String method, Supplier<T> call) {
    String key = key(store, method);
    int nth = counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    int overall = total.incrementAndGet();
    apply(key, nth, overall, Phase.BEFORE);
    T result = call.get();
    apply(key, nth, overall, Phase.AFTER);
    return result;
  }

  /** {@link #invoke} for a method without a result. */
  public void run(Class<?> store, String method, Runnable call) {
    invoke(
        store,
        method,
        () -> {
          call.run();
          return null;
        });
  }

  private void apply(String key, int nth, int overall, Phase phase) {
    for (Rule rule : rules) {
      if (rule.phase == phase && rule.matches(key, nth, overall)) {
        rule.act(key, phase);
      }
    }
  }

  private static String key(Class<?> store, String method) {
    return store.getSimpleName() + "." + method;
  }

  /** One rule, configured fluently and activated by {@link #fail()} or {@link #block}. */
  public final class Rule {
    private final String key;
    private int from = 1;
    private int to = 1;
    private Phase phase = Phase.BEFORE;
    private Supplier<? extends RuntimeException> failure;
    private CountDownLatch reached;
    private CountDownLatch release;

    private Rule(String key) {
      this.key = key;
    }

    /** Applies to the k-th matching call only (1-based; the default is the first). */
    public Rule onCall(int k) {
      this.from = k;
      this.to = k;
      return this;
    }

    /** Applies to the k-th matching call and every later one. */
    public Rule fromCall(int k) {
      this.from = k;
      this.to = Integer.MAX_VALUE;
      return this;
    }

    /** Applies to every matching call. */
    public Rule everyCall() {
      return fromCall(1);
    }

    /** Acts after the delegate returned: its writes happened, its result is lost. */
    public Rule after() {
      this.phase = Phase.AFTER;
      return this;
    }

    /** Acts before the delegate is called (the default): the store never sees the call. */
    public Rule before() {
      this.phase = Phase.BEFORE;
      return this;
    }

    /** Throws an {@link InjectedFault}. */
    public StoreFaults fail() {
      return fail(() -> new InjectedFault("injected store fault"));
    }

    /** Throws what {@code exception} supplies. */
    public StoreFaults fail(Supplier<? extends RuntimeException> exception) {
      this.failure = Objects.requireNonNull(exception);
      rules.add(this);
      return StoreFaults.this;
    }

    /** Counts {@code reached} down, then waits until {@code release} is counted down. */
    public StoreFaults block(CountDownLatch reached, CountDownLatch release) {
      this.reached = Objects.requireNonNull(reached);
      this.release = Objects.requireNonNull(release);
      rules.add(this);
      return StoreFaults.this;
    }

    private boolean matches(String calledKey, int nth, int overall) {
      int n = key == null ? overall : nth;
      return (key == null || key.equals(calledKey)) && n >= from && n <= to;
    }

    private void act(String calledKey, Phase when) {
      if (failure != null) {
        throw failure.get();
      }
      reached.countDown();
      try {
        if (!release.await(HANG_GUARD_SECONDS, TimeUnit.SECONDS)) {
          throw new IllegalStateException(
              calledKey + " was blocked " + when + " and never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while blocked in " + calledKey, e);
      }
    }
  }
}
