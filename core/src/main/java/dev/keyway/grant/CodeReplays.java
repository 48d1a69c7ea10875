package dev.keyway.grant;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The grants whose authorization code this server has seen replayed, kept for ten minutes.
 *
 * <p>A replay revokes the grant issued from the code (RFC 6749 §4.1.2). But a concurrent loser
 * can find the code redeemed before the winner has stored the grant, and then has nothing to
 * revoke. So a replay is recorded here <em>before</em> the loser revokes, and the winner checks
 * here <em>after</em> it stored the grant: whichever order the two interleave in, one of them
 * revokes the grant. This closes the window within one server; servers sharing a store can still
 * interleave across it (see {@code docs/state-machines.md}).
 */
final class CodeReplays {

  private static final Duration RETENTION = Duration.ofMinutes(10);

  private final ConcurrentHashMap<String, Instant> replayed = new ConcurrentHashMap<>();

  /** Records that the code of this grant was replayed at {@code now}; forgets old entries. */
  void record(String grantId, Instant now) {
    replayed.put(grantId, now);
    Instant cutoff = now.minus(RETENTION);
    replayed.values().removeIf(at -> at.isBefore(cutoff)); // replays are rare: the map stays tiny
  }

  /** True when the code of this grant has been replayed. */
  boolean wasReplayed(String grantId) {
    return replayed.containsKey(grantId);
  }
}
