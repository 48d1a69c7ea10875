package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.demo.support.DemoFixture;
import dev.keyway.demo.support.MutableClock;
import dev.keyway.demo.support.OAuthFlow;
import dev.keyway.demo.support.Query;
import dev.keyway.demo.support.SeedForms;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The lifetimes the public API page promises, on the demo as configured: access tokens expire after
 * one hour, refresh tokens after seven days, and codes (Keyway's default) after 60 seconds. The
 * server runs on a clock the test moves.
 */
class SeedLifetimesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  @DisplayName("access token: valid for one hour, then /api/me answers 401 invalid_token")
  void accessTokensExpireAfterOneHour() throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (DemoFixture demo = DemoFixture.start(HostKind.JETTY, clock)) {
      OAuthFlow flow = new OAuthFlow(demo.base());
      Map<String, Object> tokens =
          HostFlowTest.assertTokenResponse(flow.token(exchangeForm(demo, code(flow, demo))));
      String accessToken = (String) tokens.get("access_token");

      clock.set(T0.plus(Duration.ofHours(1)).minusSeconds(1));
      assertThat(flow.me(accessToken).statusCode()).isEqualTo(200);
      clock.set(T0.plus(Duration.ofHours(1)).plusSeconds(1));
      HttpResponse<String> expired = flow.me(accessToken);
      assertThat(expired.statusCode()).isEqualTo(401);
      assertThat(expired.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
    }
  }

  @Test
  @DisplayName("refresh token: refreshes until seven days after the authorization, and not after")
  void refreshTokensExpireAfterSevenDays() throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (DemoFixture demo = DemoFixture.start(HostKind.JETTY, clock)) {
      OAuthFlow flow = new OAuthFlow(demo.base());
      Map<String, Object> tokens =
          HostFlowTest.assertTokenResponse(flow.token(exchangeForm(demo, code(flow, demo))));

      clock.set(T0.plus(Duration.ofDays(7)).minusSeconds(1));
      HttpResponse<String> lastDay = refresh(flow, (String) tokens.get("refresh_token"));
      Map<String, Object> renewed = HostFlowTest.assertTokenResponse(lastDay);

      clock.set(T0.plus(Duration.ofDays(7)).plusSeconds(1));
      HttpResponse<String> tooLate = refresh(flow, (String) renewed.get("refresh_token"));
      assertThat(tooLate.statusCode()).isEqualTo(400);
      assertThat(OAuthFlow.json(tooLate.body())).containsEntry("error", "invalid_grant");
    }
  }

  @Test
  @DisplayName("CR-05 authorization code: 60 seconds, then invalid_grant")
  void codesExpireAfterSixtySeconds() throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (DemoFixture demo = DemoFixture.start(HostKind.JETTY, clock)) {
      OAuthFlow flow = new OAuthFlow(demo.base());
      String code = code(flow, demo);
      clock.advance(Duration.ofSeconds(61));
      HttpResponse<String> late = flow.token(exchangeForm(demo, code));
      assertThat(late.statusCode()).isEqualTo(400);
      assertThat(OAuthFlow.json(late.body())).containsEntry("error", "invalid_grant");
    }
  }

  private static String code(OAuthFlow flow, DemoFixture demo) {
    String redirectUri = demo.callback().localhostUri();
    return Query.params(
            flow.authorize(
                "/oauth2/authorize?client_id=demo-client&redirect_uri="
                    + redirectUri
                    + "&response_type=code&scope=profile",
                "alice",
                DemoFixture.ALICE_PASSWORD,
                "allow"))
        .get("code");
  }

  private static String exchangeForm(DemoFixture demo, String code) {
    return SeedForms.codeExchange(
        "demo-client", DemoFixture.DEMO_CLIENT_SECRET, code, demo.callback().localhostUri());
  }

  private static HttpResponse<String> refresh(OAuthFlow flow, String refreshToken) {
    return flow.token(
        SeedForms.refresh("demo-client", DemoFixture.DEMO_CLIENT_SECRET, refreshToken));
  }
}
