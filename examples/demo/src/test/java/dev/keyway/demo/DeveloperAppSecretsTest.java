package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.demo.support.ClientCalls;
import dev.keyway.demo.support.DemoFixture;
import dev.keyway.demo.support.MutableClock;
import dev.keyway.demo.support.OAuthFlow;
import dev.keyway.demo.support.Query;
import dev.keyway.demo.support.SignedInUser;
import dev.keyway.demo.support.SignedInUser.CreatedApp;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rotating, retiring and deleting through "Developer settings → OAuth apps", on both hosts, with
 * the server on a clock the test moves: the overlap the developer picks is exactly how long the old
 * secret keeps working, and a deleted app's tokens stop working.
 */
class DeveloperAppSecretsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "rotate with 1 hour: the new secret is shown once; old and new both work until the hour ends, then only the new")
  void rotateWithOverlap(HostKind kind) throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (DemoFixture demo = DemoFixture.start(kind, clock)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      CreatedApp app =
          alice.createApp("Rolling", demo.callback().localhostUri(), "confidential", "profile");
      String base = "/developer/apps/" + app.clientId();
      HttpResponse<String> form = alice.get(base + "/rotate");
      assertThat(form.body())
          .contains("value=\"1h\"")
          .contains("value=\"24h\" id=\"overlap-24h\" checked")
          .contains("value=\"7d\"")
          .contains("value=\"0\"");

      HttpResponse<String> rotated = alice.post(base + "/rotate", "overlap", "1h");
      assertThat(rotated.statusCode()).isEqualTo(303);
      assertThat(rotated.headers().firstValue("Location")).hasValue(base + "?notice=rotated");
      HttpResponse<String> shown = alice.get(base + "?notice=rotated");
      String fresh = SignedInUser.shownSecret(shown.body());
      assertThat(fresh).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(app.secret());
      assertThat(shown.body())
          .contains("works until <strong>1 Mar 2026, 13:00 UTC</strong>")
          .contains("no expiry");
      assertThat(SignedInUser.shownSecret(alice.get(base).body())).as("shown once").isNull();

      ClientCalls calls = new ClientCalls(demo.base());
      clock.set(T0.plus(Duration.ofHours(1)).minusSeconds(1));
      assertThat(calls.introspect(app.clientId(), app.secret(), "x").statusCode())
          .as("old, in the overlap")
          .isEqualTo(200);
      assertThat(calls.introspect(app.clientId(), fresh, "x").statusCode())
          .as("new")
          .isEqualTo(200);

      clock.set(T0.plus(Duration.ofHours(1)));
      HttpResponse<String> old = calls.introspect(app.clientId(), app.secret(), "x");
      assertThat(old.statusCode()).as("old, after the overlap").isEqualTo(401);
      assertThat(OAuthFlow.json(old.body())).containsEntry("error", "invalid_client");
      assertThat(calls.introspect(app.clientId(), fresh, "x").statusCode()).isEqualTo(200);
      assertThat(alice.get(base).body())
          .doesNotContain("works until")
          .containsOnlyOnce("class=\"secret\"");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "rotate with no overlap (a leak): the old secret fails at once; an unknown overlap changes nothing")
  void rotateWithoutOverlap(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      CreatedApp app =
          alice.createApp("Leaky", "https://leaky.example/cb", "confidential", "profile");
      String base = "/developer/apps/" + app.clientId();
      for (String overlap : new String[] {"forever", "", "-1h"}) {
        HttpResponse<String> refused = alice.post(base + "/rotate", "overlap", overlap);
        assertThat(refused.statusCode()).as(overlap).isEqualTo(400);
        assertThat(refused.body()).contains("Choose how long the current secret keeps working.");
      }
      assertThat(
              demo.host()
                  .app()
                  .server()
                  .clientRegistry()
                  .find(app.clientId())
                  .orElseThrow()
                  .secrets())
          .hasSize(1);

      assertThat(alice.post(base + "/rotate", "overlap", "0").statusCode()).isEqualTo(303);
      String fresh = SignedInUser.shownSecret(alice.get(base).body());
      ClientCalls calls = new ClientCalls(demo.base());
      assertThat(calls.introspect(app.clientId(), app.secret(), "x").statusCode()).isEqualTo(401);
      assertThat(calls.introspect(app.clientId(), fresh, "x").statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "retire: ends a 7-day overlap now; at most five working secrets, the sixth rotation is refused")
  void retireAndTheSecretLimit(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      CreatedApp app =
          alice.createApp("Many", "https://many.example/cb", "confidential", "profile");
      String base = "/developer/apps/" + app.clientId();
      String newest = null;
      for (int i = 0; i < 4; i++) {
        assertThat(alice.post(base + "/rotate", "overlap", "7d").statusCode()).isEqualTo(303);
        newest = SignedInUser.shownSecret(alice.get(base).body());
      }
      HttpResponse<String> sixth = alice.post(base + "/rotate", "overlap", "7d");
      assertThat(sixth.statusCode()).isEqualTo(400);
      assertThat(sixth.body()).contains("already has 5 working secrets");
      assertThat(alice.get(base).body()).contains("id=\"retire\"");

      ClientCalls calls = new ClientCalls(demo.base());
      assertThat(calls.introspect(app.clientId(), app.secret(), "x").statusCode()).isEqualTo(200);
      HttpResponse<String> retired = alice.post(base + "/retire");
      assertThat(retired.statusCode()).isEqualTo(303);
      assertThat(retired.headers().firstValue("Location")).hasValue(base + "?notice=retired");
      assertThat(calls.introspect(app.clientId(), app.secret(), "x").statusCode()).isEqualTo(401);
      assertThat(calls.introspect(app.clientId(), newest, "x").statusCode()).isEqualTo(200);
      assertThat(alice.get(base + "?notice=retired").body())
          .contains("Only the newest secret works now.")
          .doesNotContain("id=\"retire\"");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "RV-04 delete after a confirmation step: the app's tokens fail /api/me and introspection, its secret fails, its pages are 404")
  void deleteWithConfirmation(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      String redirectUri = demo.callback().localhostUri();
      CreatedApp app = alice.createApp("Doomed", redirectUri, "confidential", "profile");
      OAuthFlow bob = new OAuthFlow(demo.base());
      URI callback =
          bob.authorize(
              "/oauth2/authorize?"
                  + Query.form(
                      "client_id",
                      app.clientId(),
                      "redirect_uri",
                      redirectUri,
                      "response_type",
                      "code",
                      "scope",
                      "profile"),
              "bob",
              "builder",
              "allow");
      ClientCalls calls = new ClientCalls(demo.base());
      Map<String, Object> tokens =
          HostFlowTest.assertTokenResponse(
              calls.exchange(
                  app.clientId(), app.secret(), Query.params(callback).get("code"), redirectUri));
      String access = (String) tokens.get("access_token");
      assertThat(calls.me(access).statusCode()).isEqualTo(200);
      assertThat(SignedInUser.of(demo.base(), bob.browser()).get("/account/apps").body())
          .contains("Doomed");

      String base = "/developer/apps/" + app.clientId();
      HttpResponse<String> confirm = alice.get(base + "/delete");
      assertThat(confirm.statusCode()).isEqualTo(200);
      assertThat(confirm.body())
          .contains("Delete Doomed?")
          .contains("cannot be undone")
          .contains("action=\"" + base + "/delete\"")
          .contains("id=\"delete-confirm\"");
      assertThat(calls.me(access).statusCode())
          .as("opening the confirmation deletes nothing")
          .isEqualTo(200);

      HttpResponse<String> deleted = alice.post(base + "/delete");
      assertThat(deleted.statusCode()).isEqualTo(303);
      assertThat(deleted.headers().firstValue("Location"))
          .hasValue("/developer/apps?notice=deleted");

      HttpResponse<String> me = calls.me(access);
      assertThat(me.statusCode()).isEqualTo(401);
      assertThat(me.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
      assertThat(calls.introspectAsResourceServer(access).body()).isEqualTo("{\"active\":false}");
      assertThat(calls.introspectAsResourceServer((String) tokens.get("refresh_token")).body())
          .isEqualTo("{\"active\":false}");
      assertThat(
              calls
                  .refresh(app.clientId(), app.secret(), (String) tokens.get("refresh_token"))
                  .statusCode())
          .isEqualTo(401);
      assertThat(demo.host().app().server().clientRegistry().find(app.clientId())).isEmpty();
      assertThat(alice.get(base).statusCode()).isEqualTo(404);
      assertThat(alice.post(base + "/delete").statusCode()).isEqualTo(404);
      assertThat(alice.get("/developer/apps?notice=deleted").body())
          .contains("The app was deleted.")
          .doesNotContain(app.clientId());
      assertThat(SignedInUser.of(demo.base(), bob.browser()).get("/account/apps").body())
          .as("every user's authorization of it is gone")
          .doesNotContain("Doomed")
          .contains("You have not authorized any apps.");
    }
  }
}
