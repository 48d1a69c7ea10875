package dev.keyway.demo.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.OAuthResponse;
import dev.keyway.Secret;
import dev.keyway.demo.DemoUser;
import dev.keyway.host.AuthorizedApp;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientSecret;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AppViewsTest {

  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private final AppViews views = new AppViews();
  private final PageAccess.SignedIn alice =
      new PageAccess.SignedIn(
          new DemoUser("alice", "alice", "Alice <i>"),
          new Sessions.Session("csrf\"tok", "alice", T0, T0.plusSeconds(60)));

  private static Client app(String name) {
    return Client.builder("app-1")
        .displayName(name)
        .redirectUris("https://a.example/cb?x=\"><b>")
        .allowedScopes("profile")
        .secret(new ClientSecret("sha256:stored-hash", T0, null))
        .owner("alice")
        .createdAt(T0)
        .build();
  }

  @Test
  @DisplayName(
      "authorized apps: names, ids and the user's name are escaped; a revoke form per app with the CSRF token")
  void authorizedAppsEscape() {
    OAuthResponse page =
        views.authorizedApps(
            alice,
            List.of(
                new AuthorizedApp(
                    "c\"1", "<script>x</script>", Set.of("read"), 1, T0, T0.plusSeconds(90))),
            null);
    assertThat(page.body())
        .doesNotContain("<script>x")
        .doesNotContain("Alice <i>")
        .contains("&lt;script&gt;x&lt;/script&gt;")
        .contains("name=\"client_id\" value=\"c&quot;1\"")
        .contains("name=\"csrf_token\" value=\"csrf&quot;tok\"")
        .contains("Read your data")
        .contains("First authorized 1 Mar 2026, 12:00 UTC · last used 1 Mar 2026, 12:01 UTC");
    assertThat(page.header("Content-Security-Policy")).doesNotContain("script-src");
  }

  @Test
  @DisplayName(
      "app page: escaped; never the stored hash; a script only with a secret to show, allowed by its hash alone")
  void appPage() {
    Client client = app("<img src=x>");
    OAuthResponse plain =
        views.app(alice, client, T0, "/oauth2/authorize?client_id=app-1", null, null);
    assertThat(plain.body())
        .doesNotContain("<img src=x>")
        .contains("&lt;img src&#61;x&gt;")
        .doesNotContain("<b>")
        .doesNotContain("stored-hash")
        .doesNotContain("<script");
    assertThat(plain.header("Content-Security-Policy")).doesNotContain("script-src");

    OAuthResponse withSecret = views.app(alice, client, T0, "/x", Secret.of("s3cr\"et"), null);
    assertThat(withSecret.body()).contains("value=\"s3cr&quot;et\"").containsOnlyOnce("<script>");
    assertThat(withSecret.header("Content-Security-Policy"))
        .isEqualTo(views.secretPagePolicy)
        .startsWith("default-src 'none';")
        .containsPattern("; script-src 'sha256-[A-Za-z0-9+/]{43}='; frame-ancestors 'none'$")
        .doesNotContain("'unsafe-eval'");
    assertThat(withSecret.header("Cache-Control")).isEqualTo("no-store");
  }
}
