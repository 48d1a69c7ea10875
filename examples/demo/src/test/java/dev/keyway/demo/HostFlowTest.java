package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.demo.support.DemoFixture;
import dev.keyway.demo.support.HttpUserAgent;
import dev.keyway.demo.support.OAuthFlow;
import dev.keyway.demo.support.PkcePair;
import dev.keyway.demo.support.Query;
import dev.keyway.demo.support.SeedForms;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole OAuth flow over real HTTP, the same test against both hosts (Jetty servlet and JDK
 * HttpServer): sign-in, consent, code, token, refresh, protected resource.
 */
class HostFlowTest {

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "demo-public with PKCE: sign in, allow, code + state + iss, exchange, refresh, /api/me")
  void publicClientWithPkce(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      OAuthFlow flow = new OAuthFlow(demo.base());
      PkcePair pkce = PkcePair.random();
      String redirectUri = demo.callback().loopbackUri();
      URI callback =
          flow.authorize(
              "/oauth2/authorize?"
                  + Query.form(
                      "client_id",
                      "demo-public",
                      "redirect_uri",
                      redirectUri,
                      "response_type",
                      "code",
                      "scope",
                      "profile read",
                      "state",
                      "st-123",
                      "code_challenge",
                      pkce.challenge(),
                      "code_challenge_method",
                      "S256"),
              "alice",
              DemoFixture.ALICE_PASSWORD,
              "allow");

      Map<String, String> params = Query.params(callback);
      assertThat(callback.toString()).startsWith(redirectUri + "?");
      assertThat(params)
          .containsEntry("state", "st-123")
          .containsEntry("iss", demo.issuer())
          .containsKey("code");

      HttpResponse<String> exchanged =
          flow.token(
              Query.form(
                  "client_id",
                  "demo-public",
                  "code",
                  params.get("code"),
                  "grant_type",
                  "authorization_code",
                  "redirect_uri",
                  redirectUri,
                  "code_verifier",
                  pkce.verifier()));
      Map<String, Object> tokens = assertTokenResponse(exchanged);

      HttpResponse<String> refreshed =
          flow.token(
              Query.form(
                  "client_id",
                  "demo-public",
                  "refresh_token",
                  (String) tokens.get("refresh_token"),
                  "grant_type",
                  "refresh_token"));
      Map<String, Object> renewed = assertTokenResponse(refreshed);
      assertThat(renewed.get("access_token")).isNotEqualTo(tokens.get("access_token"));
      assertThat(renewed.get("refresh_token")).isNotEqualTo(tokens.get("refresh_token"));

      HttpResponse<String> me = flow.me((String) renewed.get("access_token"));
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(OAuthFlow.json(me.body()))
          .containsEntry("id", "alice")
          .containsEntry("name", "Alice Liddell");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName("demo-client exactly as the public API page: no PKCE, no state, client_secret_post")
  void confidentialClientAsOnThePublicPage(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      OAuthFlow flow = new OAuthFlow(demo.base());
      String redirectUri = demo.callback().localhostUri();
      URI callback =
          flow.authorize(
              "/oauth2/authorize?client_id=demo-client&redirect_uri="
                  + redirectUri
                  + "&response_type=code&scope=profile",
              "alice",
              DemoFixture.ALICE_PASSWORD,
              "allow");
      Map<String, String> params = Query.params(callback);
      assertThat(params)
          .containsKey("code")
          .containsEntry("iss", demo.issuer())
          .doesNotContainKey("state");

      Map<String, Object> tokens =
          assertTokenResponse(
              flow.token(
                  SeedForms.codeExchange(
                      "demo-client",
                      DemoFixture.DEMO_CLIENT_SECRET,
                      params.get("code"),
                      redirectUri)));
      Map<String, Object> renewed =
          assertTokenResponse(
              flow.token(
                  SeedForms.refresh(
                      "demo-client",
                      DemoFixture.DEMO_CLIENT_SECRET,
                      (String) tokens.get("refresh_token"))));

      HttpResponse<String> me = flow.me((String) renewed.get("access_token"));
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(OAuthFlow.json(me.body())).containsEntry("id", "alice");
      assertThat(flow.me((String) tokens.get("access_token")).statusCode())
          .as("the first access token is still valid until it expires")
          .isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName("AZ-09 deny: redirect with error=access_denied, the exact state and iss; no code")
  void denyRedirectsWithAccessDenied(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      OAuthFlow flow = new OAuthFlow(demo.base());
      String redirectUri = demo.callback().localhostUri();
      URI callback =
          flow.authorize(
              "/oauth2/authorize?"
                  + Query.form(
                      "client_id",
                      "demo-client",
                      "redirect_uri",
                      redirectUri,
                      "response_type",
                      "code",
                      "scope",
                      "read",
                      "state",
                      "a b&c=+"),
              "alice",
              DemoFixture.ALICE_PASSWORD,
              "deny");
      assertThat(callback.toString()).startsWith(redirectUri + "?");
      assertThat(Query.params(callback))
          .containsEntry("error", "access_denied")
          .containsEntry("state", "a b&c=+")
          .containsEntry("iss", demo.issuer())
          .doesNotContainKey("code");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "BR-01/BR-02/BR-03 /api/me: 401 without or with a bad token, 403 insufficient_scope without profile")
  void protectedResourceErrors(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      OAuthFlow flow = new OAuthFlow(demo.base());
      HttpResponse<String> none = flow.browser().get(demo.base().resolve("/api/me"));
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

      HttpResponse<String> garbage = flow.me("not-a-token");
      assertThat(garbage.statusCode()).isEqualTo(401);
      assertThat(garbage.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(
              v -> assertThat(v).startsWith("Bearer").contains("error=\"invalid_token\""));

      String redirectUri = demo.callback().localhostUri();
      URI callback =
          flow.authorize(
              "/oauth2/authorize?client_id=demo-client&redirect_uri="
                  + redirectUri
                  + "&response_type=code&scope=read",
              "bob",
              "builder",
              "allow");
      Map<String, Object> tokens =
          assertTokenResponse(
              flow.token(
                  SeedForms.codeExchange(
                      "demo-client",
                      DemoFixture.DEMO_CLIENT_SECRET,
                      Query.params(callback).get("code"),
                      redirectUri)));
      HttpResponse<String> readOnly = flow.me((String) tokens.get("access_token"));
      assertThat(readOnly.statusCode()).isEqualTo(403);
      assertThat(readOnly.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).contains("error=\"insufficient_scope\""));
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "AZ-01/RU-01 unknown client or unregistered redirect URI: an error page, never a redirect")
  void untrustedRequestsGetAnErrorPage(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      OAuthFlow flow = new OAuthFlow(demo.base());
      String evil = URLEncoder.encode("https://evil.example/cb", StandardCharsets.UTF_8);
      for (String query :
          new String[] {
            "client_id=nobody&redirect_uri=" + evil + "&response_type=code",
            "client_id=demo-client&redirect_uri=" + evil + "&response_type=code"
          }) {
        HttpResponse<String> page =
            flow.browser().get(demo.base().resolve("/oauth2/authorize?" + query));
        assertThat(page.statusCode()).as(query).isBetween(400, 499);
        assertThat(page.headers().firstValue("Location")).as(query).isEmpty();
        assertThat(page.headers().firstValue("Content-Type"))
            .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body())
            .contains("This authorization request cannot be completed")
            .doesNotContain("evil.example");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName("revocation, introspection and metadata are mounted at the documented paths")
  void otherEndpointsAreMounted(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      OAuthFlow flow = new OAuthFlow(demo.base());
      HttpResponse<String> metadata =
          flow.browser().get(demo.base().resolve("/.well-known/oauth-authorization-server"));
      assertThat(metadata.statusCode()).isEqualTo(200);
      assertThat(OAuthFlow.json(metadata.body()))
          .containsEntry("issuer", demo.issuer())
          .containsEntry("authorization_endpoint", demo.issuer() + "/oauth2/authorize")
          .containsEntry("token_endpoint", demo.issuer() + "/api/oauth2/token");
      for (String path : new String[] {"/api/oauth2/revoke", "/api/oauth2/introspect"}) {
        HttpResponse<String> unauthenticated =
            flow.browser().postForm(demo.base().resolve(path), "token=x");
        assertThat(unauthenticated.statusCode()).as(path).isEqualTo(401);
        assertThat(OAuthFlow.json(unauthenticated.body()))
            .as(path)
            .containsEntry("error", "invalid_client");
      }
      HttpResponse<String> introspected =
          flow.browser()
              .postForm(
                  demo.base().resolve("/api/oauth2/introspect"),
                  Query.form(
                      "client_id",
                      "demo-resource-server",
                      "client_secret",
                      DemoFixture.RESOURCE_SERVER_SECRET,
                      "token",
                      "x"));
      assertThat(introspected.statusCode()).isEqualTo(200);
      assertThat(introspected.body()).isEqualTo("{\"active\":false}");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName("AZ-10 the consent form is bound to the signed-in user and answers once")
  void consentIsBoundToTheUserAndSingleUse(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      String authorize =
          "/oauth2/authorize?client_id=demo-client&redirect_uri="
              + demo.callback().localhostUri()
              + "&response_type=code&scope=profile&state=s1";
      HttpUserAgent alice = signedIn(demo, "alice", DemoFixture.ALICE_PASSWORD);
      HttpResponse<String> consent = alice.get(demo.base().resolve(authorize));
      assertThat(consent.statusCode()).isEqualTo(200);
      String consentId = HttpUserAgent.hiddenField(consent.body(), "consent_id");
      String allow = Query.form("consent_id", consentId, "decision", "allow");

      HttpUserAgent bob = signedIn(demo, "bob", "builder");
      HttpResponse<String> asBob = bob.postForm(demo.base().resolve("/oauth2/authorize"), allow);
      assertThat(asBob.headers().firstValue("Location"))
          .as("bob cannot answer alice's consent")
          .isEmpty();
      assertThat(asBob.statusCode()).isBetween(400, 499);

      HttpResponse<String> anonymous =
          new HttpUserAgent().postForm(demo.base().resolve("/oauth2/authorize"), allow);
      assertThat(anonymous.headers().firstValue("Location").orElse("")).doesNotContain("code=");

      HttpResponse<String> first = alice.postForm(demo.base().resolve("/oauth2/authorize"), allow);
      assertThat(first.statusCode()).isEqualTo(302);
      assertThat(Query.params(HttpUserAgent.location(first)))
          .containsKey("code")
          .containsEntry("state", "s1");
      HttpResponse<String> again = alice.postForm(demo.base().resolve("/oauth2/authorize"), allow);
      assertThat(again.headers().firstValue("Location")).as("a consent id answers once").isEmpty();
      assertThat(again.statusCode()).isBetween(400, 499);
    }
  }

  private static HttpUserAgent signedIn(DemoFixture demo, String username, String password) {
    HttpUserAgent agent = new HttpUserAgent();
    HttpResponse<String> page = agent.get(demo.base().resolve("/signin"));
    HttpResponse<String> r =
        agent.postForm(
            demo.base().resolve("/signin"),
            Query.form(
                "csrf_token",
                HttpUserAgent.hiddenField(page.body(), "csrf_token"),
                "return_to",
                "/",
                "username",
                username,
                "password",
                password));
    assertThat(r.statusCode()).isEqualTo(303);
    return agent;
  }

  /**
   * A successful token response as the public API page describes it: 1 h access, a refresh token.
   */
  static Map<String, Object> assertTokenResponse(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("token response").isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control"))
        .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    Map<String, Object> json = OAuthFlow.json(response.body());
    assertThat(json.get("access_token")).isInstanceOf(String.class);
    assertThat(json.get("refresh_token")).isInstanceOf(String.class);
    assertThat((String) json.get("token_type")).isEqualToIgnoringCase("Bearer");
    assertThat(((Number) json.get("expires_in")).longValue()).isEqualTo(3600);
    return json;
  }
}
