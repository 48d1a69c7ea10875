package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.demo.support.ClientCalls;
import dev.keyway.demo.support.DemoFixture;
import dev.keyway.demo.support.HttpUserAgent;
import dev.keyway.demo.support.MutableClock;
import dev.keyway.demo.support.OAuthFlow;
import dev.keyway.demo.support.Query;
import dev.keyway.demo.support.SignedInUser;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The signed-in user's "Authorized apps" page ({@code /account/apps}) over real HTTP, on both
 * hosts: what it lists, revoking one app, signing out of every app, sign-in and CSRF rules.
 */
class AuthorizedAppsPagesTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName("not signed in: the page sends to sign-in and back; posts are refused with 403")
  void signInRequired(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      HttpUserAgent anonymous = new HttpUserAgent();
      HttpResponse<String> page = anonymous.get(demo.base().resolve("/account/apps"));
      assertThat(page.statusCode()).isEqualTo(303);
      assertThat(page.headers().firstValue("Location"))
          .hasValue("/signin?return_to=%2Faccount%2Fapps");
      for (String path : new String[] {"/account/apps/revoke", "/account/apps/revoke-all"}) {
        HttpResponse<String> post =
            anonymous.postForm(demo.base().resolve(path), "csrf_token=x&client_id=demo-client");
        assertThat(post.statusCode()).as(path).isEqualTo(403);
        assertThat(post.headers().firstValue("Location")).as(path).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "lists each authorized app with its scopes in plain words and first and last use; only the user's own")
  void listsTheUsersApps(HostKind kind) throws Exception {
    MutableClock clock = new MutableClock(T0);
    try (DemoFixture demo = DemoFixture.start(kind, clock)) {
      OAuthFlow alice = new OAuthFlow(demo.base());
      Map<String, Object> tokens =
          authorize(
              demo, alice, "demo-client", DemoFixture.DEMO_CLIENT_SECRET, "profile read", true);
      clock.advance(Duration.ofMinutes(90));
      HostFlowTest.assertTokenResponse(
          new ClientCalls(demo.base())
              .refresh(
                  "demo-client",
                  DemoFixture.DEMO_CLIENT_SECRET,
                  (String) tokens.get("refresh_token")));

      HttpResponse<String> page =
          SignedInUser.of(demo.base(), alice.browser()).get("/account/apps");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(
              v -> assertThat(v).contains("frame-ancestors 'none'").doesNotContain("script-src"));
      assertThat(page.body())
          .contains("data-client-id=\"demo-client\"")
          .contains("Demo Client")
          .contains("See your user id and your name")
          .contains("Read your data")
          .doesNotContain("Create, change and delete your data")
          .contains("First authorized 1 Mar 2026, 12:00 UTC · last used 1 Mar 2026, 13:30 UTC")
          .contains("action=\"/account/apps/revoke\"")
          .contains("name=\"client_id\" value=\"demo-client\"")
          .doesNotContain("other-client");

      HttpResponse<String> bobs =
          SignedInUser.signIn(demo.base(), "bob", "builder").get("/account/apps");
      assertThat(bobs.body())
          .contains("You have not authorized any apps.")
          .doesNotContain("demo-client");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "BR-02/IN-03 revoke one app: its tokens fail /api/me, introspection and refresh; another app's still work")
  void revokeOneApp(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      OAuthFlow alice = new OAuthFlow(demo.base());
      Map<String, Object> demoTokens =
          authorize(demo, alice, "demo-client", DemoFixture.DEMO_CLIENT_SECRET, "profile", true);
      Map<String, Object> otherTokens =
          authorize(demo, alice, "other-client", DemoFixture.OTHER_CLIENT_SECRET, "profile", false);
      SignedInUser user = SignedInUser.of(demo.base(), alice.browser());
      ClientCalls calls = new ClientCalls(demo.base());

      HttpResponse<String> revoked = user.post("/account/apps/revoke", "client_id", "demo-client");
      assertThat(revoked.statusCode()).isEqualTo(303);
      assertThat(revoked.headers().firstValue("Location")).hasValue("/account/apps?notice=revoked");

      String access = (String) demoTokens.get("access_token");
      HttpResponse<String> me = calls.me(access);
      assertThat(me.statusCode()).isEqualTo(401);
      assertThat(me.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).contains("error=\"invalid_token\""));
      assertThat(calls.introspectAsResourceServer(access).body()).isEqualTo("{\"active\":false}");
      HttpResponse<String> refresh =
          calls.refresh(
              "demo-client",
              DemoFixture.DEMO_CLIENT_SECRET,
              (String) demoTokens.get("refresh_token"));
      assertThat(refresh.statusCode()).isEqualTo(400);
      assertThat(OAuthFlow.json(refresh.body())).containsEntry("error", "invalid_grant");

      String otherAccess = (String) otherTokens.get("access_token");
      assertThat(calls.me(otherAccess).statusCode()).isEqualTo(200);
      assertThat(OAuthFlow.json(calls.introspectAsResourceServer(otherAccess).body()))
          .containsEntry("active", true);

      HttpResponse<String> page = user.get("/account/apps?notice=revoked");
      assertThat(page.body())
          .contains("Access removed.")
          .doesNotContain("data-client-id=\"demo-client\"")
          .contains("data-client-id=\"other-client\"");
      // The remembered consent is gone too: the app has to ask again.
      assertThat(
              alice
                  .browser()
                  .get(demo.base().resolve(authorizePath(demo, "demo-client", "profile")))
                  .statusCode())
          .as("consent page shown again")
          .isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "sign out of every app: all the user's apps lose access; another user's tokens still work")
  void signOutOfEveryApp(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      OAuthFlow alice = new OAuthFlow(demo.base());
      Map<String, Object> a =
          authorize(demo, alice, "demo-client", DemoFixture.DEMO_CLIENT_SECRET, "profile", true);
      Map<String, Object> b =
          authorize(demo, alice, "other-client", DemoFixture.OTHER_CLIENT_SECRET, "profile", false);
      Map<String, Object> bobs =
          authorize(
              demo,
              new OAuthFlow(demo.base()),
              "demo-client",
              DemoFixture.DEMO_CLIENT_SECRET,
              "profile",
              true,
              "bob",
              "builder");
      SignedInUser user = SignedInUser.of(demo.base(), alice.browser());
      assertThat(user.get("/account/apps").body()).contains("id=\"revoke-all\"");

      HttpResponse<String> all = user.post("/account/apps/revoke-all");
      assertThat(all.statusCode()).isEqualTo(303);
      assertThat(all.headers().firstValue("Location")).hasValue("/account/apps?notice=revoked-all");

      ClientCalls calls = new ClientCalls(demo.base());
      assertThat(calls.me((String) a.get("access_token")).statusCode()).isEqualTo(401);
      assertThat(calls.me((String) b.get("access_token")).statusCode()).isEqualTo(401);
      assertThat(calls.introspectAsResourceServer((String) b.get("refresh_token")).body())
          .isEqualTo("{\"active\":false}");
      assertThat(calls.me((String) bobs.get("access_token")).statusCode())
          .as("bob's token")
          .isEqualTo(200);
      assertThat(user.get("/account/apps?notice=revoked-all").body())
          .contains("You are signed out of every app.")
          .contains("You have not authorized any apps.");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName("CSRF: a revoke without the session's token is refused with 403 and revokes nothing")
  void revokeNeedsTheSessionsCsrfToken(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      OAuthFlow alice = new OAuthFlow(demo.base());
      Map<String, Object> tokens =
          authorize(demo, alice, "demo-client", DemoFixture.DEMO_CLIENT_SECRET, "profile", true);
      SignedInUser user = SignedInUser.of(demo.base(), alice.browser());
      SignedInUser bob = SignedInUser.signIn(demo.base(), "bob", "builder");
      for (String form :
          new String[] {
            "client_id=demo-client",
            "csrf_token=forged&client_id=demo-client",
            Query.form("csrf_token", bob.csrf(), "client_id", "demo-client")
          }) {
        for (String path : new String[] {"/account/apps/revoke", "/account/apps/revoke-all"}) {
          HttpResponse<String> r = user.postRaw(path, form);
          assertThat(r.statusCode()).as("%s %s", path, form).isEqualTo(403);
          assertThat(r.body()).contains("This form expired");
        }
      }
      // bob's own, valid form revokes bob's authorizations only.
      assertThat(bob.post("/account/apps/revoke", "client_id", "demo-client").statusCode())
          .isEqualTo(303);
      assertThat(bob.post("/account/apps/revoke-all").statusCode()).isEqualTo(303);

      assertThat(new ClientCalls(demo.base()).me((String) tokens.get("access_token")).statusCode())
          .isEqualTo(200);
      assertThat(user.get("/account/apps").body()).contains("data-client-id=\"demo-client\"");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "wrong methods are 405 with Allow, unknown paths 404, a revoke without client_id 400")
  void methodsAndPaths(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      HttpResponse<String> get = alice.get("/account/apps/revoke");
      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(get.headers().firstValue("Allow")).hasValue("POST");
      HttpResponse<String> post = alice.post("/account/apps");
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET");
      assertThat(alice.get("/account/apps/nope").statusCode()).isEqualTo(404);
      assertThat(alice.post("/account/apps/revoke").statusCode()).isEqualTo(400);
    }
  }

  static String authorizePath(DemoFixture demo, String clientId, String scope) {
    return "/oauth2/authorize?"
        + Query.form(
            "client_id",
            clientId,
            "redirect_uri",
            demo.callback().localhostUri(),
            "response_type",
            "code",
            "scope",
            scope);
  }

  /**
   * Alice authorizes {@code clientId} (signing in first when {@code signIn}) and the client
   * exchanges the code.
   */
  static Map<String, Object> authorize(
      DemoFixture demo,
      OAuthFlow flow,
      String clientId,
      String secret,
      String scope,
      boolean signIn) {
    return authorize(
        demo, flow, clientId, secret, scope, signIn, "alice", DemoFixture.ALICE_PASSWORD);
  }

  static Map<String, Object> authorize(
      DemoFixture demo,
      OAuthFlow flow,
      String clientId,
      String secret,
      String scope,
      boolean signIn,
      String username,
      String password) {
    String path = authorizePath(demo, clientId, scope);
    java.net.URI callback =
        signIn ? flow.authorize(path, username, password, "allow") : flow.consent(path, "allow");
    String code = Query.params(callback).get("code");
    return HostFlowTest.assertTokenResponse(
        new ClientCalls(demo.base())
            .exchange(clientId, secret, code, demo.callback().localhostUri()));
  }
}
