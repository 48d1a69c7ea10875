package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.demo.support.ClientCalls;
import dev.keyway.demo.support.DemoFixture;
import dev.keyway.demo.support.HttpUserAgent;
import dev.keyway.demo.support.OAuthFlow;
import dev.keyway.demo.support.Query;
import dev.keyway.demo.support.SignedInUser;
import dev.keyway.demo.support.SignedInUser.CreatedApp;
import dev.keyway.spi.client.Client;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Developer settings → OAuth apps" over real HTTP, on both hosts: sign-in and CSRF rules, creating
 * an app (its secret shown once, and working), validation errors next to their fields, editing, and
 * that only the owner can see or change an app.
 */
class DeveloperAppsPagesTest {

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "not signed in: pages send to sign-in and back; a post is refused with 403 and creates nothing")
  void signInRequired(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      HttpUserAgent anonymous = new HttpUserAgent();
      for (String path : new String[] {"/developer/apps", "/developer/apps/new"}) {
        HttpResponse<String> page = anonymous.get(demo.base().resolve(path));
        assertThat(page.statusCode()).as(path).isEqualTo(303);
        assertThat(page.headers().firstValue("Location"))
            .as(path)
            .hasValue(
                "/signin?return_to=" + java.net.URLEncoder.encode(path, StandardCharsets.UTF_8));
      }
      HttpResponse<String> post =
          anonymous.postForm(
              demo.base().resolve("/developer/apps"),
              Query.form(
                  "csrf_token",
                  "x",
                  "client_name",
                  "Sneaky",
                  "redirect_uris",
                  "https://a.example/cb",
                  "type",
                  "confidential",
                  "scope",
                  "profile"));
      assertThat(post.statusCode()).isEqualTo(403);
      assertThat(registered(demo)).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "create: the secret is shown once on the app's page, works at the token endpoint, and is never shown again")
  void createShowsTheSecretOnce(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      String redirectUri = demo.callback().localhostUri();
      CreatedApp app =
          alice.createApp("Photo Printer", redirectUri, "confidential", "profile", "read");

      assertThat(app.secret()).matches("[A-Za-z0-9_-]{43}");
      String first = app.page().body();
      assertThat(first)
          .contains("App created.")
          .contains("Photo Printer")
          .contains(app.clientId())
          .contains("It is shown only this once")
          .contains("id=\"copy-secret\"");
      // The copy button's script runs only because the page's policy names its hash, and nothing
      // else.
      String policy = app.page().headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(policy)
          .isEqualTo(
              "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-"
                  + sha256(inlineScript(first))
                  + "'; frame-ancestors 'none'");
      assertThat(app.page().headers().firstValue("Cache-Control")).hasValue("no-store");

      Client stored =
          demo.host().app().server().clientRegistry().find(app.clientId()).orElseThrow();
      assertThat(stored.owner()).isEqualTo("alice");
      assertThat(stored.secrets())
          .singleElement()
          .satisfies(s -> assertThat(s.hash()).doesNotContain(app.secret()));

      HttpResponse<String> again = alice.get("/developer/apps/" + app.clientId());
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(again.body())
          .doesNotContain(app.secret())
          .doesNotContain("id=\"client-secret\"")
          .contains("Secrets are shown only once")
          .doesNotContain("<script");
      assertThat(again.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(v -> assertThat(v).doesNotContain("script-src"));
      for (String path :
          new String[] {
            "/developer/apps",
            "/developer/apps/" + app.clientId() + "/edit",
            "/developer/apps/" + app.clientId() + "/rotate",
            "/developer/apps/" + app.clientId() + "/delete"
          }) {
        HttpResponse<String> page = alice.get(path);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        assertThat(page.body())
            .as(path)
            .doesNotContain(app.secret())
            .doesNotContain(stored.secrets().get(0).hash());
      }
      assertThat(alice.get("/developer/apps").body())
          .contains("Photo Printer")
          .contains(app.clientId());

      // The app works: bob authorizes it, and the code is exchanged with the secret shown once.
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
                      "profile read"),
              "bob",
              "builder",
              "allow");
      Map<String, Object> tokens =
          HostFlowTest.assertTokenResponse(
              new ClientCalls(demo.base())
                  .exchange(
                      app.clientId(),
                      app.secret(),
                      Query.params(callback).get("code"),
                      redirectUri));
      assertThat(
              OAuthFlow.json(
                  new ClientCalls(demo.base()).me((String) tokens.get("access_token")).body()))
          .containsEntry("id", "bob");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "the secret is held for the session that created the app only, and only for its next page view")
  void theSecretIsHeldForTheCreatingSession(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      HttpResponse<String> created =
          alice.post(
              "/developer/apps",
              "client_name",
              "Held",
              "redirect_uris",
              "https://held.example/cb",
              "type",
              "confidential",
              "scope",
              "profile");
      assertThat(created.statusCode()).isEqualTo(303);
      String location = created.headers().firstValue("Location").orElseThrow();

      SignedInUser aliceElsewhere =
          SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      assertThat(SignedInUser.shownSecret(aliceElsewhere.get(location).body())).isNull();
      assertThat(SignedInUser.shownSecret(alice.get(location).body())).matches("[A-Za-z0-9_-]{43}");
      assertThat(SignedInUser.shownSecret(alice.get(location).body())).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName("a public app gets no secret and no rotation; the page says PKCE is required")
  void publicApp(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      CreatedApp app =
          alice.createApp("Phone App", "com.example.phone:/callback", "public", "profile");
      assertThat(app.secret()).isNull();
      assertThat(app.page().body()).contains("PKCE is required").doesNotContain("id=\"rotate\"");
      assertThat(
              demo.host()
                  .app()
                  .server()
                  .clientRegistry()
                  .find(app.clientId())
                  .orElseThrow()
                  .isPublic())
          .isTrue();
      assertThat(alice.get("/developer/apps/" + app.clientId() + "/rotate").statusCode())
          .isEqualTo(400);
      assertThat(
              alice
                  .post("/developer/apps/" + app.clientId() + "/rotate", "overlap", "0")
                  .statusCode())
          .isEqualTo(400);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "RU-07/RU-08 validation: each error next to its field, redirect URIs by line, values shown again escaped, nothing stored")
  void validationErrors(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      String uris =
          "https://ok.example/cb\r\n\r\nhttp://plain.example/cb\r\nhttps://x.example/cb#frag\r\njavascript:alert(1)";
      HttpResponse<String> r =
          alice.post(
              "/developer/apps",
              "client_name",
              "<script>alert(1)</script>",
              "redirect_uris",
              uris,
              "type",
              "bogus");
      assertThat(r.statusCode()).isEqualTo(400);
      String body = r.body();
      assertThat(fieldErrors(body, "redirect_uris"))
          .startsWith("Line 3: http is allowed only on a loopback host")
          .contains("Line 4: Must not contain a fragment")
          .contains("Line 5: ");
      assertThat(fieldErrors(body, "scope")).contains("Choose at least one scope.");
      assertThat(fieldErrors(body, "type")).contains("Choose the type of app.");
      assertThat(body)
          .doesNotContain("id=\"error-client_name\"")
          .doesNotContain("<script>alert(1)")
          .contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"")
          .contains("https://ok.example/cb&#13;&#10;&#13;&#10;http://plain.example/cb")
          .contains("aria-invalid=\"true\"");

      HttpResponse<String> blank =
          alice.post(
              "/developer/apps",
              "client_name",
              "   ",
              "redirect_uris",
              "",
              "type",
              "confidential",
              "scope",
              "profile",
              "scope",
              "admin");
      assertThat(blank.statusCode()).isEqualTo(400);
      assertThat(fieldErrors(blank.body(), "client_name")).contains("Must not be blank");
      assertThat(fieldErrors(blank.body(), "redirect_uris"))
          .contains("At least one redirect URI is required");
      assertThat(fieldErrors(blank.body(), "scope")).isNotEmpty();
      assertThat(blank.body()).contains("id=\"scope-profile\" checked");

      assertThat(registered(demo)).as("nothing stored").isZero();
      assertThat(alice.get("/developer/apps").body()).contains("You have no OAuth apps yet.");
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "CSRF: create, edit, rotate, retire and delete without the session's token are 403 and change nothing")
  void everyFormNeedsTheCsrfToken(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      CreatedApp app =
          alice.createApp("Guarded", "https://guarded.example/cb", "confidential", "profile");
      String base = "/developer/apps/" + app.clientId();
      Client before =
          demo.host().app().server().clientRegistry().find(app.clientId()).orElseThrow();
      for (String token :
          new String[] {
            null, "forged", SignedInUser.signIn(demo.base(), "bob", "builder").csrf()
          }) {
        String csrf = token == null ? "" : "csrf_token=" + token + "&";
        Map<String, String> posts =
            Map.of(
                "/developer/apps",
                "client_name=X&redirect_uris=https%3A%2F%2Fx.example%2Fcb&type=confidential&scope=profile",
                base + "/edit",
                "client_name=Changed&redirect_uris=https%3A%2F%2Fx.example%2Fcb&scope=profile",
                base + "/rotate",
                "overlap=0",
                base + "/retire",
                "",
                base + "/delete",
                "");
        posts.forEach(
            (path, form) -> {
              HttpResponse<String> r = alice.postRaw(path, csrf + form);
              assertThat(r.statusCode()).as("%s with %s", path, token).isEqualTo(403);
              assertThat(r.body()).contains("This form expired");
            });
      }
      assertThat(demo.host().app().server().clientRegistry().find(app.clientId())).hasValue(before);
      assertThat(registered(demo)).isEqualTo(1);
      assertThat(
              new ClientCalls(demo.base())
                  .introspect(app.clientId(), app.secret(), "x")
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "only the owner sees or changes an app: another user gets 404 on every page and post; seeded clients are nobody's")
  void otherUsersGetNotFound(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      CreatedApp app =
          alice.createApp("Alice's App", "https://alice.example/cb", "confidential", "profile");
      Client before =
          demo.host().app().server().clientRegistry().find(app.clientId()).orElseThrow();
      SignedInUser bob = SignedInUser.signIn(demo.base(), "bob", "builder");
      String base = "/developer/apps/" + app.clientId();
      for (String path : new String[] {base, base + "/edit", base + "/rotate", base + "/delete"}) {
        HttpResponse<String> page = bob.get(path);
        assertThat(page.statusCode()).as(path).isEqualTo(404);
        assertThat(page.body())
            .as(path)
            .contains("Page not found")
            .doesNotContain("Alice&#39;s App")
            .doesNotContain("Alice's App");
      }
      assertThat(
              bob.post(
                      base + "/edit",
                      "client_name",
                      "Bob's now",
                      "redirect_uris",
                      "https://bob.example/cb",
                      "scope",
                      "profile")
                  .statusCode())
          .isEqualTo(404);
      assertThat(bob.post(base + "/rotate", "overlap", "0").statusCode()).isEqualTo(404);
      assertThat(bob.post(base + "/retire").statusCode()).isEqualTo(404);
      assertThat(bob.post(base + "/delete").statusCode()).isEqualTo(404);
      assertThat(demo.host().app().server().clientRegistry().find(app.clientId())).hasValue(before);
      assertThat(
              new ClientCalls(demo.base())
                  .introspect(app.clientId(), app.secret(), "x")
                  .statusCode())
          .isEqualTo(200);
      assertThat(bob.get("/developer/apps").body())
          .contains("You have no OAuth apps yet.")
          .doesNotContain(app.clientId());

      for (String seeded :
          new String[] {"demo-client", "other-client", "demo-public", "demo-resource-server"}) {
        assertThat(alice.get("/developer/apps/" + seeded).statusCode()).as(seeded).isEqualTo(404);
        assertThat(alice.post("/developer/apps/" + seeded + "/delete").statusCode())
            .as(seeded)
            .isEqualTo(404);
        assertThat(alice.get("/developer/apps").body()).doesNotContain(seeded);
      }
      assertThat(demo.host().app().server().clientRegistry().find("demo-client")).isPresent();
      assertThat(alice.get("/developer/apps/a%20b").statusCode()).isEqualTo(404);
      assertThat(alice.get(base + "/nope").statusCode()).isEqualTo(404);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName(
      "edit: name and redirect URIs change, the secret and type stay; a bad edit is 400 and changes nothing")
  void edit(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      CreatedApp app =
          alice.createApp("Before", "https://before.example/cb", "confidential", "profile");
      String base = "/developer/apps/" + app.clientId();
      HttpResponse<String> form = alice.get(base + "/edit");
      assertThat(form.body())
          .contains("value=\"Before\"")
          .contains(">https://before.example/cb</textarea>")
          .contains("id=\"scope-profile\" checked")
          .contains("cannot be changed");

      HttpResponse<String> saved =
          alice.post(
              base + "/edit",
              "client_name",
              "After",
              "redirect_uris",
              "https://after.example/cb\nhttps://after.example/v2/cb",
              "scope",
              "profile",
              "scope",
              "write",
              "type",
              "public");
      assertThat(saved.statusCode()).isEqualTo(303);
      assertThat(saved.headers().firstValue("Location")).hasValue(base + "?notice=updated");
      Client after = demo.host().app().server().clientRegistry().find(app.clientId()).orElseThrow();
      assertThat(after.displayName()).isEqualTo("After");
      assertThat(after.redirectUris())
          .containsExactly("https://after.example/cb", "https://after.example/v2/cb");
      assertThat(after.allowedScopes()).containsExactlyInAnyOrder("profile", "write");
      assertThat(after.isPublic()).as("the type cannot be changed by an edit").isFalse();
      assertThat(after.owner()).isEqualTo("alice");
      assertThat(
              new ClientCalls(demo.base())
                  .introspect(app.clientId(), app.secret(), "x")
                  .statusCode())
          .isEqualTo(200);
      assertThat(alice.get(base + "?notice=updated").body())
          .contains("Changes saved.")
          .contains("https://after.example/v2/cb");

      HttpResponse<String> bad =
          alice.post(
              base + "/edit",
              "client_name",
              "Worse",
              "redirect_uris",
              "https://ok.example/cb\nhttps://*.example/cb",
              "scope",
              "profile");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(fieldErrors(bad.body(), "redirect_uris")).startsWith("Line 2: ");
      assertThat(bad.body()).contains("value=\"Worse\"");
      assertThat(demo.host().app().server().clientRegistry().find(app.clientId())).hasValue(after);
    }
  }

  @ParameterizedTest
  @EnumSource(HostKind.class)
  @DisplayName("wrong methods are 405 with Allow")
  void methods(HostKind kind) throws Exception {
    try (DemoFixture demo = DemoFixture.start(kind)) {
      SignedInUser alice = SignedInUser.signIn(demo.base(), "alice", DemoFixture.ALICE_PASSWORD);
      CreatedApp app =
          alice.createApp("Methods", "https://m.example/cb", "confidential", "profile");
      assertThat(alice.post("/developer/apps/new").headers().firstValue("Allow")).hasValue("GET");
      assertThat(alice.post("/developer/apps/" + app.clientId()).headers().firstValue("Allow"))
          .hasValue("GET");
      HttpResponse<String> retire = alice.get("/developer/apps/" + app.clientId() + "/retire");
      assertThat(retire.statusCode()).isEqualTo(405);
      assertThat(retire.headers().firstValue("Allow")).hasValue("POST");
    }
  }

  /** The messages shown under one field, joined by newlines ("" when the field has none). */
  static String fieldErrors(String html, String field) {
    Matcher m =
        Pattern.compile(
                "<div id=\"error-" + Pattern.quote(field) + "\">(.*?)</div>", Pattern.DOTALL)
            .matcher(html);
    if (!m.find()) {
      return "";
    }
    return HttpUserAgent.unescape(
        m.group(1).replaceAll("</p><p class=\"field-error\">", "\n").replaceAll("<[^>]+>", ""));
  }

  /** How many clients the demo stores beyond its four seeded ones. */
  static int registered(DemoFixture demo) {
    int n = 0;
    for (String owner : new String[] {"alice", "bob"}) {
      n += demo.host().app().server().clientRegistry().findByOwner(owner).size();
    }
    return n;
  }

  /** The text of the page's one inline script. */
  static String inlineScript(String html) {
    Matcher m = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as("an inline script").isTrue();
    String script = m.group(1);
    assertThat(m.find()).as("only one inline script").isFalse();
    return script;
  }

  static String sha256(String text) throws Exception {
    return Base64.getEncoder()
        .encodeToString(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
