package dev.keyway.grace;

import static dev.keyway.grace.GraceServer.refresh;
import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.AuthorizationServerBuilder;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Hashing;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TokenCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * RF-10 / DESIGN decision 4: timelines of one rotation and one later presentation of the rotated
 * token, through {@code server.token(...)} and a controlled clock. Each row says who presents it,
 * when, what happened in between, and whether the answer is the first use's pair again, reuse (the
 * family revoked) or a refusal that changes nothing. The same table runs on every store.
 */
public final class GraceTimelines {

  private GraceTimelines() {}

  private static final Duration S10 = Duration.ofSeconds(10);
  private static final Duration MS = Duration.ofMillis(1);

  /** Who presents the rotated token again. */
  public enum Retrier {
    SAME_CLIENT,
    OTHER_CLIENT,
    SAME_CLIENT_NARROWER_SCOPE
  }

  /** What happens between the first use and the retry. */
  public enum Between {
    NOTHING,
    SUCCESSOR_USED,
    FAMILY_REVOKED,
    ACCESS_TOKEN_REVOKED
  }

  /** The outcome of the retry. */
  public enum Expect {
    SAME_PAIR,
    REUSE,
    REFUSED
  }

  /**
   * One timeline.
   *
   * @param serverWindow the server's window with the shared key, or {@code null} for neither
   * @param clientWindow the client's override, or {@code null}
   * @param retryAfter when the retry comes, after the first use
   */
  public record Timeline(
      String name,
      String clientId,
      Duration serverWindow,
      Duration clientWindow,
      Between between,
      Duration retryAfter,
      Retrier retrier,
      Expect expect) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Every row. */
  public static Stream<Timeline> all() {
    return Stream.of(
        new Timeline(
            "RF-10 retry inside the window by the same client: the same pair",
            "c1",
            S10,
            null,
            Between.NOTHING,
            Duration.ofSeconds(1),
            Retrier.SAME_CLIENT,
            Expect.SAME_PAIR),
        new Timeline(
            "retry at the same instant as the first use: the same pair",
            "c1",
            S10,
            null,
            Between.NOTHING,
            Duration.ZERO,
            Retrier.SAME_CLIENT,
            Expect.SAME_PAIR),
        new Timeline(
            "retry 1 ms before the window ends: the same pair",
            "c1",
            S10,
            null,
            Between.NOTHING,
            S10.minus(MS),
            Retrier.SAME_CLIENT,
            Expect.SAME_PAIR),
        new Timeline(
            "RF-02 retry exactly when the window ends: reuse",
            "c1",
            S10,
            null,
            Between.NOTHING,
            S10,
            Retrier.SAME_CLIENT,
            Expect.REUSE),
        new Timeline(
            "RF-02 retry an hour later: reuse",
            "c1",
            S10,
            null,
            Between.NOTHING,
            Duration.ofHours(1),
            Retrier.SAME_CLIENT,
            Expect.REUSE),
        new Timeline(
            "RF-03 another client inside the window: invalid_grant, nothing revoked",
            "c1",
            S10,
            null,
            Between.NOTHING,
            Duration.ofSeconds(1),
            Retrier.OTHER_CLIENT,
            Expect.REFUSED),
        new Timeline(
            "RF-02 the successor was already used: reuse even inside the window",
            "c1",
            S10,
            null,
            Between.SUCCESSOR_USED,
            Duration.ofSeconds(2),
            Retrier.SAME_CLIENT,
            Expect.REUSE),
        new Timeline(
            "RV-04 the family was revoked meanwhile: invalid_grant, nothing issued",
            "c1",
            S10,
            null,
            Between.FAMILY_REVOKED,
            Duration.ofSeconds(1),
            Retrier.SAME_CLIENT,
            Expect.REFUSED),
        new Timeline(
            "the new access token was revoked: invalid_grant, not reuse",
            "c1",
            S10,
            null,
            Between.ACCESS_TOKEN_REVOKED,
            Duration.ofSeconds(1),
            Retrier.SAME_CLIENT,
            Expect.REFUSED),
        new Timeline(
            "a retry asking another scope: invalid_grant, nothing revoked",
            "c1",
            S10,
            null,
            Between.NOTHING,
            Duration.ofSeconds(1),
            Retrier.SAME_CLIENT_NARROWER_SCOPE,
            Expect.REFUSED),
        new Timeline(
            "DESIGN 4 default, no window and no key: an immediate retry is reuse",
            "c1",
            null,
            null,
            Between.NOTHING,
            Duration.ZERO,
            Retrier.SAME_CLIENT,
            Expect.REUSE),
        new Timeline(
            "a key but a zero window: an immediate retry is reuse",
            "c1",
            Duration.ZERO,
            null,
            Between.NOTHING,
            Duration.ZERO,
            Retrier.SAME_CLIENT,
            Expect.REUSE),
        new Timeline(
            "a confidential client's own window overrides a zero server window",
            "c1",
            Duration.ZERO,
            Duration.ofSeconds(30),
            Between.NOTHING,
            Duration.ofSeconds(20),
            Retrier.SAME_CLIENT,
            Expect.SAME_PAIR),
        new Timeline(
            "a client's zero window overrides the server's",
            "c1",
            S10,
            Duration.ZERO,
            Between.NOTHING,
            Duration.ZERO,
            Retrier.SAME_CLIENT,
            Expect.REUSE),
        new Timeline(
            "a client's window shorter than the server's applies",
            "c1",
            Duration.ofSeconds(60),
            Duration.ofSeconds(5),
            Between.NOTHING,
            Duration.ofSeconds(6),
            Retrier.SAME_CLIENT,
            Expect.REUSE),
        new Timeline(
            "RFC 9700 4.14: a public client does not get the server's window",
            "p1",
            S10,
            null,
            Between.NOTHING,
            Duration.ofSeconds(1),
            Retrier.SAME_CLIENT,
            Expect.REUSE),
        new Timeline(
            "a public client with its own window: the same pair",
            "p1",
            Duration.ZERO,
            S10,
            Between.NOTHING,
            Duration.ofSeconds(1),
            Retrier.SAME_CLIENT,
            Expect.SAME_PAIR),
        new Timeline(
            "RF-07 another public client inside that window: invalid_grant",
            "p1",
            Duration.ZERO,
            S10,
            Between.NOTHING,
            Duration.ofSeconds(1),
            Retrier.OTHER_CLIENT,
            Expect.REFUSED),
        new Timeline(
            "a client window on a server without a key is ignored: reuse",
            "c1",
            null,
            Duration.ofSeconds(30),
            Between.NOTHING,
            Duration.ofSeconds(1),
            Retrier.SAME_CLIENT,
            Expect.REUSE));
  }

