package dev.keyway.token;

import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static dev.keyway.token.fixture.TestClients.C1_SECRET;
import static dev.keyway.token.fixture.TestClients.C2_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TokenCall;
import dev.keyway.token.fixture.TokenServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Generic request handling of the token endpoint (catalogue group G) and its headers (HD-01). */
class TokenEndpointTest {

  private final TokenServer as = TokenServer.start();

  private static TokenCall c2ClientCredentials() {
    return TokenCall.grant("client_credentials").basic("c2", C2_SECRET);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"GET", "PUT", "DELETE", "PATCH"})
  @DisplayName(
      "TE-01 a method other than POST gets 405 with Allow: POST and no-store, and the code is not consumed")
  void tokenWhenNotPostThenMethodNotAllowed(String method) {
    String code = as.validCode("c1");

    Reply reply = as.send(as.redemption("c1", C1_SECRET, code).method(method));

    assertError(reply, 405, "invalid_request");
    assertThat(reply.header("Allow")).isEqualTo("POST");
    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.ISSUED);
  }

  @ParameterizedTest(name = "Content-Type: {0}")
  @ValueSource(
      strings = {
        "application/json",
        "multipart/form-data; boundary=x",
        "text/plain",
        "application/x-www-form-urlencoded; charset=ISO-8859-1",
        "application/x-www-form-urlencodedx",
        ""
      })
  @DisplayName(
      "TE-02 a body that is not UTF-8 form encoding is invalid_request and nothing is issued")
  void tokenWhenWrongContentTypeThenInvalidRequest(String contentType) {
    assertError(as.send(c2ClientCredentials().contentType(contentType)), 400, "invalid_request");
    assertThat(as.sizes()).containsExactly(0, 0, 0);
  }

  @Test
  @DisplayName(
      "TE-02 a request with no Content-Type is invalid_request; the form type with charset UTF-8 is accepted")
  void tokenContentTypeEdges() {
    assertError(as.send(c2ClientCredentials().contentType(null)), 400, "invalid_request");
    assertTokens(
        as.send(
            c2ClientCredentials().contentType("application/x-www-form-urlencoded; charset=UTF-8")));
    assertTokens(as.send(c2ClientCredentials().contentType("Application/X-WWW-Form-Urlencoded")));
  }

  static Stream<Arguments> grantTypes() {
    return Stream.of(
        Arguments.of("(missing)", null, "invalid_request"),
        Arguments.of("empty", "", "invalid_request"),
        Arguments.of("password", "password", "unsupported_grant_type"),
        Arguments.of("implicit", "implicit", "unsupported_grant_type"),
        Arguments.of("urn:foo", "urn:foo", "unsupported_grant_type"),
        Arguments.of(
            "device code",
            "urn:ietf:params:oauth:grant-type:device_code",
            "unsupported_grant_type"),
        Arguments.of("wrong case", "CLIENT_CREDENTIALS", "unsupported_grant_type"),
        Arguments.of(
            "TE-09 quote, backslash, angle brackets", "\"\\<x>", "unsupported_grant_type"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("grantTypes")
  @DisplayName(
      "TE-03 / TE-09 grant_type missing is invalid_request; anything unsupported is unsupported_grant_type")
  void tokenWhenGrantTypeMissingOrUnsupportedThenRefused(
      String name, String grantType, String error) {
    TokenCall call =
        TokenCall.form().basic("c2", C2_SECRET).param("username", "alice").param("password", "x");
    if (grantType != null) {
      call.param("grant_type", grantType);
    }

    Reply reply = as.send(call);

    assertError(reply, 400, error);
    assertThat(reply.response().body()).doesNotContain("\\\\", "<x>");
    assertThat(as.sizes()).containsExactly(0, 0, 0);
  }

  @ParameterizedTest(name = "{0} twice")
  @ValueSource(
      strings = {
        "grant_type",
        "redirect_uri",
        "code_verifier",
        "client_id",
        "client_secret",
        "code"
      })
  @DisplayName(
      "TE-04 a repeated parameter of a redemption is invalid_request and the code is not consumed")
  void tokenWhenRedemptionParameterRepeatedThenInvalidRequest(String name) {
    String code = as.validCode("c1");
    TokenCall call =
        TokenCall.grant("authorization_code")
            .post("c1", C1_SECRET)
            .param("code", code)
            .param("redirect_uri", "https://app.example/cb")
            .param("code_verifier", TokenServer.V);
    String value =
        switch (name) {
          case "grant_type" -> "authorization_code";
          case "redirect_uri" -> "https://app.example/cb";
          case "code_verifier" -> TokenServer.V;
          case "client_id" -> "c1";
          case "client_secret" -> C1_SECRET;
          default -> code;
        };

    assertError(as.send(call.param(name, value)), 400, "invalid_request");

    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.ISSUED);
    assertThat(as.sizes()).containsExactly(0, 0, 0);
  }

  @Test
  @DisplayName(
      "TE-04 repeated scope (client credentials) or refresh_token is invalid_request; nothing issued or rotated")
  void tokenWhenScopeOrRefreshTokenRepeatedThenInvalidRequest() {
    assertError(
        as.send(c2ClientCredentials().param("scope", "read").param("scope", "read")),
        400,
        "invalid_request");
    Reply tokens = as.c1Tokens();

    Reply reply =
        as.send(
            as.refresh("c1", C1_SECRET, tokens.refreshToken())
                .param("refresh_token", tokens.refreshToken()));

    assertError(reply, 400, "invalid_request");
    assertThat(as.refreshToken(tokens.refreshToken()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.ACTIVE);
    assertThat(as.sizes()).containsExactly(1, 1, 1);
  }

  @Test
  @DisplayName(
      "TE-05 parameters in the query string are refused, never merged; neither code is consumed")
  void tokenWhenParametersInQueryThenInvalidRequest() {
    String codeA = as.validCode("c1");
    String codeB = as.validCode("c1");

    assertError(
        as.send(as.redemption("c1", C1_SECRET, codeB).query("code=" + codeA)),
        400,
        "invalid_request");
    assertError(
        as.send(TokenCall.form().basic("c2", C2_SECRET).query("grant_type=client_credentials")),
        400,
        "invalid_request");

    assertThat(as.codeRecord(codeA).state()).isEqualTo(CodeState.ISSUED);
    assertThat(as.codeRecord(codeB).state()).isEqualTo(CodeState.ISSUED);
    assertThat(as.sizes()).containsExactly(0, 0, 0);
  }

  @Test
  @DisplayName(
      "TE-07 an oversized body is 413 (invalid_request, no-store), whether the host or Keyway noticed")
  void tokenWhenBodyTooLargeThen413() throws IOException {
    String twoMiB = "grant_type=client_credentials&scope=" + "a".repeat(2 * 1024 * 1024);
    String manyPairs = "grant_type=client_credentials" + "&x=1".repeat(100_000);
    String hugeCode = "grant_type=authorization_code&code=" + "c".repeat(1024 * 1024);
    for (String body : new String[] {twoMiB, manyPairs, hugeCode}) {
      assertError(as.send(c2ClientCredentials().rawBody(body)), 413, "invalid_request");
    }
    OAuthRequest streamed =
        OAuthRequest.builder("POST")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Authorization", "Basic YzI6czNjcjN0LWMy")
            .body(
                new ByteArrayInputStream(twoMiB.getBytes(StandardCharsets.US_ASCII)),
                OAuthRequest.DEFAULT_MAX_BODY_BYTES)
            .build();
    assertError(as.send(streamed), 413, "invalid_request");
    assertThat(as.sizes()).containsExactly(0, 0, 0);
  }

  @Test
  @DisplayName("TE-07 more than 100 parameters within the size limit is invalid_request")
  void tokenWhenTooManyParametersThenInvalidRequest() {
    assertError(
        as.send(
            c2ClientCredentials().rawBody("grant_type=client_credentials" + "&x=1".repeat(100))),
        400,
        "invalid_request");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"%C0%AF", "%FF%FE", "%E2%82", "%ZZ", "%4", "%00", "%0D%0A"})
  @DisplayName("TE-08 invalid encodings are invalid_request, never 500, and nothing is issued")
  void tokenWhenBodyEncodingInvalidThenInvalidRequest(String bad) {
    assertError(
        as.send(c2ClientCredentials().rawBody("grant_type=client_credentials&scope=read" + bad)),
        400,
        "invalid_request");
    assertThat(as.sizes()).containsExactly(0, 0, 0);
  }

  @Test
  @DisplayName("TE-08 a raw NUL or non-ASCII byte in the body is invalid_request")
  void tokenWhenRawControlOrNonAsciiBytesThenInvalidRequest() {
    for (byte[] body :
        new byte[][] {
          "grant_type=client_credentials&scope=read\u0000".getBytes(StandardCharsets.ISO_8859_1),
          "grant_type=client_credentials&scope=r\u00e9ad".getBytes(StandardCharsets.UTF_8)
        }) {
      OAuthRequest request =
          OAuthRequest.builder("POST")
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Authorization", "Basic YzI6czNjcjN0LWMy")
              .body(body)
              .build();
      assertError(as.send(request), 400, "invalid_request");
    }
  }

  @Test
  @DisplayName(
      "TE-09 invalid_client is 401; every other token-endpoint error is 400 (405/413 for method and size)")
  void tokenErrorStatusMapping() {
    assertError(
        as.send(TokenCall.grant("client_credentials").basic("c2", "wrong")), 401, "invalid_client");
    assertError(
        as.send(TokenCall.grant("client_credentials").post("c2", "wrong")), 401, "invalid_client");
    assertError(as.send(c2ClientCredentials().param("scope", "admin")), 400, "invalid_scope");
    assertError(
        as.send(TokenCall.grant("client_credentials").basic("c1", C1_SECRET)),
        400,
        "unauthorized_client");
    assertError(as.send(as.refresh("c1", C1_SECRET, "nope")), 400, "invalid_grant");
  }

  @Test
  @DisplayName(
      "HD-01 a success carries Content-Type JSON, Cache-Control: no-store and Pragma: no-cache")
  void tokenSuccessHeaders() {
    Reply reply = as.send(c2ClientCredentials());

    assertTokens(reply);
    assertThat(reply.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
    assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
    assertThat(reply.header("Pragma")).isEqualTo("no-cache");
  }
}
