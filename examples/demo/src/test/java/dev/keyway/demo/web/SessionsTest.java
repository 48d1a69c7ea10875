package dev.keyway.demo.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.Secret;
import dev.keyway.demo.support.MutableClock;
import dev.keyway.spi.OAuthRequest;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionsTest {

  private static OAuthRequest withCookie(String value) {
    return OAuthRequest.builder("GET")
        .path("/")
        .header("Cookie", "other=1; " + Sessions.COOKIE + "=" + value)
        .build();
  }

  @Test
  void sessionIsFoundByItsCookieUntilItExpires() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Sessions sessions = new Sessions(clock);
    Sessions.Started started = sessions.start("alice");
    assertThat(sessions.find(withCookie(started.id())))
        .hasValueSatisfying(s -> assertThat(s.userId()).isEqualTo("alice"));
    assertThat(sessions.find(withCookie("forged"))).isEmpty();
    clock.advance(Sessions.TTL);
    assertThat(sessions.find(withCookie(started.id()))).isEmpty();
  }

  @Test
  void endForgetsTheSession() {
    Sessions sessions = new Sessions(Clock.systemUTC());
    Sessions.Started started = sessions.start(null);
    sessions.end(withCookie(started.id()));
    assertThat(sessions.find(withCookie(started.id()))).isEmpty();
  }

  @Test
  void csrfTokenComparison() {
    Sessions.Session s = new Sessions(Clock.systemUTC()).start(null).session();
    assertThat(s.csrfMatches(s.csrfToken())).isTrue();
    assertThat(s.csrfMatches(s.csrfToken() + "x")).isFalse();
    assertThat(s.csrfMatches(null)).isFalse();
    assertThat(s.toString()).doesNotContain(s.csrfToken());
  }

  @Test
  void theNumberOfSessionsIsBounded() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Sessions sessions = new Sessions(clock);
    Sessions.Started first = sessions.start(null);
    for (int i = 0; i < Sessions.MAX_SESSIONS + 5; i++) {
      clock.advance(java.time.Duration.ofMillis(1));
      sessions.start(null);
    }
    assertThat(sessions.size()).isLessThanOrEqualTo(Sessions.MAX_SESSIONS);
    assertThat(sessions.find(withCookie(first.id())))
        .as("the oldest session was dropped")
        .isEmpty();
  }

  @Test
  void aHeldSecretIsTakenOnceByItsOwnSessionOnly() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Sessions sessions = new Sessions(clock);
    OAuthRequest mine = withCookie(sessions.start("alice").id());
    OAuthRequest other = withCookie(sessions.start("alice").id());
    assertThat(sessions.holdOnce(mine, "k", Secret.of("s3cret"))).isTrue();
    assertThat(sessions.takeOnce(other, "k")).isEmpty();
    assertThat(sessions.takeOnce(mine, "other-key")).isEmpty();
    assertThat(sessions.takeOnce(mine, "k")).hasValue(Secret.of("s3cret"));
    assertThat(sessions.takeOnce(mine, "k")).as("a second read").isEmpty();
    assertThat(sessions.holdOnce(withCookie("no-such-session"), "k", Secret.of("x"))).isFalse();
  }

  @Test
  void aHeldSecretIsDroppedAfterItsTimeAndWithTheSession() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Sessions sessions = new Sessions(clock);
    Sessions.Started started = sessions.start("alice");
    OAuthRequest request = withCookie(started.id());
    sessions.holdOnce(request, "late", Secret.of("a"));
    clock.advance(Sessions.HOLD_TTL);
    assertThat(sessions.takeOnce(request, "late")).isEmpty();

    sessions.holdOnce(request, "ended", Secret.of("b"));
    sessions.end(request);
    Sessions.Started again = sessions.start("alice");
    assertThat(sessions.takeOnce(withCookie(again.id()), "ended")).isEmpty();
    assertThat(sessions.takeOnce(request, "ended")).isEmpty();
  }
}
