package dev.keyway.grant;

import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static dev.keyway.token.fixture.TestClients.C1_SECRET;
import static dev.keyway.token.fixture.TestClients.C2_SECRET;
import static dev.keyway.token.fixture.TokenServer.S;
import static dev.keyway.token.fixture.TokenServer.V;
import static dev.keyway.token.fixture.TokenServer.V2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.internal.SecureTokens;
import dev.keyway.pkce.Pkce;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.code.CodeState;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TokenCall;
import dev.keyway.token.fixture.TokenServer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN decision 2: a token request that fails validation never burns a code. Each row sends one
 * bad redemption, checks the error, checks that nothing was stored and the code is still {@code
 * ISSUED}, then redeems the code correctly and gets exactly one 200.
 */
class CodeBindingTest {

  /** What kind of code a row starts from. */
  enum Kind {
    /** c1, redirect_uri sent, challenge S. */
    C1_PKCE,
    /** c1, redirect_uri sent, no challenge (the seed page's flow). */
    C1_NO_PKCE,
    /** c1, redirect_uri not sent in the authorization request. */
    C1_NO_REDIRECT_SENT,
    /** p1 (public), challenge S. */
    P1
  }

  record Row(
      String name,
      Kind kind,
      BiFunction<TokenServer, String, TokenCall> request,
      int status,
      String error) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static TokenCall c1(String code, String redirectUri, String verifier) {
    TokenCall call =
        TokenCall.grant("authorization_code").basic("c1", C1_SECRET).param("code", code);
    if (redirectUri != null) {
      call.param("redirect_uri", redirectUri);
    }
    return verifier == null ? call : call.param("code_verifier", verifier);
  }

  private static Row row(
      String name,
      Kind kind,
      BiFunction<TokenServer, String, TokenCall> request,
      int status,
      String error) {
    return new Row(name, kind, request, status, error);
  }

  private static Row row(
      String name, Kind kind, Function<String, TokenCall> request, int status, String error) {
    return new Row(name, kind, (as, code) -> request.apply(code), status, error);
  }

