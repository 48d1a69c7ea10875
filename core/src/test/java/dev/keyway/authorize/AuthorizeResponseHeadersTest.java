package dev.keyway.authorize;

import static dev.keyway.authorize.AuthorizeFixture.VALID;
import static dev.keyway.authorize.AuthorizeFixture.consentPrompt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.OAuthResponse;
import dev.keyway.spi.OAuthRequest;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HD-02: the default renderings of every {@link AuthorizeOutcome}. */
class AuthorizeResponseHeadersTest {

  static Stream<Arguments> redirects() {
    return Stream.<Arguments>of(
        Arguments.of(
            "success", (Function<AuthorizeFixture, AuthorizeOutcome>) f -> f.approveAsAlice(VALID)),
        Arguments.of(
            "error redirect",
            (Function<AuthorizeFixture, AuthorizeOutcome>)
                f -> f.get(VALID.replace("scope=read", "scope=admin"))),
        Arguments.of(
            "access_denied",
            (Function<AuthorizeFixture, AuthorizeOutcome>)
                f -> {
                  f.signIn("alice");
                  return f.decide(consentPrompt(f.get(VALID)).consentId().reveal(), "deny");
                }),
        Arguments.of(
            "sign-in required", (Function<AuthorizeFixture, AuthorizeOutcome>) f -> f.get(VALID)));
  }

  @ParameterizedTest(name = "HD-02 {0}")
  @MethodSource("redirects")
  @DisplayName("HD-02 redirects are 302 (never 307), no-store, no-referrer, ASCII, and never CORS")
  void hd02Redirects(String name, Function<AuthorizeFixture, AuthorizeOutcome> send) {
    OAuthResponse r = send.apply(new AuthorizeFixture()).toResponse();
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.header("Location")).isNotBlank();
    assertThat(r.header("Location").chars().allMatch(c -> c > 0x20 && c < 0x7F)).isTrue();
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
  }

  static Stream<Arguments> pages() {
    return Stream.<Arguments>of(
        Arguments.of(
            "AZ-01 error page",
            400,
            (Function<AuthorizeFixture, AuthorizeOutcome>)
                f -> f.get("response_type=code&client_id=nope")),
        Arguments.of(
            "consent page",
            200,
            (Function<AuthorizeFixture, AuthorizeOutcome>)
                f -> {
                  f.signIn("alice");
                  return f.get(VALID);
                }),
        Arguments.of(
            "server_error page",
            500,
            (Function<AuthorizeFixture, AuthorizeOutcome>)
                f -> {
                  f.users.failWith(new IllegalStateException("down"));
                  return f.get(VALID);
                }));
  }

  @ParameterizedTest(name = "HD-02 {0}")
  @MethodSource("pages")
  @DisplayName("HD-02 library pages: no-store, no-referrer, anti-framing, nosniff, no CORS")
  void hd02Pages(String name, int status, Function<AuthorizeFixture, AuthorizeOutcome> send) {
    OAuthResponse r = send.apply(new AuthorizeFixture()).toResponse();
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.header("Location")).isNull();
    assertThat(r.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  @DisplayName("HD-02 the default consent form posts consent_id and decision")
  void hd02ConsentFormContract() {
    AuthorizeFixture f = new AuthorizeFixture();
    f.signIn("alice");
    AuthorizeOutcome outcome = f.get(VALID);
    String id = consentPrompt(outcome).consentId().reveal();
    String body = outcome.toResponse().body();
    assertThat(body)
        .contains("<form method=\"post\">")
        .contains("name=\"consent_id\" value=\"" + id + "\"")
        .contains("name=\"decision\" value=\"allow\"")
        .contains("name=\"decision\" value=\"deny\"");
  }

  @Test
  @DisplayName("HD-02 a cross-origin GET or an OPTIONS preflight gets no CORS header")
  void hd02NoCors() {
    AuthorizeFixture f = new AuthorizeFixture();
    f.signIn("alice");
    OAuthResponse get =
        f.server
            .authorize(
                OAuthRequest.builder("GET")
                    .path("/authorize")
                    .rawQuery(VALID)
                    .header("Origin", "https://evil.example")
                    .build())
            .toResponse();
    assertThat(get.header("Access-Control-Allow-Origin")).isNull();
    OAuthResponse options =
        f.server
            .authorize(
                OAuthRequest.builder("OPTIONS")
                    .path("/authorize")
                    .header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "GET")
                    .build())
            .toResponse();
    assertThat(options.status()).isEqualTo(400);
    assertThat(options.header("Access-Control-Allow-Origin")).isNull();
    assertThat(options.header("Access-Control-Allow-Methods")).isNull();
    assertThat(f.codes.size()).isZero();
  }
}
