package dev.keyway.demo.web;

import dev.keyway.Secret;
import dev.keyway.spi.OAuthRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's browser sessions, in memory. A session is created when the sign-in page is first shown
 * (to hold that form's CSRF token) and replaced by a new one on sign-in, so an id planted before
 * sign-in is worth nothing after it (session fixation). Sessions are keyed by the SHA-256 of their
 * id, expire after {@link #TTL}, and there are at most {@link #MAX_SESSIONS} at once.
 *
 * <p>A session can also hold a secret to be shown once (a new client secret, between the form post
 * that created it and the page that shows it): {@link #holdOnce} and {@link #takeOnce}.
 */
public final class Sessions {

  /** The session cookie's name. */
  public static final String COOKIE = "keyway_demo_session";

  /** How long a session lasts, signed in or not. */
  public static final Duration TTL = Duration.ofHours(8);

  /** The most sessions kept at once; the oldest are dropped first. */
  static final int MAX_SESSIONS = 10_000;

  /** How long a secret held for one showing waits for that showing before it is dropped. */
  public static final Duration HOLD_TTL = Duration.ofMinutes(10);

  /** The most secrets one session holds at once; the oldest is dropped first. */
  static final int MAX_HELD_PER_SESSION = 8;

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * One session.
   *
   * @param csrfToken the token every form of this session carries
   * @param userId the signed-in user, or {@code null} before sign-in
   * @param signedInAt when the user signed in, or {@code null}
   * @param expiresAt when the session ends
   */
  public record Session(String csrfToken, String userId, Instant signedInAt, Instant expiresAt) {
    public Session {
      Objects.requireNonNull(csrfToken, "csrfToken");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether {@code presented} is this session's CSRF token (constant time). */
    public boolean csrfMatches(String presented) {
      return presented != null
          && MessageDigest.isEqual(
              csrfToken.getBytes(StandardCharsets.UTF_8),
              presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "Session[userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
  }

  /**
   * A session just created, with the raw id that goes into the cookie (and nowhere else).
   *
   * @param id the raw session id
   * @param session the session
   */
  public record Started(String id, Session session) {
    @Override
    public String toString() {
      return "Started[" + session + "]";
    }
  }

  /** A secret waiting to be shown once. */
  private record Held(String key, Secret secret, Instant expiresAt) {}

  private final Map<String, Session> byIdHash = new ConcurrentHashMap<>();

  /** Per session (by id hash): the secrets held for one showing, oldest first. */
  private final Map<String, Deque<Held>> heldByIdHash = new ConcurrentHashMap<>();

  private final Clock clock;

  /**
   * @param clock the clock expiry is measured by
   */
  public Sessions(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The live session named by the request's cookie, if any. */
  public Optional<Session> find(OAuthRequest request) {
    return liveIdHash(request).map(byIdHash::get);
  }

  /** Starts a session, signed in as {@code userId} when that is not {@code null}. */
  public Started start(String userId) {
    Instant now = clock.instant();
    makeRoom(now);
    String id = random();
    Session session = new Session(random(), userId, userId == null ? null : now, now.plus(TTL));
    byIdHash.put(hash(id), session);
    return new Started(id, session);
  }

  /** Ends every session the request's cookie names. */
  public void end(OAuthRequest request) {
    for (String id : Cookies.values(request, COOKIE)) {
      byIdHash.remove(hash(id));
      heldByIdHash.remove(hash(id));
    }
  }

  /**
   * Holds {@code secret} under {@code key} in the request's live session until {@link #takeOnce}
   * reads it, for at most {@link #HOLD_TTL}. Returns false (and holds nothing) without a session.
   */
  public boolean holdOnce(OAuthRequest request, String key, Secret secret) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(secret, "secret");
    Optional<String> idHash = liveIdHash(request);
    if (idHash.isEmpty()) {
      return false;
    }
    Instant now = clock.instant();
    dropExpiredHolds(now);
    Instant expiresAt = now.plus(HOLD_TTL);
    heldByIdHash.compute(
        idHash.get(),
        (k, held) -> {
          Deque<Held> next = held == null ? new ArrayDeque<>() : held;
          next.removeIf(h -> h.key().equals(key));
          next.addLast(new Held(key, secret, expiresAt));
          while (next.size() > MAX_HELD_PER_SESSION) {
            next.removeFirst();
          }
          return next;
        });
    return true;
  }

  /**
   * The secret held under {@code key} for the request's live session, removed as it is read: a
   * second call answers empty. Expired holds answer empty too.
   */
  public Optional<Secret> takeOnce(OAuthRequest request, String key) {
    Optional<String> idHash = liveIdHash(request);
    if (idHash.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Held[] taken = new Held[1];
    heldByIdHash.computeIfPresent(
        idHash.get(),
        (k, held) -> {
          held.removeIf(h -> !now.isBefore(h.expiresAt()));
          for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.key().equals(key)) {
              taken[0] = h;
              it.remove();
            }
          }
          return held.isEmpty() ? null : held;
        });
    return Optional.ofNullable(taken[0]).map(Held::secret);
  }

  /** Forgets every held secret past its time, so none stays in memory for long unclaimed. */
  private void dropExpiredHolds(Instant now) {
    for (String idHash : heldByIdHash.keySet()) {
      heldByIdHash.computeIfPresent(
          idHash,
          (k, held) -> {
            held.removeIf(h -> !now.isBefore(h.expiresAt()));
            return held.isEmpty() ? null : held;
          });
    }
  }

  /** The id hash of the live session named by the request's cookie, if any. */
  private Optional<String> liveIdHash(OAuthRequest request) {
    Instant now = clock.instant();
    for (String id : Cookies.values(request, COOKIE)) {
      String h = hash(id);
      Session s = byIdHash.get(h);
      if (s != null && now.isBefore(s.expiresAt())) {
        return Optional.of(h);
      }
    }
    return Optional.empty();
  }

  /** How many sessions are held (for tests). */
  int size() {
    return byIdHash.size();
  }

  private void makeRoom(Instant now) {
    if (byIdHash.size() < MAX_SESSIONS) {
      return;
    }
    byIdHash.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    while (byIdHash.size() >= MAX_SESSIONS) {
      byIdHash.entrySet().stream()
          .min(Comparator.comparing((Map.Entry<String, Session> e) -> e.getValue().expiresAt()))
          .ifPresent(e -> byIdHash.remove(e.getKey(), e.getValue()));
    }
    heldByIdHash.keySet().retainAll(byIdHash.keySet());
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hash(String id) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
