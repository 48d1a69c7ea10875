package dev.keyway.authorize;

import static dev.keyway.authorize.AuthorizeFixture.ISSUER;
import static dev.keyway.authorize.AuthorizeFixture.S;
import static dev.keyway.authorize.AuthorizeFixture.VALID;
import static dev.keyway.authorize.AuthorizeFixture.base;
import static dev.keyway.authorize.AuthorizeFixture.enc;
import static dev.keyway.authorize.AuthorizeFixture.location;
import static dev.keyway.authorize.AuthorizeFixture.query;
import static dev.keyway.authorize.AuthorizeFixture.shown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.ErrorCode;
import dev.keyway.OAuthResponse;
import dev.keyway.internal.Parameters;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.consent.ConsentRecord;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Security catalogue group A: validation of the authorization request (RFC 6749 §4.1.1). */
class AuthorizationRequestValidationTest {

  private final AuthorizeFixture f = new AuthorizeFixture();

  /** Asserts an error shown to the user: no redirect, nothing stored, no host callback. */
  private void assertShownWithoutEffect(AuthorizeOutcome outcome, ErrorCode code) {
    AuthorizeOutcome.ShowError shown = shown(outcome);
    assertThat(shown.error().code()).isEqualTo(code);
    OAuthResponse response = outcome.toResponse();
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.header("Location")).isNull();
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(f.codes.size()).isZero();
    assertThat(f.pending.size()).isZero();
    assertThat(f.users.calls.get()).isZero();
  }

  /**
   * Asserts an error redirect to {@code expectedBase} with {@code error}, exact state and iss, and
   * no code.
   */
  private Parameters assertErrorRedirect(
      AuthorizeOutcome outcome, String expectedBase, String error, String state) {
    String location = location(outcome);
    assertThat(outcome.toResponse().status()).isEqualTo(302);
    assertThat(base(location)).isEqualTo(expectedBase);
    assertThat(location).doesNotContain("#");
    Parameters p = query(location);
    assertThat(p.get("error")).contains(error);
    assertThat(p.get("iss")).contains(ISSUER);
    if (state == null) {
      assertThat(p.isPresent("state")).isFalse();
    } else {
      assertThat(p.get("state")).contains(state);
    }
    assertThat(p.isPresent("code")).isFalse();
    assertThat(f.codes.size()).isZero();
    assertThat(f.pending.size()).isZero();
    return p;
  }

  static Stream<Arguments> untrustedClient() {
    return Stream.of(
        Arguments.of(
            "no client_id",
            "response_type=code&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=xyz&code_challenge="
                + S
                + "&code_challenge_method=S256",
            ErrorCode.INVALID_REQUEST),
        Arguments.of(
            "empty client_id",
            "response_type=code&client_id=&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=xyz",
            ErrorCode.INVALID_REQUEST),
        Arguments.of(
            "unknown client_id with attacker redirect_uri",
            "response_type=code&client_id=nope&redirect_uri=https%3A%2F%2Fattacker.example%2Fcb&state=xyz",
            ErrorCode.INVALID_CLIENT),
        Arguments.of(
            "client_id differing only in case",
            "response_type=code&client_id=C1&state=xyz",
            ErrorCode.INVALID_CLIENT));
  }

  @ParameterizedTest(name = "AZ-01 {0}")
  @MethodSource("untrustedClient")
  @DisplayName("AZ-01 missing or unknown client_id: error page, never a redirect")
  void az01MissingOrUnknownClientIsShownNeverRedirected(String name, String q, ErrorCode code) {
    assertShownWithoutEffect(f.get(q), code);
  }

  @Test
  @DisplayName("AZ-02 missing response_type: invalid_request redirected with state and iss")
  void az02MissingResponseType() {
    String q =
        "client_id=c1&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=xyz&code_challenge="
            + S
            + "&code_challenge_method=S256";
    assertErrorRedirect(f.get(q), "https://app.example/cb", "invalid_request", "xyz");
  }

  @ParameterizedTest(name = "AZ-03 response_type={0}")
  @MethodSource("unsupportedResponseTypes")
  @DisplayName(
      "AZ-03 implicit, hybrid or unknown response_type: unsupported_response_type in the query")
  void az03UnsupportedResponseType(String responseType) {
    f.signIn("alice");
    f.consents.save(new ConsentRecord("alice", "c1", Set.of("read", "write"), AuthorizeFixture.T0));
    String q = VALID.replace("response_type=code", "response_type=" + enc(responseType));
    String location = location(f.get(q));
    assertErrorRedirect(f.get(q), "https://app.example/cb", "unsupported_response_type", "xyz");
    assertThat(location).doesNotContain("access_token").doesNotContain("#");
  }

  static Stream<String> unsupportedResponseTypes() {
    return Stream.of("token", "code token", "code id_token", "foo", "CODE", "code ");
  }

  static Stream<Arguments> repeatedParameters() {
    return Stream.of(
        Arguments.of("client_id", "&client_id=c1", false),
        Arguments.of("redirect_uri", "&redirect_uri=https%3A%2F%2Fapp.example%2Fcb", false),
        Arguments.of("response_type", "&response_type=code", true),
        Arguments.of("state", "&state=b", true),
        Arguments.of("scope", "&scope=read", true),
        Arguments.of("code_challenge", "&code_challenge=" + S, true),
        Arguments.of("code_challenge_method", "&code_challenge_method=S256", true));
  }

  @ParameterizedTest(name = "AZ-04 repeated {0}")
  @MethodSource("repeatedParameters")
  @DisplayName("AZ-04 a repeated parameter is invalid_request; never first or last wins")
  void az04RepeatedParameter(String name, String extra, boolean redirected) {
    f.signIn("alice");
    AuthorizeOutcome outcome = f.get(VALID + extra);
    if (!redirected) {
      assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      assertThat(outcome.toResponse().header("Location")).isNull();
      assertThat(f.codes.size()).isZero();
      assertThat(f.users.calls.get()).isZero();
    } else {
      // a repeated state cannot be echoed: which one would be "the exact value received"?
      assertErrorRedirect(
          outcome,
          "https://app.example/cb",
          "invalid_request",
          name.equals("state") ? null : "xyz");
    }
  }

  @Test
  @DisplayName("AZ-05a unrecognised parameters are ignored")
  void az05UnknownParametersIgnored() {
    AuthorizeOutcome.Redirect r = f.approveAsAlice(VALID + "&foo=bar&nonce_x=1&foo=baz");
    assertThat(query(location(r)).get("code")).isPresent();
  }

  @Test
  @DisplayName("AZ-05b an empty redirect_uri counts as omitted: the only registered URI is used")
  void az05EmptyRedirectUriIsOmitted() {
    String q = VALID.replace("redirect_uri=https%3A%2F%2Fapp.example%2Fcb", "redirect_uri=");
    String location = location(f.approveAsAlice(q));
    assertThat(base(location)).isEqualTo("https://app.example/cb");
    AuthorizationCodeRecord code = f.codeRecord(query(location).get("code").orElseThrow());
    assertThat(code.redirectUri()).isEqualTo("https://app.example/cb");
    assertThat(code.redirectUriSent()).isFalse();
  }

  @Test
  @DisplayName("AZ-05c an empty state counts as omitted: no state in the response")
  void az05EmptyStateIsOmitted() {
    String location = location(f.approveAsAlice(VALID.replace("state=xyz", "state=")));
    assertThat(query(location).isPresent("state")).isFalse();
    assertThat(query(location).get("code")).isPresent();
  }

  static Stream<Arguments> invalidScopes() {
    return Stream.of(
        Arguments.of("unknown scope", "c1", "https://app.example/cb", "admin"),
        Arguments.of("scope the client may not use", "c2", "https://other.example/cb", "write"),
        Arguments.of("one bad among good", "c1", "https://app.example/cb", "read admin"),
        Arguments.of("quote character", "c1", "https://app.example/cb", "read\"x"),
        Arguments.of("backslash", "c1", "https://app.example/cb", "read\\x"),
        Arguments.of("non-ASCII", "c1", "https://app.example/cb", "r\u00e9ad"),
        Arguments.of("doubled space", "c1", "https://app.example/cb", "read  write"),
        Arguments.of("trailing space", "c1", "https://app.example/cb", "read "));
  }

  @ParameterizedTest(name = "AZ-06 {0}")
  @MethodSource("invalidScopes")
  @DisplayName("AZ-06 invalid scope: invalid_scope redirected, no code, no consent stored")
  void az06InvalidScope(String name, String clientId, String redirectUri, String scope) {
    f.signIn("alice");
    String q =
        "response_type=code&client_id="
            + clientId
            + "&redirect_uri="
            + enc(redirectUri)
            + "&scope="
            + enc(scope)
            + "&state=xyz&code_challenge="
            + S
            + "&code_challenge_method=S256";
    assertErrorRedirect(f.get(q), redirectUri, "invalid_scope", "xyz");
    assertThat(f.consents.findBySubject("alice")).isEmpty();
  }

  @Test
  @DisplayName("AZ-06 a NUL in scope makes the whole request undecodable: shown, never redirected")
  void az06ControlCharacterInScopeIsShown() {
    f.signIn("alice");
    AuthorizeOutcome outcome = f.get(VALID.replace("scope=read", "scope=read%00x"));
    assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(f.codes.size()).isZero();
  }

  @Test
  @DisplayName(
      "AZ-06 omitted scope means the client's default scopes; none at all is invalid_scope")
  void az06OmittedScopeUsesDefaults() {
    String location = location(f.approveAsAlice(VALID.replace("&scope=read", "")));
    assertThat(f.codeRecord(query(location).get("code").orElseThrow()).scopes())
        .containsExactly("read");

    AuthorizeFixture g = new AuthorizeFixture();
    g.signIn("alice");
    AuthorizeOutcome outcome = g.get("response_type=code&client_id=nodefault&state=xyz");
    assertThat(base(location(outcome))).isEqualTo("https://nd.example/cb");
    assertThat(query(location(outcome)).get("error")).contains("invalid_scope");
    assertThat(g.codes.size()).isZero();
  }

  @Test
  @DisplayName("AZ-07 a client without the authorization_code grant gets unauthorized_client")
  void az07ClientWithoutAuthorizationCodeGrant() {
    f.signIn("alice");
    String q =
        "response_type=code&client_id=c3&redirect_uri=https%3A%2F%2Fsvc.example%2Fcb&state=xyz"
            + "&code_challenge="
            + S
            + "&code_challenge_method=S256";
    assertErrorRedirect(f.get(q), "https://svc.example/cb", "unauthorized_client", "xyz");
  }

  @Test
  @DisplayName("AZ-08a state round-trips byte-exactly on success")
  void az08StateRoundTripsOnSuccess() {
    String sent = "a%20b%26c%3D%2B%23%E2%82%AC%3Cx%3E";
    String location = location(f.approveAsAlice(VALID.replace("state=xyz", "state=" + sent)));
    assertThat(query(location).get("state")).contains("a b&c=+#\u20ac<x>");
    assertThat(location)
        .contains("&state=" + sent + "&")
        .doesNotContain("&amp;")
        .doesNotContain("%25");
    assertThat(location.chars().allMatch(c -> c > 0x20 && c < 0x7F)).isTrue();
  }

  @Test
  @DisplayName("AZ-08b state round-trips byte-exactly on an error redirect")
  void az08StateRoundTripsOnError() {
    String sent = "a%20b%26c%3D%2B%23%E2%82%AC%3Cx%3E";
    AuthorizeOutcome outcome =
        f.get(VALID.replace("state=xyz", "state=" + sent).replace("scope=read", "scope=admin"));
    assertErrorRedirect(outcome, "https://app.example/cb", "invalid_scope", "a b&c=+#\u20ac<x>");
    assertThat(location(outcome)).contains("&state=" + sent + "&");
  }

  @Test
  @DisplayName("AZ-08c a 2048-character state is echoed intact; 4096 is the limit")
  void az08LongState() {
    String s2048 = "s".repeat(2048);
    assertThat(
            query(location(f.approveAsAlice(VALID.replace("state=xyz", "state=" + s2048))))
                .get("state"))
        .contains(s2048);
    String s4096 = "t".repeat(4096);
    assertThat(
            query(location(f.approveAsAlice(VALID.replace("state=xyz", "state=" + s4096))))
                .get("state"))
        .contains(s4096);
    int codesBefore = f.codes.size();
    AuthorizeOutcome tooLong = f.get(VALID.replace("state=xyz", "state=" + "u".repeat(4097)));
    Parameters p = query(location(tooLong));
    assertThat(p.get("error")).contains("invalid_request");
    assertThat(p.isPresent("state")).isFalse();
    assertThat(f.codes.size()).isEqualTo(codesBefore);
  }

  @Test
  @DisplayName("AZ-08d a request without state succeeds and the response has no state")
  void az08NoState() {
    String location = location(f.approveAsAlice(VALID.replace("&state=xyz", "")));
    assertThat(query(location).isPresent("state")).isFalse();
    assertThat(query(location).get("code")).isPresent();
  }

  static Stream<Arguments> reflectedInput() {
    return Stream.of(
        Arguments.of(
            "client_id",
            "client_id=%3Cscript%3Ealert(1)%3C%2Fscript%3E&response_type=code",
            "<script"),
        Arguments.of(
            "redirect_uri",
            "client_id=c1&response_type=code&redirect_uri=%22%3E%3Csvg%2Fonload%3Dalert(1)%3E",
            "<svg"));
  }

  @ParameterizedTest(name = "AZ-11 reflected {0}")
  @MethodSource("reflectedInput")
  @DisplayName("AZ-11 the error page never reflects request input unescaped")
  void az11ErrorPageEscapes(String name, String q, String payload) {
    AuthorizeOutcome.ShowError shown = shown(f.get(q));
    OAuthResponse page = shown.toResponse();
    assertThat(page.body()).doesNotContain(payload).doesNotContain("alert(1)");
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertAllowedDescription(shown.error().description());
  }

  @Test
  @DisplayName("AZ-11 an XSS scope value comes back only percent-encoded in the Location")
  void az11ScopePayloadIsPercentEncoded() {
    String payload = "\"><img src=x onerror=alert(1)>";
    String location = location(f.get(VALID.replace("scope=read", "scope=" + enc(payload))));
    assertThat(location)
        .doesNotContain("<")
        .doesNotContain("\"")
        .doesNotContain(" ")
        .doesNotContain("onerror");
    Parameters p = query(location);
    assertThat(p.get("error")).contains("invalid_scope");
    assertAllowedDescription(p.get("error_description").orElseThrow());
  }

  @Test
  @DisplayName("AZ-11 the default consent page escapes the client's display name")
  void az11ConsentPageEscapesClientName() {
    f.signIn("alice");
    OAuthResponse page = f.get(VALID).toResponse();
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Example App &lt;b&gt;&amp;&quot;&#39;").doesNotContain("<b>");
  }

  private static void assertAllowedDescription(String description) {
    assertThat(description.chars())
        .allMatch(
            c -> c == 0x20 || c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E));
  }

  @Test
  @DisplayName("AZ-13 iss is on success and error responses and equals the configured issuer")
  void az13IssOnEveryAuthorizationResponse() {
    String success = location(f.approveAsAlice(VALID));
    String error = location(f.get(VALID.replace("scope=read", "scope=admin")));
    assertThat(query(success).get("iss"))
        .contains(ISSUER)
        .contains(f.server.settings().issuerString());
    assertThat(query(error).get("iss")).contains(ISSUER);
    assertThat(success).endsWith("&iss=https%3A%2F%2Fas.example");
  }

  @Test
  @DisplayName("a successful code is stored by hash with every binding (RFC 6749 §4.1.2)")
  void issuedCodeCarriesItsBindings() {
    String location = location(f.approveAsAlice(VALID));
    assertThat(base(location)).isEqualTo("https://app.example/cb");
    Parameters p = query(location);
    String code = p.get("code").orElseThrow();
    assertThat(code).matches("[A-Za-z0-9_-]{43}");
    assertThat(p.get("state")).contains("xyz");
    assertThat(f.codes.size()).isEqualTo(1);
    AuthorizationCodeRecord r = f.codeRecord(code);
    assertThat(r.codeHash().value()).isNotEqualTo(code);
    assertThat(r.clientId()).isEqualTo("c1");
    assertThat(r.redirectUri()).isEqualTo("https://app.example/cb");
    assertThat(r.redirectUriSent()).isTrue();
    assertThat(r.subject()).isEqualTo("alice");
    assertThat(r.scopes()).containsExactly("read");
    assertThat(r.codeChallenge()).isEqualTo(S);
    assertThat(r.codeChallengeMethod()).isEqualTo("S256");
    assertThat(r.grantId()).isNotBlank();
    assertThat(r.authTime()).isEqualTo(AuthorizeFixture.AUTH_TIME);
    assertThat(r.issuedAt()).isEqualTo(AuthorizeFixture.T0);
    assertThat(r.expiresAt()).isEqualTo(AuthorizeFixture.T0.plus(Duration.ofSeconds(60)));
    assertThat(r.state()).isEqualTo(CodeState.ISSUED);
  }

  @Test
  @DisplayName("RFC 6749 §3.1 a POST form body is an authorization request like a GET query")
  void postFormIsAccepted() {
    f.signIn("alice");
    ConsentPrompt prompt = AuthorizeFixture.consentPrompt(f.post(VALID));
    assertThat(prompt.clientId()).isEqualTo("c1");
    assertThat(prompt.scopes()).containsExactly("read");
  }

  static Stream<Arguments> unreadableRequests() {
    return Stream.of(
        Arguments.of(
            "malformed percent-encoding",
            OAuthRequest.builder("GET")
                .path("/authorize")
                .rawQuery("client_id=c1&state=%E2%82")
                .build()),
        Arguments.of(
            "bad escape",
            OAuthRequest.builder("GET")
                .path("/authorize")
                .rawQuery("client_id=c1&state=%zz")
                .build()),
        Arguments.of(
            "POST without form content type",
            OAuthRequest.builder("POST")
                .path("/authorize")
                .header("Content-Type", "application/json")
                .body("{\"client_id\":\"c1\"}")
                .build()),
        Arguments.of(
            "POST with non-ASCII bytes in the body",
            OAuthRequest.builder("POST")
                .path("/authorize")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("client_id=c\u00e91")
                .build()),
        Arguments.of(
            "POST body too large",
            OAuthRequest.builder("POST")
                .path("/authorize")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("client_id=c1&x=" + "a".repeat(70_000))
                .build()),
        Arguments.of(
            "PUT", OAuthRequest.builder("PUT").path("/authorize").rawQuery(VALID).build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreadableRequests")
  @DisplayName(
      "undecodable or wrongly sent requests are shown as invalid_request, never redirected")
  void unreadableRequestIsShown(String name, OAuthRequest request) {
    f.signIn("alice");
    AuthorizeOutcome outcome = f.server.authorize(request);
    assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(outcome.toResponse().header("Location")).isNull();
    assertThat(f.codes.size()).isZero();
  }
}
