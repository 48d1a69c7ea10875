package dev.keyway.demo.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.ErrorCode;
import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;
import dev.keyway.Secret;
import dev.keyway.authorize.ConsentPrompt;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PagesTest {

  private final Pages pages = new Pages();

  @Test
  @DisplayName(
      "AZ-11 consent page: client name, scopes and host are HTML-escaped by the template engine")
  void consentPageEscapesEverything() {
    ConsentPrompt prompt =
        new ConsentPrompt(
            Secret.of("consent-\"id"),
            "alice",
            "c1",
            "<script>alert(1)</script>",
            null,
            null,
            List.of("profile", "\"><img src=x onerror=alert(1)>"),
            "evil\"host");
    OAuthResponse page = pages.consent(prompt, "Alice <b>");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .doesNotContain("<script>alert")
        .doesNotContain("<img")
        .doesNotContain("Alice <b>")
        .doesNotContain("evil\"host")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("value=\"consent-&quot;id\"")
        .contains("See your user id and your name")
        .contains("name=\"decision\" value=\"allow\"")
        .contains("name=\"decision\" value=\"deny\"")
        .contains("action=\"/oauth2/authorize\"");
  }

  @Test
  @DisplayName(
      "HD-02 every page goes out with no-store, anti-framing, no-referrer and a script-free CSP")
  void pagesCarrySecurityHeaders() {
    for (OAuthResponse page :
        List.of(
            pages.signIn(200, "t", "/", null, null),
            pages.authorizationError(OAuthError.invalidRequest("bad")),
            pages.home("host", null, null, "/oauth2/authorize"))) {
      assertThat(page.header("Cache-Control")).isEqualTo("no-store");
      assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(page.header("Content-Security-Policy"))
          .contains("default-src 'none'")
          .doesNotContain("script-src");
      assertThat(page.body()).contains("<meta name=\"viewport\"").doesNotContain("<script");
    }
  }

  @Test
  @DisplayName("AZ-01 authorization error page: the error's status and code, escaped description")
  void authorizationErrorPage() {
    OAuthResponse page =
        pages.authorizationError(OAuthError.of(ErrorCode.INVALID_REQUEST, "Unknown <client>"));
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.header("Location")).isNull();
    assertThat(page.body()).contains("Unknown &lt;client&gt;").contains("invalid_request");
  }

  @Test
  @DisplayName("sign-in page: error message and prefilled username are escaped")
  void signInEscapes() {
    OAuthResponse page =
        pages.signIn(200, "tok", "/a?b=1&c=2", "\"><svg>", "Incorrect username or password.");
    assertThat(page.body())
        .doesNotContain("<svg>")
        .contains("Incorrect username or password.")
        .contains("name=\"csrf_token\" value=\"tok\"")
        .contains("/a?b&#61;1&amp;c&#61;2");
  }

  @Test
  void scopesInPlainWords() {
    assertThat(Pages.describe("read")).isEqualTo("Read your data");
    assertThat(Pages.describe("write")).isEqualTo("Create, change and delete your data");
    assertThat(Pages.describe("custom")).contains("custom");
  }
}
