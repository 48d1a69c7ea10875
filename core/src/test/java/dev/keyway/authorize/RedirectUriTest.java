package dev.keyway.authorize;

import static dev.keyway.authorize.AuthorizeFixture.ISSUER;
import static dev.keyway.authorize.AuthorizeFixture.S;
import static dev.keyway.authorize.AuthorizeFixture.base;
import static dev.keyway.authorize.AuthorizeFixture.enc;
import static dev.keyway.authorize.AuthorizeFixture.location;
import static dev.keyway.authorize.AuthorizeFixture.query;
import static dev.keyway.authorize.AuthorizeFixture.shown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.ErrorCode;
import dev.keyway.internal.Parameters;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Security catalogue group B: redirect URI matching through the endpoint. Unless a case says
 * otherwise, a mismatch is {@code invalid_request} shown to the user, with no redirect, no code and
 * no host callback.
 */
class RedirectUriTest {

  private final AuthorizeFixture f = new AuthorizeFixture();

  private static String request(String clientId, String redirectUri) {
    return "response_type=code&client_id="
        + clientId
        + "&redirect_uri="
        + enc(redirectUri)
        + "&scope=read&state=xyz&code_challenge="
        + S
        + "&code_challenge_method=S256";
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        // RU-01 unregistered host
        Arguments.of("RU-01", "c1", "https://attacker.example/cb"),
        // RU-02 path manipulation
        Arguments.of("RU-02", "c1", "https://app.example/cb/"),
        Arguments.of("RU-02", "c1", "https://app.example/cb123"),
        Arguments.of("RU-02", "c1", "https://app.example/cb/../../evil"),
        Arguments.of("RU-02", "c1", "https://app.example/cb/..;/evil"),
        Arguments.of("RU-02", "c1", "https://app.example/cb;jsessionid=x"),
        Arguments.of("RU-02", "c1", "https://app.example/CB"),
        // RU-03 query component
        Arguments.of("RU-03", "c1", "https://app.example/cb?x=1"),
        Arguments.of("RU-03", "c1q", "https://app.example/cb?baz=bar&foo=bar"),
        Arguments.of("RU-03", "c1q", "https://app.example/cb?foo=bar&baz=1"),
        Arguments.of("RU-03", "c1q", "https://app.example/cb"),
        // RU-04 case variants
        Arguments.of("RU-04", "c1", "https://APP.example/cb"),
        Arguments.of("RU-04", "c1", "HTTPS://app.example/cb"),
        Arguments.of("RU-04", "c1", "https://app.example/Cb"),
        // RU-05 encoding and userinfo tricks
        Arguments.of("RU-05", "c1", "https://app.example/%63b"),
        Arguments.of("RU-05", "c1", "https://app.example/cb%2F..%2Fevil"),
        Arguments.of("RU-05", "c1", "https://app.example%40evil.example/cb"),
        Arguments.of("RU-05", "c1", "https://app.example@evil.example/cb"),
        Arguments.of("RU-05", "c1", "https://x@y@app.example/cb"),
        Arguments.of("RU-05", "c1", "https://evil.example%5C@app.example/cb"),
        Arguments.of("RU-05", "c1", "https://app.example%2F@evil.example/cb"),
        // RU-06 ports on a non-loopback URI
        Arguments.of("RU-06", "c1", "https://app.example:443/cb"),
        Arguments.of("RU-06", "c1", "https://app.example:8443/cb"),
        // RU-07 fragment
        Arguments.of("RU-07", "c1", "https://app.example/cb#x"),
        Arguments.of("RU-07", "c1", "https://app.example/cb#"),
        // RU-08 dangerous schemes and plain http
        Arguments.of("RU-08", "c1", "javascript:alert(1)//"),
        Arguments.of("RU-08", "c1", "JaVaScRiPt:alert(1)"),
        Arguments.of("RU-08", "c1", " javascript:alert(1)"),
        Arguments.of("RU-08", "c1", "data:text/html,<script>"),
        Arguments.of("RU-08", "c1", "vbscript:x"),
        Arguments.of("RU-08", "c1", "http://app.example/cb"),
        // RU-09 non-ASCII look-alikes
        Arguments.of("RU-09", "c1", "https://evil.example\uFF03@app.example/cb"),
        Arguments.of("RU-09", "c1", "https://evil.example\u2623@app.example/cb"),
        Arguments.of("RU-09", "c1", "https://app\u3002example/cb"),
        Arguments.of("RU-09", "c1", "https://\u0430pp.example/cb"),
        // RU-10 malformed or relative
        Arguments.of("RU-10", "c1", "/cb"),
        Arguments.of("RU-10", "c1", "//evil.example/cb"),
        Arguments.of("RU-10", "c1", "https:evil.example"),
        Arguments.of("RU-10", "c1", "https:///invalid"),
        Arguments.of("RU-10", "c1", ":/invalid.uri)bar"),
        Arguments.of("RU-10", "c1", "https://app.example/cb%"),
        // RU-13 loopback: only the port may vary
        Arguments.of("RU-13", "n1", "http://127.0.0.1:51004/other"),
        Arguments.of("RU-13", "n1", "http://127.0.0.1:51004/cb?bar=foo"),
        Arguments.of("RU-13", "n1", "https://127.0.0.1:51004/cb"),
        Arguments.of("RU-13", "n1", "http://127.0.0.2:51004/cb"),
        Arguments.of("RU-13", "n1", "http://127.1:51004/cb"),
        Arguments.of("RU-13", "n1", "http://localhost:51004/cb"),
        Arguments.of("RU-13", "n1", "http://127.0.0.1@evil.example/cb"),
        Arguments.of("RU-13", "n1", "http://127.0.0.1:51004@evil.example/cb"),
        Arguments.of("RU-13", "n1", "http://evil.example#@127.0.0.1/cb"),
        Arguments.of("RU-13", "n1", "http://127.0.0.1.evil.example/cb"),
        Arguments.of("RU-13", "n1", "http://127.0.0.1:51004/cb#frag"),
        Arguments.of("RU-13", "n1", "http://127.0.0.1:0/cb"),
        Arguments.of("RU-13", "n1", "http://127.0.0.1:65536/cb"),
        Arguments.of("RU-13", "n1", "http://127.0.0.1:051004/cb"),
        Arguments.of("RU-13", "n1", "http://127.0.0.1:/cb"),
        Arguments.of("RU-13", "n1", "http://[::1]:61023/cb/"),
        Arguments.of("RU-13", "n1", "http://[0:0:0:0:0:0:0:1]:61023/cb"),
        Arguments.of("RU-13", "n2", "http://localhost:51004/cb"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("rejected")
  @DisplayName("RU-01..10, RU-13 an unregistered redirect_uri is shown, never redirected to")
  void unregisteredRedirectUriIsShownNeverRedirected(
      String caseId, String clientId, String redirectUri) {
    f.signIn("alice");
    AuthorizeOutcome outcome = f.get(request(clientId, redirectUri));
    AuthorizeOutcome.ShowError shown = shown(outcome);
    assertThat(shown.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(outcome.toResponse().status()).isEqualTo(400);
    assertThat(outcome.toResponse().header("Location")).isNull();
    assertThat(f.codes.size()).isZero();
    assertThat(f.pending.size()).isZero();
    assertThat(f.users.calls.get()).isZero();
  }

  @Test
  @DisplayName("RU-01 an unregistered redirect_uri is shown even when the scope is also invalid")
  void ru01UnregisteredWinsOverOtherErrors() {
    String q =
        request("c1", "https://attacker.example/cb")
            .replace("scope=read", "scope=admin")
            .replace("response_type=code", "response_type=token");
    AuthorizeOutcome outcome = f.get(q);
    assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(outcome.toResponse().header("Location")).isNull();
  }

  @Test
  @DisplayName("RU-03 an exactly matching URI with a query keeps it and appends the response")
  void ru03RegisteredQueryIsRetained() {
    String location = location(f.approveAsAlice(request("c1q", "https://app.example/cb?foo=bar")));
    assertThat(location).startsWith("https://app.example/cb?foo=bar&code=");
    assertThat(location).endsWith("&state=xyz&iss=https%3A%2F%2Fas.example");
    Parameters p = query(location);
    assertThat(p.get("foo")).contains("bar");
    assertThat(f.codeRecord(p.get("code").orElseThrow()).redirectUri())
        .isEqualTo("https://app.example/cb?foo=bar");
  }

  @Test
  @DisplayName("RU-03 an error to a URI with a query keeps the query too")
  void ru03ErrorKeepsRegisteredQuery() {
    String location =
        location(
            f.get(
                request("c1q", "https://app.example/cb?foo=bar")
                    .replace("scope=read", "scope=admin")));
    assertThat(location).startsWith("https://app.example/cb?foo=bar&error=invalid_scope&");
  }

  @Test
  @DisplayName("RU-09 every accepted Location is pure ASCII, built from the registered string")
  void ru09LocationIsAscii() {
    String location =
        location(
            f.approveAsAlice(
                request("c1", "https://app.example/cb")
                    .replace("state=xyz", "state=" + enc("\u2623\uFF03\u3002 #&"))));
    assertThat(location.chars().allMatch(c -> c > 0x20 && c < 0x7F)).isTrue();
    assertThat(base(location)).isEqualTo("https://app.example/cb");
    assertThat(query(location).get("state")).contains("\u2623\uFF03\u3002 #&");
  }

  @Test
  @DisplayName("RU-11a redirect_uri omitted, one registered: that one is used")
  void ru11OmittedWithOneRegistered() {
    String q =
        "response_type=code&client_id=c1&scope=read&state=xyz&code_challenge="
            + S
            + "&code_challenge_method=S256";
    String location = location(f.approveAsAlice(q));
    assertThat(base(location)).isEqualTo("https://app.example/cb");
    assertThat(f.codeRecord(query(location).get("code").orElseThrow()).redirectUriSent()).isFalse();
  }

  @Test
  @DisplayName("RU-11b redirect_uri omitted, several registered: shown, never redirected")
  void ru11OmittedWithSeveralRegistered() {
    f.signIn("alice");
    AuthorizeOutcome outcome = f.get("response_type=code&client_id=c1m&scope=read&state=xyz");
    assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(outcome.toResponse().header("Location")).isNull();
    assertThat(f.codes.size()).isZero();
  }

  @Test
  @DisplayName("RU-11 a client with several URIs may name either exactly")
  void ru11EitherRegisteredUriMatches() {
    String location = location(f.approveAsAlice(request("c1m", "https://app.example/cb2")));
    assertThat(base(location)).isEqualTo("https://app.example/cb2");
  }

  static Stream<String> loopbackPorts() {
    return Stream.of(
        "http://127.0.0.1:51004/cb",
        "http://[::1]:61023/cb",
        "http://127.0.0.1/cb",
        "http://[::1]/cb",
        "http://127.0.0.1:1/cb",
        "http://127.0.0.1:65535/cb");
  }

  @ParameterizedTest(name = "RU-12 {0}")
  @MethodSource("loopbackPorts")
  @DisplayName(
      "RU-12 a loopback IP redirect URI may use any port; the code goes to exactly that port")
  void ru12LoopbackAnyPort(String redirectUri) {
    String location = location(f.approveAsAlice(request("n1", redirectUri)));
    assertThat(base(location)).isEqualTo(redirectUri);
    Parameters p = query(location);
    assertThat(p.get("iss")).contains(ISSUER);
    assertThat(f.codeRecord(p.get("code").orElseThrow()).redirectUri()).isEqualTo(redirectUri);
  }

  @Test
  @DisplayName("RU-13 localhost matches only exactly (no port variance)")
  void ru13LocalhostExactMatchOnly() {
    String location = location(f.approveAsAlice(request("n2", "http://localhost/cb")));
    assertThat(base(location)).isEqualTo("http://localhost/cb");
  }
}
