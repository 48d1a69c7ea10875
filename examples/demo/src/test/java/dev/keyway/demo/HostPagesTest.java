package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.demo.support.DemoFixture;
import dev.keyway.demo.support.HttpUserAgent;
import dev.keyway.demo.support.Query;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The host's own pages over real HTTP, on both hosts: sign-in, session cookie, CSRF, headers. */
class HostPagesTest {

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "HD-02 sign-in page: no-store, no framing, no referrer; session cookie HttpOnly, SameSite=Lax, not Secure on http")
  void signInPageHeadersAndCookie(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      HttpResponse<String> page =
          new HttpUserAgent()
              .get(demo.base().resolve("/signin?return_to=%2Foauth2%2Fauthorize%3Fa%3D1"));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
      assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(cookie)
          .startsWith("keyway_demo_session=")
          .contains("; HttpOnly")
          .contains("; SameSite=Lax")
          .contains("; Path=/")
          .doesNotContain("Secure");
      assertThat(page.body()).contains("name=\"username\"").contains("name=\"password\"");
      assertThat(HttpUserAgent.hiddenField(page.body(), "return_to"))
          .isEqualTo("/oauth2/authorize?a=1");
      assertThat(HttpUserAgent.hiddenField(page.body(), "csrf_token"))
          .hasSizeGreaterThanOrEqualTo(43);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "sign-in: a wrong password or unknown user stays on the page with one generic message")
  void wrongCredentialsStayOnSignIn(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      HttpUserAgent browser = new HttpUserAgent();
      String csrf =
          HttpUserAgent.hiddenField(
              browser.get(demo.base().resolve("/signin")).body(), "csrf_token");
      HttpResponse<String> wrongPassword =
          browser.postForm(
              demo.base().resolve("/signin"),
              Query.form(
                  "csrf_token", csrf, "return_to", "/", "username", "alice", "password", "nope"));
      HttpResponse<String> unknownUser =
          browser.postForm(
              demo.base().resolve("/signin"),
              Query.form(
                  "csrf_token", csrf, "return_to", "/", "username", "mallory", "password", "nope"));
      for (HttpResponse<String> r : java.util.List.of(wrongPassword, unknownUser)) {
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(r.body())
            .contains("Incorrect username or password.")
            .contains("name=\"password\"");
      }
      assertThat(browser.get(demo.base().resolve("/")).body()).contains("Not signed in");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName("sign-in CSRF: a post without the session's token signs nobody in (403)")
  void signInWithoutCsrfTokenIsRefused(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      HttpUserAgent browser = new HttpUserAgent();
      browser.get(demo.base().resolve("/signin"));
      for (String csrf : new String[] {"", "forged-token"}) {
        HttpResponse<String> r =
            browser.postForm(
                demo.base().resolve("/signin"),
                Query.form(
                    "csrf_token",
                    csrf,
                    "return_to",
                    "/",
                    "username",
                    "alice",
                    "password",
                    DemoFixture.ALICE_PASSWORD));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Location")).isEmpty();
        assertThat(r.body()).contains("Your sign-in form expired");
      }
      // Another browser (no session at all) posting the right password is refused too.
      HttpResponse<String> crossSite =
          new HttpUserAgent()
              .postForm(
                  demo.base().resolve("/signin"),
                  Query.form(
                      "csrf_token",
                      "x",
                      "return_to",
                      "/",
                      "username",
                      "alice",
                      "password",
                      DemoFixture.ALICE_PASSWORD));
      assertThat(crossSite.statusCode()).isEqualTo(403);
      assertThat(browser.get(demo.base().resolve("/")).body()).contains("Not signed in");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "sign-in: success replaces the session id (fixation) and returns only to a local path")
  void signInRotatesSessionAndRefusesOpenRedirect(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      HttpUserAgent browser = new HttpUserAgent();
      HttpResponse<String> page = browser.get(demo.base().resolve("/signin"));
      String before = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
      HttpResponse<String> r =
          browser.postForm(
              demo.base().resolve("/signin"),
              Query.form(
                  "csrf_token",
                  HttpUserAgent.hiddenField(page.body(), "csrf_token"),
                  "return_to",
                  "//evil.example/steal",
                  "username",
                  "alice",
                  "password",
                  DemoFixture.ALICE_PASSWORD));
      assertThat(r.statusCode()).isEqualTo(303);
      assertThat(r.headers().firstValue("Location")).hasValue("/");
      String after = r.headers().firstValue("Set-Cookie").orElseThrow();
      assertThat(after.split(";")[0]).startsWith("keyway_demo_session=").isNotEqualTo(before);
      assertThat(browser.get(demo.base().resolve("/")).body()).contains("Alice Liddell");

      // The pre-sign-in session id is worthless now.
      HttpResponse<String> withOldId =
          new HttpUserAgent().get(demo.base().resolve("/"), "Cookie", before);
      assertThat(withOldId.body()).contains("Not signed in");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName("sign-out needs the session's CSRF token and ends the session")
  void signOut(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      HttpUserAgent browser = new HttpUserAgent();
      HttpResponse<String> page = browser.get(demo.base().resolve("/signin"));
      browser.postForm(
          demo.base().resolve("/signin"),
          Query.form(
              "csrf_token",
              HttpUserAgent.hiddenField(page.body(), "csrf_token"),
              "return_to",
              "/",
              "username",
              "bob",
              "password",
              "builder"));
      URI signout = demo.base().resolve("/signout");
      assertThat(browser.postForm(signout, "csrf_token=forged").statusCode()).isEqualTo(403);
      String home = browser.get(demo.base().resolve("/")).body();
      assertThat(home).contains("Bob Builder");
      HttpResponse<String> out =
          browser.postForm(
              signout, Query.form("csrf_token", HttpUserAgent.hiddenField(home, "csrf_token")));
      assertThat(out.statusCode()).isEqualTo(303);
      assertThat(out.headers().firstValue("Set-Cookie"))
          .hasValueSatisfying(v -> assertThat(v).contains("Max-Age=0"));
      assertThat(browser.get(demo.base().resolve("/")).body()).contains("Not signed in");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName("unknown paths are 404, wrong methods on pages are 405 with Allow")
  void notFoundAndMethodNotAllowed(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      HttpUserAgent browser = new HttpUserAgent();
      assertThat(browser.get(demo.base().resolve("/nope")).statusCode()).isEqualTo(404);
      HttpResponse<String> api = browser.get(demo.base().resolve("/api/nope"));
      assertThat(api.statusCode()).isEqualTo(404);
      assertThat(api.body()).isEqualTo("{\"error\":\"not_found\"}");
      HttpResponse<String> post = browser.postForm(demo.base().resolve("/"), "");
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "the start page links Authorized apps and Developer settings; the consent page says where to revoke")
  void accountAreasAreLinked(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      HttpUserAgent browser = new HttpUserAgent();
      assertThat(browser.get(demo.base().resolve("/")).body())
          .contains("href=\"/account/apps\"")
          .contains("href=\"/developer/apps\"");
      HttpResponse<String> page = browser.get(demo.base().resolve("/signin"));
      browser.postForm(
          demo.base().resolve("/signin"),
          Query.form(
              "csrf_token",
              HttpUserAgent.hiddenField(page.body(), "csrf_token"),
              "return_to",
              "/",
              "username",
              "alice",
              "password",
              DemoFixture.ALICE_PASSWORD));
      HttpResponse<String> consent =
          browser.get(
              demo.base()
                  .resolve(
                      "/oauth2/authorize?client_id=demo-client&redirect_uri="
                          + demo.callback().localhostUri()
                          + "&response_type=code&scope=profile"));
      assertThat(consent.statusCode()).isEqualTo(200);
      assertThat(consent.body()).contains("under <a href=\"/account/apps\"");
    }
  }
}