  static Stream<Row> badRedemptions() {
    String cb = "https://app.example/cb";
    return Stream.of(
        row(
            "PK-05 verifier missing",
            Kind.C1_PKCE,
            code -> c1(code, cb, null),
            400,
            "invalid_grant"),
        row("PK-05 verifier empty", Kind.C1_PKCE, code -> c1(code, cb, ""), 400, "invalid_grant"),
        row(
            "PK-06 verifier of another session",
            Kind.C1_PKCE,
            code -> c1(code, cb, V2),
            400,
            "invalid_grant"),
        row(
            "PK-06 the challenge sent as verifier",
            Kind.C1_PKCE,
            code -> c1(code, cb, S),
            400,
            "invalid_grant"),
        row(
            "PK-07 verifier for a code without challenge (decision 1: invalid_grant)",
            Kind.C1_NO_PKCE,
            code -> c1(code, cb, V),
            400,
            "invalid_grant"),
        row(
            "PK-08 verifier of 42 characters",
            Kind.C1_PKCE,
            code -> c1(code, cb, V.substring(0, 42)),
            400,
            "invalid_grant"),
        row(
            "PK-08 verifier of 129 characters",
            Kind.C1_PKCE,
            code -> c1(code, cb, V + "x".repeat(86)),
            400,
            "invalid_grant"),
        row(
            "PK-08 verifier with +",
            Kind.C1_PKCE,
            code -> c1(code, cb, V.substring(0, 42) + "+"),
            400,
            "invalid_grant"),
        row(
            "PK-08 verifier with /",
            Kind.C1_PKCE,
            code -> c1(code, cb, V.substring(0, 42) + "/"),
            400,
            "invalid_grant"),
        row(
            "PK-08 verifier with =",
            Kind.C1_PKCE,
            code -> c1(code, cb, V + "="),
            400,
            "invalid_grant"),
        row(
            "PK-08 verifier with a space",
            Kind.C1_PKCE,
            code -> c1(code, cb, V + " x"),
            400,
            "invalid_grant"),
        row(
            "PK-08 verifier with %00",
            Kind.C1_PKCE, code -> c1(code, cb, V + "\u0000"), 400, "invalid_request"),
        row(
            "PK-09 a valid verifier without the client's secret",
            Kind.C1_PKCE,
            code ->
                TokenCall.grant("authorization_code")
                    .param("client_id", "c1")
                    .param("code", code)
                    .param("redirect_uri", cb)
                    .param("code_verifier", V),
            401,
            "invalid_client"),
        row(
            "CR-03 code of c1 redeemed by c2",
            Kind.C1_PKCE,
            code ->
                TokenCall.grant("authorization_code")
                    .basic("c2", C2_SECRET)
                    .param("code", code)
                    .param("redirect_uri", cb)
                    .param("code_verifier", V),
            400,
            "invalid_grant"),
        row(
            "CR-04 code of p1 redeemed as p2",
            Kind.P1,
            code ->
                TokenCall.grant("authorization_code")
                    .param("client_id", "p2")
                    .param("code", code)
                    .param("redirect_uri", "https://spa.example/cb")
                    .param("code_verifier", V),
            400,
            "invalid_grant"),
        row(
            "CR-04 code of p1 redeemed without client_id (RFC 6749 §5.2: no client authentication)",
            Kind.P1,
            code ->
                TokenCall.grant("authorization_code")
                    .param("code", code)
                    .param("redirect_uri", "https://spa.example/cb")
                    .param("code_verifier", V),
            401,
            "invalid_client"),
        row(
            "CR-06 tampered code (one character flipped)",
            Kind.C1_PKCE,
            code -> c1(flip(code), cb, V),
            400,
            "invalid_grant"),
        row(
            "CR-06 code with a suffix",
            Kind.C1_PKCE,
            code -> c1(code + "A", cb, V),
            400,
            "invalid_grant"),
        row(
            "CR-08 client no longer allowed authorization_code",
            Kind.C1_PKCE,
            (as, code) -> {
              as.update(as.client("c1").toBuilder().grantTypes(GrantType.REFRESH_TOKEN).build());
              return c1(code, cb, V);
            },
            400,
            "unauthorized_client"),
        row(
            "RFC 6749 §4.1.3 redirect_uri missing when the request sent one",
            Kind.C1_PKCE,
            code -> c1(code, null, V),
            400,
            "invalid_grant"),
        row(
            "RFC 6749 §4.1.3 another registered redirect_uri",
            Kind.C1_PKCE,
            code -> c1(code, "https://app.example/cb2", V),
            400,
            "invalid_grant"),
        row(
            "RFC 6749 §4.1.3 redirect_uri with a trailing slash",
            Kind.C1_PKCE,
            code -> c1(code, cb + "/", V),
            400,
            "invalid_grant"),
        row(
            "RFC 6749 §4.1.3 redirect_uri in another case",
            Kind.C1_PKCE,
            code -> c1(code, "https://APP.example/cb", V),
            400,
            "invalid_grant"),
        row(
            "redirect_uri not sent at authorization, a different one at the token endpoint",
            Kind.C1_NO_REDIRECT_SENT,
            code -> c1(code, "https://evil.example/cb", V),
            400,
            "invalid_grant"),
        row(
            "CA-02 Basic and client_secret_post together",
            Kind.C1_PKCE,
            code -> c1(code, cb, V).param("client_id", "c1").param("client_secret", C1_SECRET),
            400,
            "invalid_request"),
        row(
            "CA-03 wrong secret via Basic",
            Kind.C1_PKCE,
            code ->
                TokenCall.grant("authorization_code")
                    .basic("c1", "wrong")
                    .param("code", code)
                    .param("redirect_uri", cb)
                    .param("code_verifier", V),
            401,
            "invalid_client"),
        row(
            "CA-08 malformed Basic header",
            Kind.C1_PKCE,
            code ->
                TokenCall.grant("authorization_code")
                    .header("Authorization", "Basic !!!")
                    .param("code", code)
                    .param("redirect_uri", cb)
                    .param("code_verifier", V),
            401,
            "invalid_client"),
        row(
            "TE-01 GET instead of POST",
            Kind.C1_PKCE,
            code -> c1(code, cb, V).method("GET"),
            405,
            "invalid_request"),
        row(
            "TE-02 JSON content type",
            Kind.C1_PKCE,
            code -> c1(code, cb, V).contentType("application/json"),
            400,
            "invalid_request"),
        row(
            "TE-04 code twice",
            Kind.C1_PKCE,
            code -> c1(code, cb, V).param("code", code),
            400,
            "invalid_request"),
        row(
            "TE-04 code_verifier twice",
            Kind.C1_PKCE,
            code -> c1(code, cb, V).param("code_verifier", V),
            400,
            "invalid_request"),
        row(
            "TE-05 code in the query string",
            Kind.C1_PKCE,
            code -> c1(code, cb, V).query("code=" + code),
            400,
            "invalid_request"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRedemptions")
  @DisplayName("a bad redemption is refused, stores nothing and leaves the code redeemable once")
  void redeemWhenRequestIsBadThenCodeIsNotBurned(Row row) {
    TokenServer as = TokenServer.start();
    String code = newCode(as, row.kind());
    var before = as.client("c1");

    Reply bad = as.send(row.request().apply(as, code));

    assertError(bad, row.status(), row.error());
    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.ISSUED);
    assertThat(as.sizes()).as("grants, access tokens, refresh tokens").containsExactly(0, 0, 0);

    as.update(before); // undo a registration change made by the row
    assertTokens(as.send(goodRedemption(row.kind(), code)));
    assertError(as.send(goodRedemption(row.kind(), code)), 400, "invalid_grant");
  }

  @Test
  @DisplayName(
      "CR-06 an unknown, oversized, empty or missing code: invalid_grant, or invalid_request when absent")
  void redeemWhenCodeIsUnknownOrEmptyThenRefused() {
    TokenServer as = TokenServer.start();
    String cb = "https://app.example/cb";

    assertError(as.send(c1("AAAA", cb, V)), 400, "invalid_grant");
    assertError(as.send(c1(SecureTokens.newToken(), cb, V)), 400, "invalid_grant");
    assertError(as.send(c1("x".repeat(4096), cb, V)), 400, "invalid_grant");
    assertError(as.send(c1("", cb, V)), 400, "invalid_request");
    assertError(
        as.send(
            TokenCall.grant("authorization_code").basic("c1", C1_SECRET).param("redirect_uri", cb)),
        400,
        "invalid_request");
    assertThat(as.sizes()).containsExactly(0, 0, 0);
  }

  @Test
  @DisplayName(
      "CR-07 an access token, a refresh token or a random id presented as a code is invalid_grant and changes nothing")
  void redeemWhenAnotherArtifactIsPresentedAsCodeThenInvalidGrant() {
    TokenServer as = TokenServer.start();
    Reply tokens = as.c1Tokens();
    String cb = "https://app.example/cb";

    assertError(as.send(c1(tokens.accessToken(), cb, V)), 400, "invalid_grant");
    assertError(as.send(c1(tokens.refreshToken(), cb, V)), 400, "invalid_grant");
    assertError(as.send(c1(SecureTokens.newToken(), cb, V)), 400, "invalid_grant");

    assertThat(as.isActive(tokens.accessToken())).isTrue();
    assertTokens(as.send(as.refresh("c1", C1_SECRET, tokens.refreshToken())));
  }

  @Test
  @DisplayName(
      "CR-07 a code presented as a refresh token is invalid_grant and the code stays redeemable")
  void refreshWhenCodeIsPresentedThenInvalidGrantAndCodeSurvives() {
    TokenServer as = TokenServer.start();
    String code = as.validCode("c1");

    assertError(as.send(as.refresh("c1", C1_SECRET, code)), 400, "invalid_grant");

    assertTokens(as.send(as.redemption("c1", C1_SECRET, code)));
  }

  private static String newCode(TokenServer as, Kind kind) {
    switch (kind) {
      case C1_PKCE:
        return as.code("c1").challenge(S).save();
      case C1_NO_PKCE:
        return as.code("c1").save();
      case C1_NO_REDIRECT_SENT:
        return as.code("c1")
            .redirectUri("https://app.example/cb", false)
            .challenge(S, Pkce.S256)
            .save();
      case P1:
        return as.code("p1").challenge(S).save();
      default:
        throw new AssertionError(kind);
    }
  }

  private static TokenCall goodRedemption(Kind kind, String code) {
    switch (kind) {
      case C1_PKCE:
        return c1(code, "https://app.example/cb", V);
      case C1_NO_PKCE:
        return c1(code, "https://app.example/cb", null);
      case C1_NO_REDIRECT_SENT:
        return c1(code, null, V);
      case P1:
        return TokenCall.grant("authorization_code")
            .param("client_id", "p1")
            .param("code", code)
            .param("redirect_uri", "https://spa.example/cb")
            .param("code_verifier", V);
      default:
        throw new AssertionError(kind);
    }
  }

  private static String flip(String code) {
    char last = code.charAt(code.length() - 1);
    return code.substring(0, code.length() - 1) + (last == 'A' ? 'B' : 'A');
  }
}