  /**
   * Runs one timeline on the server {@code start} builds with the given settings; {@code sizes}
   * counts what the token store holds (grants, access tokens, refresh tokens).
   */
  public static void run(
      Timeline t,
      Function<Consumer<AuthorizationServerBuilder>, GraceServer> start,
      Function<GraceServer, List<Long>> sizes) {
    Consumer<AuthorizationServerBuilder> config =
        t.serverWindow() == null ? b -> {} : GraceServer.window(t.serverWindow());
    GraceServer as = start.apply(config);
    if (t.clientWindow() != null) {
      as.update(t.clientId(), b -> b.refreshGraceWindow(t.clientWindow()));
    }
    Reply first = as.firstTokens(t.clientId());
    as.clock.advance(Duration.ofMinutes(5));
    Instant rotatedAt = as.clock.instant();
    Reply second = as.send(refresh(t.clientId(), first.refreshToken()));
    assertTokens(second);
    String grantId = as.refreshToken(first.refreshToken()).orElseThrow().grantId();
    int refreshed = 1;

    switch (t.between()) {
      case SUCCESSOR_USED -> {
        as.clock.advance(Duration.ofSeconds(1));
        assertTokens(as.send(refresh(t.clientId(), second.refreshToken())));
        refreshed++;
      }
      case FAMILY_REVOKED -> assertThat(as.stores.tokens().revokeGrant(grantId)).isTrue();
      case ACCESS_TOKEN_REVOKED ->
          assertThat(as.stores.tokens().revokeAccessToken(Hashing.tokenHash(second.accessToken())))
              .isTrue();
      case NOTHING -> {}
    }
    as.clock.set(rotatedAt.plus(t.retryAfter()));
    List<Long> sizesBefore = sizes.apply(as);
    GrantState grantBefore = as.grantOf(second.refreshToken()).state();
    RefreshTokenState successorBefore =
        as.refreshToken(second.refreshToken()).orElseThrow().state();

    Reply retry = as.send(retryCall(t, first.refreshToken()));

    switch (t.expect()) {
      case SAME_PAIR -> {
        assertTokens(retry);
        assertThat(retry.refreshToken()).as("the same successor").isEqualTo(second.refreshToken());
        assertThat(retry.accessToken()).as("the same access token").isEqualTo(second.accessToken());
        assertThat(retry.scope()).isEqualTo(second.scope());
        assertThat(retry.expiresIn())
            .as("the access token's remaining lifetime")
            .isEqualTo(Math.max(1, Duration.ofHours(1).minus(t.retryAfter()).getSeconds()));
        assertThat(sizes.apply(as)).as("nothing new stored").isEqualTo(sizesBefore);
        assertThat(as.grantOf(second.refreshToken()).state()).isEqualTo(GrantState.ACTIVE);
        assertThat(as.refreshToken(second.refreshToken()).orElseThrow().state())
            .isEqualTo(RefreshTokenState.ACTIVE);
        assertThat(
                as.accessToken(second.accessToken()).orElseThrow().isActiveAt(as.clock.instant()))
            .isTrue();
        assertThat(as.events(SecurityEvent.RefreshTokenRetried.class))
            .singleElement()
            .satisfies(e -> assertThat(e.grantId()).isEqualTo(grantId));
        assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class)).isEmpty();
      }
      case REUSE -> {
        assertError(retry, 400, "invalid_grant");
        assertThat(as.grantOf(second.refreshToken()).state()).isEqualTo(GrantState.REVOKED);
        assertThat(as.refreshToken(second.refreshToken()).orElseThrow().state())
            .isEqualTo(RefreshTokenState.REVOKED);
        assertThat(as.accessToken(second.accessToken()).orElseThrow().state())
            .isEqualTo(AccessTokenState.REVOKED);
        assertThat(as.accessToken(first.accessToken()).orElseThrow().state())
            .isEqualTo(AccessTokenState.REVOKED);
        assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class))
            .singleElement()
            .satisfies(e -> assertThat(e.grantId()).isEqualTo(grantId));
        assertThat(as.events(SecurityEvent.RefreshTokenRetried.class)).isEmpty();
      }
      case REFUSED -> {
        assertError(retry, 400, "invalid_grant");
        assertThat(sizes.apply(as)).as("nothing stored").isEqualTo(sizesBefore);
        assertThat(as.grantOf(second.refreshToken()).state())
            .as("grant unchanged")
            .isEqualTo(grantBefore);
        assertThat(as.refreshToken(second.refreshToken()).orElseThrow().state())
            .isEqualTo(successorBefore);
        assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class)).isEmpty();
        assertThat(as.events(SecurityEvent.RefreshTokenRetried.class)).isEmpty();
      }
    }
    assertThat(as.events(SecurityEvent.TokensRefreshed.class)).as("rotations").hasSize(refreshed);
  }

  private static TokenCall retryCall(Timeline t, String rotated) {
    return switch (t.retrier()) {
      case SAME_CLIENT -> refresh(t.clientId(), rotated);
      case OTHER_CLIENT -> refresh(t.clientId().equals("c1") ? "c2" : "p2", rotated);
      case SAME_CLIENT_NARROWER_SCOPE -> refresh(t.clientId(), rotated).param("scope", "read");
    };
  }
}
