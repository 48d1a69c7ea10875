package dev.keyway.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that tests move by hand: every expiry in Keyway is measured by the injected
 * clock, so a test can step to the millisecond before and at a boundary. Thread-safe; also
 * published in the core test-jar for store implementers running the contract suite.
 */
public final class MutableClock extends Clock {

  private volatile Instant now;

  public MutableClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /** A clock standing at {@code start}. */
  public static MutableClock at(Instant start) {
    return new MutableClock(start);
  }

  /** A clock standing at 2026-01-01T00:00:00Z. */
  public static MutableClock startingAt2026() {
    return at(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** A clock standing at 2030-01-01T00:00:00Z. */
  public static MutableClock start() {
    return at(Instant.parse("2030-01-01T00:00:00Z"));
  }

  /** Moves the clock forward (or back, with a negative duration). */
  public MutableClock advance(Duration step) {
    now = now.plus(step);
    return this;
  }

  /** Puts the clock at {@code instant}. */
  public MutableClock set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
