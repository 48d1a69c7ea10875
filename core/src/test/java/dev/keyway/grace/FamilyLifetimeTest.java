package dev.keyway.grace;

import static dev.keyway.grace.GraceServer.START;
import static dev.keyway.grace.GraceServer.refresh;
import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.event.SecurityEvent;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.token.fixture.Reply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The absolute family lifetime ({@code grantMaxLifetime}, measured from the first authorization)
 * and the sliding inactivity timeout ({@code refreshTokenTtl}, measured from the last rotation):
 * rotation never extends a family, and neither does a grace-window retry.
 */
class FamilyLifetimeTest {

  private static final Duration DAY = Duration.ofDays(1);
  private static final Duration MS = Duration.ofMillis(1);

  private static Instant day(long n) {
    return START.plus(DAY.multipliedBy(n));
  }

  @Test
  @DisplayName(
      "by default the family lives 7 days from the first authorization, however often it rotates")
  void defaultFamilyEndsSevenDaysAfterAuthorization() {
    GraceServer as = GraceServer.inMemory(b -> {});
    Reply first = as.firstTokens("c1");
    assertThat(as.refreshToken(first.refreshToken()).orElseThrow().expiresAt()).isEqualTo(day(7));

    as.clock.set(day(6));
    Reply second = as.send(refresh("c1", first.refreshToken()));
    as.clock.set(day(7).minus(MS));
    Reply third = as.send(refresh("c1", second.refreshToken()));
    as.clock.set(day(7));
    Reply late = as.send(refresh("c1", third.refreshToken()));

    assertTokens(second);
    assertTokens(third);
    assertThat(as.refreshToken(second.refreshToken()).orElseThrow().expiresAt())
        .as("not day 13")
        .isEqualTo(day(7));
    assertThat(as.refreshToken(third.refreshToken()).orElseThrow().expiresAt()).isEqualTo(day(7));
    assertError(late, 400, "invalid_grant");
    assertThat(as.grantOf(first.refreshToken()).expiresAt()).isEqualTo(day(7));
  }

  @Test
  @DisplayName(
      "grantMaxLifetime 30 days, refreshTokenTtl 7 days: refreshing every 6 days ends exactly at day 30")
  void slidingRefreshEndsAtAbsoluteFamilyEnd() {
    GraceServer as = GraceServer.inMemory(b -> b.grantMaxLifetime(Duration.ofDays(30)));
    Reply current = as.firstTokens("c1");
    GrantRecord grant = as.grantOf(current.refreshToken());
    assertThat(grant.expiresAt()).isEqualTo(day(30));

    for (long d : new long[] {6, 12, 18}) {
      as.clock.set(day(d));
      current = as.send(refresh("c1", current.refreshToken()));
      assertTokens(current);
      assertThat(as.refreshToken(current.refreshToken()).orElseThrow().expiresAt())
          .as("day %d: the inactivity timeout slides", d)
          .isEqualTo(day(d + 7));
    }
    for (long d : new long[] {24, 29}) {
      as.clock.set(day(d));
      current = as.send(refresh("c1", current.refreshToken()));
      assertThat(as.refreshToken(current.refreshToken()).orElseThrow().expiresAt())
          .as("day %d: capped at the family's end", d)
          .isEqualTo(day(30));
    }
    as.clock.set(day(30).minus(MS));
    current = as.send(refresh("c1", current.refreshToken()));
    assertTokens(current);
    as.clock.set(day(30));

    assertError(as.send(refresh("c1", current.refreshToken())), 400, "invalid_grant");
    assertThat(as.grantOf(current.refreshToken()).expiresAt())
        .as("never extended")
        .isEqualTo(day(30));
    assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class)).isEmpty();
  }

  @Test
  @DisplayName("7 days without a refresh end the session even though the family could live 30 days")
  void inactivityTimeoutEndsSession() {
    GraceServer as = GraceServer.inMemory(b -> b.grantMaxLifetime(Duration.ofDays(30)));
    Reply first = as.firstTokens("c1");
    as.clock.set(day(6));
    Reply second = as.send(refresh("c1", first.refreshToken()));
    as.clock.set(day(13).minus(MS));
    Reply lastChance = as.send(refresh("c1", second.refreshToken()));
    as.clock.set(day(20).minus(MS)); // the successor of day 13 - 1 ms expires now

    assertTokens(lastChance);
    assertError(as.send(refresh("c1", lastChance.refreshToken())), 400, "invalid_grant");
    assertThat(as.grantOf(first.refreshToken()).state())
        .as("expired, not revoked")
        .isEqualTo(GrantState.ACTIVE);
  }

  @Test
  @DisplayName(
      "a grace-window retry returns the successor with its original expiry and extends nothing")
  void graceRetryExtendsNothing() {
    GraceServer as =
        GraceServer.inMemory(
            GraceServer.window(Duration.ofSeconds(30))
                .andThen(
                    b ->
                        b.grantMaxLifetime(Duration.ofDays(30))
                            .refreshTokenTtl(Duration.ofDays(30))));
    Reply first = as.firstTokens("c1");
    as.clock.set(day(29));
    Reply second = as.send(refresh("c1", first.refreshToken()));
    GrantRecord before = as.grantOf(first.refreshToken());
    Instant successorExpiry = as.refreshToken(second.refreshToken()).orElseThrow().expiresAt();
    as.clock.advance(Duration.ofSeconds(20));

    Reply retry = as.send(refresh("c1", first.refreshToken()));

    assertThat(retry.refreshToken()).isEqualTo(second.refreshToken());
    assertThat(successorExpiry).isEqualTo(day(30));
    assertThat(as.refreshToken(second.refreshToken()).orElseThrow().expiresAt())
        .isEqualTo(successorExpiry);
    assertThat(as.grantOf(first.refreshToken())).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "a shorter per-client refresh lifetime shortens the inactivity timeout, not the family")
  void shorterClientRefreshLifetimeShortensInactivityTimeout() {
    GraceServer as = GraceServer.inMemory(b -> {});
    as.update("p1", b -> b.refreshTokenTtl(DAY));
    Reply first = as.firstTokens("p1");
    assertThat(as.refreshToken(first.refreshToken()).orElseThrow().expiresAt()).isEqualTo(day(1));
    as.clock.set(day(1).minus(MS));
    Reply second = as.send(refresh("p1", first.refreshToken()));
    as.clock.set(day(2));

    assertTokens(second);
    assertError(as.send(refresh("p1", second.refreshToken())), 400, "invalid_grant");
    assertThat(as.grantOf(first.refreshToken()).expiresAt()).isEqualTo(day(7));
  }
}
