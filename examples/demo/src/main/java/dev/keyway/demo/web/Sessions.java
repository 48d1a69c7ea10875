package dev.keyway.demo.web;

import dev.keyway.spi.OAuthRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's browser sessions, in memory. A session is created when the sign-in page is first
 * shown (to hold that form's CSRF token) and replaced by a new one on sign-in, so an id planted
 * before sign-in is worth nothing after it (session fixation). Sessions are keyed by the SHA-256 of
 * their id, expire after {@link #TTL}, and there are at most {@link #MAX_SESSIONS} at once.
 */
public final class Sessions {

  /** The session cookie's name. */
  public static final String COOKIE = "keyway_demo_session";
  /** How long a session lasts, signed in or not. */
  public static final Duration TTL = Duration.ofHours(8);
  /** The most sessions kept at once; the oldest are dropped first. */
  static final int MAX_SESSIONS = 10_000;

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
              csrfToken.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
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

  private final Map<String, Session> byIdHash = new ConcurrentHashMap<>();
  private final Clock clock;

  /** @param clock the clock expiry is measured by */
  public Sessions(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The live session named by the request's cookie, if any. */
  public Optional<Session> find(OAuthRequest request) {
    Instant now = clock.instant();
    for (String id : Cookies.values(request, COOKIE)) {
      Session s = byIdHash.get(hash(id));
      if (s != null && now.isBefore(s.expiresAt())) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
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
    }
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
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hash(String id) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
