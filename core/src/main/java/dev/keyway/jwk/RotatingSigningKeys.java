package dev.keyway.jwk;

import com.nimbusds.jose.jwk.JWK;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Signing keys generated in memory and rotated on a schedule, for a single server instance (keys
 * are lost on restart, and with them every JWT they signed: use {@link FileSigningKeys} to share
 * keys between instances or keep them across restarts).
 *
 * <p>The life of a key:
 *
 * <ol>
 *   <li><b>announced</b>: {@link Builder#publishAhead publishAhead} before it starts signing, it is
 *       generated and published in the JWK set, so every verifier's cached copy learns it first;
 *   <li><b>current</b>: it signs every new token for {@link Builder#rotationInterval
 *       rotationInterval};
 *   <li><b>retired</b>: it no longer signs but stays published until the last token it signed has
 *       expired (plus {@link Builder#retentionMargin retentionMargin} for clock skew), then it is
 *       removed.
 * </ol>
 *
 * So during a rotation two keys of the same algorithm are published at once, told apart by {@code
 * kid}. Time comes from the given clock; the schedule advances when keys are asked for. {@link
 * #rotate()} announces the next key early. Thread-safe; the common path is one volatile read.
 */
public final class RotatingSigningKeys implements SigningKeys {

  /** One key and its schedule; {@code retiredAt} is null until it stops signing. */
  private record Entry(SigningKey key, Instant publishedAt, Instant signsFrom, Instant retiredAt) {
    Entry retire(Instant at) {
      return new Entry(key, publishedAt, signsFrom, at);
    }

    Instant removableAt(Duration margin) {
      Instant lastExpiry = key.latestExpiry();
      Instant base = lastExpiry.isAfter(retiredAt) ? lastExpiry : retiredAt;
      return base.plus(margin);
    }
  }

  /** An immutable snapshot; replaced as a whole under the lock. */
  private record State(
      Entry current, Entry next, List<Entry> retired, List<JWK> published, Instant nextCheck) {}

  private final SigningAlgorithm algorithm;
  private final Clock clock;
  private final Duration rotationInterval;
  private final Duration publishAhead;
  private final Duration retentionMargin;
  private volatile State state;

  private RotatingSigningKeys(Builder b) {
    this.algorithm = b.algorithm;
    this.clock = b.clock;
    this.rotationInterval = b.rotationInterval;
    this.publishAhead = b.publishAhead;
    this.retentionMargin = b.retentionMargin;
    this.state = advance(null, clock.instant(), false);
  }

  /** Starts a builder for keys of this algorithm. */
  public static Builder builder(SigningAlgorithm algorithm) {
    return new Builder(algorithm);
  }

  @Override
  public SigningKey signingKey() {
    return fresh().current.key;
  }

  @Override
  public List<JWK> verificationKeys() {
    return fresh().published;
  }

  /**
   * Announces the next key now, ahead of schedule: it is published at once and starts signing after
   * {@code publishAhead}; the current key is then retired as usual. Does nothing when a next key is
   * already announced. Returns the announced key.
   */
  public synchronized SigningKey rotate() {
    State s = advance(state, clock.instant(), true);
    state = s;
    return s.next.key;
  }

  private State fresh() {
    State s = state;
    if (clock.instant().isBefore(s.nextCheck)) {
      return s;
    }
    synchronized (this) {
      s = advance(state, clock.instant(), false);
      state = s;
      return s;
    }
  }

  /** Applies every transition due at {@code now} (and announces early when asked). */
  private State advance(State s, Instant now, boolean announceNow) {
    Entry current = s == null ? null : s.current;
    Entry next = s == null ? null : s.next;
    List<Entry> retired = s == null ? new ArrayList<>() : new ArrayList<>(s.retired);
    if (current == null) {
      current = new Entry(SigningKey.generate(algorithm), now, now, null);
    }
    if (next != null && !now.isBefore(next.signsFrom)) {
      retired.add(current.retire(now));
      current = next;
      next = null;
    }
    Instant announceAt = current.signsFrom.plus(rotationInterval).minus(publishAhead);
    if (next == null && (announceNow || !now.isBefore(announceAt))) {
      Instant scheduled = current.signsFrom.plus(rotationInterval);
      Instant earliest = now.plus(publishAhead);
      Instant signsFrom = announceNow || scheduled.isBefore(earliest) ? earliest : scheduled;
      next = new Entry(SigningKey.generate(algorithm), now, signsFrom, null);
    }
    retired.removeIf(e -> !now.isBefore(e.removableAt(retentionMargin)));

    Instant nextCheck = next != null ? next.signsFrom : announceAt;
    List<JWK> published = new ArrayList<>();
    published.add(current.key.publicJwk());
    if (next != null) {
      published.add(next.key.publicJwk());
    }
    for (Entry e : retired) {
      published.add(e.key.publicJwk());
      Instant removable = e.removableAt(retentionMargin);
      nextCheck = removable.isBefore(nextCheck) ? removable : nextCheck;
    }
    return new State(current, next, List.copyOf(retired), List.copyOf(published), nextCheck);
  }

  @Override
  public String toString() {
    State s = state;
    return "RotatingSigningKeys["
        + algorithm.jwsName()
        + ", current="
        + s.current.key.keyId()
        + ", published="
        + s.published.size()
        + "]";
  }

  /** Builds {@link RotatingSigningKeys}; validation happens in {@link #build()}. */
  public static final class Builder {
    private final SigningAlgorithm algorithm;
    private Clock clock = Clock.systemUTC();
    private Duration rotationInterval = Duration.ofDays(30);
    private Duration publishAhead = Duration.ofHours(1);
    private Duration retentionMargin = Duration.ofMinutes(5);

    private Builder(SigningAlgorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    }

    /** The clock the schedule runs on; give it the server's clock (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long each key signs (default 30 days). */
    public Builder rotationInterval(Duration interval) {
      this.rotationInterval = interval;
      return this;
    }

    /**
     * How long a new key is published before it signs (default 1 hour). Keep it above the JWK set's
     * {@code Cache-Control: max-age} (5 minutes) plus whatever verifiers add to it.
     */
    public Builder publishAhead(Duration publishAhead) {
      this.publishAhead = publishAhead;
      return this;
    }

    /**
     * How long a retired key stays published after the last token it signed expired, for clock skew
     * between this server and verifiers (default 5 minutes).
     */
    public Builder retentionMargin(Duration margin) {
      this.retentionMargin = margin;
      return this;
    }

    /** Validates the schedule, generates the first key and builds. */
    public RotatingSigningKeys build() {
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(rotationInterval, "rotationInterval");
      Objects.requireNonNull(publishAhead, "publishAhead");
      Objects.requireNonNull(retentionMargin, "retentionMargin");
      if (publishAhead.isNegative() || retentionMargin.isNegative()) {
        throw new IllegalArgumentException("publishAhead and retentionMargin must not be negative");
      }
      if (rotationInterval.compareTo(publishAhead) <= 0) {
        throw new IllegalArgumentException("rotationInterval must be longer than publishAhead");
      }
      return new RotatingSigningKeys(this);
    }
  }
}
