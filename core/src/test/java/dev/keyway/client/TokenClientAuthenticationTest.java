package dev.keyway.client;

import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static dev.keyway.token.fixture.TestClients.C1M_SECRET;
import static dev.keyway.token.fixture.TestClients.C1_SECRET;
import static dev.keyway.token.fixture.TestClients.C2_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.event.SecurityEvent;
import dev.keyway.spi.client.ClientSecret;
import dev.keyway.spi.client.SecretHasher;
import dev.keyway.spi.code.CodeState;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TestClients;
import dev.keyway.token.fixture.TokenCall;
import dev.keyway.token.fixture.TokenServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client authentication at the token endpoint (catalogue group F, RFC 6749 §2.3, DESIGN decision
 * 8).
 */
class TokenClientAuthenticationTest {

  private final TokenServer as = TokenServer.start();

  private TokenCall c1Redemption(String code) {
    return TokenCall.grant("authorization_code")
        .param("code", code)
        .param("redirect_uri", "https://app.example/cb")
        .param("code_verifier", TokenServer.V);
  }

  @Test
  @DisplayName(
      "CA-01 c1 may use Basic or the body; c1m (Basic only) sending body credentials gets 401")
  void authenticateOnlyWithRegisteredMethods() {
    assertTokens(as.send(c1Redemption(as.validCode("c1")).basic("c1", C1_SECRET)));
    assertTokens(as.send(c1Redemption(as.validCode("c1")).post("c1", C1_SECRET)));
    String code = as.validCode("c1m");

    Reply reply = as.send(c1Redemption(code).post("c1m", C1M_SECRET));

    assertError(reply, 401, "invalid_client");
    assertThat(reply.header("WWW-Authenticate")).isNull();
    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.ISSUED);
    assertTokens(as.send(c1Redemption(code).basic("c1m", C1M_SECRET)));
  }

  @Test
  @DisplayName(
      "CA-02 Basic plus body credentials (same or other client) is invalid_request; the code survives")
  void authenticateWhenTwoMethodsThenInvalidRequest() {
    String code = as.validCode("c1");

    assertError(
        as.send(c1Redemption(code).basic("c1", C1_SECRET).post("c1", C1_SECRET)),
        400,
        "invalid_request");
    assertError(
        as.send(c1Redemption(code).basic("c1", C1_SECRET).post("c2", C2_SECRET)),
        400,
        "invalid_request");

    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.ISSUED);
  }

  @Test
  @DisplayName(
      "CA-03 / CA-05 a wrong secret and an unknown client via Basic are the same 401 with a Basic challenge")
  void authenticateWhenBasicFailsThenIdentical401WithChallenge() {
    Reply wrongSecret =
        as.send(
            TokenCall.grant("client_credentials").header("Authorization", "Basic YzE6d3Jvbmc="));
    Reply unknown =
        as.send(TokenCall.grant("client_credentials").header("Authorization", "Basic bm9wZTp4"));

    assertError(wrongSecret, 401, "invalid_client");
    assertThat(wrongSecret.header("WWW-Authenticate")).startsWith("Basic realm=\"");
    assertThat(unknown.status()).isEqualTo(wrongSecret.status());
    assertThat(unknown.response().headers()).isEqualTo(wrongSecret.response().headers());
    assertThat(unknown.response().body()).isEqualTo(wrongSecret.response().body());
    assertThat(as.events(SecurityEvent.ClientAuthenticationFailed.class)).hasSize(2);
  }

  @Test
  @DisplayName("CA-03 / CA-04 a wrong secret neither burns a code nor rotates a refresh token")
  void authenticateWhenWrongSecretThenNothingChanges() {
    Reply tokens = as.c1Tokens();
    String code = as.validCode("c1");

    assertError(as.send(c1Redemption(code).basic("c1", "wrong")), 401, "invalid_client");
    assertError(as.send(c1Redemption(code).post("c1", "wrong")), 401, "invalid_client");
    assertError(
        as.send(
            TokenCall.grant("refresh_token")
                .basic("c1", "wrong")
                .param("refresh_token", tokens.refreshToken())),
        401,
        "invalid_client");

    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.ISSUED);
    assertTokens(as.send(as.refresh("c1", C1_SECRET, tokens.refreshToken())));
  }

  @Test
  @DisplayName(
      "CA-06 id and secret form-urlencoded before base64 (RFC 6749 §2.3.1), and the body variant, both succeed")
  void authenticateWhenCredentialsNeedEncodingThenBothMethodsWork() {
    Reply basic =
        as.send(
            TokenCall.grant("client_credentials")
                .header(
                    "Authorization",
                    "Basic MVBwRyUyRlErMTp6JTJGdFo5VndGWnFBcG1JUSUyQlpIMUk1cExrJTJGdUI0dWQlM0FYMiUyRjhiTCUyQndmRlR0MXJGdyUzRA=="));
    Reply body =
        as.send(
            TokenCall.form()
                .rawBody(
                    "grant_type=client_credentials&client_id=1PpG%2FQ+1"
                        + "&client_secret=z%2FtZ9VwFZqApmIQ%2BZH1I5pLk%2FuB4ud%3AX2%2F8bL%2BwfFTt1rFw%3D"));

    assertTokens(basic);
    assertTokens(body);
    assertThat(as.accessToken(basic.accessToken()).orElseThrow().clientId())
        .isEqualTo(TestClients.SC_ID);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "Basic MVBwRy9RIDE6ei90WjlWd0ZacUFwbUlRK1pIMUk1cExrL3VCNHVkOlgyLzhiTCt3ZkZUdDFyRnc9", // raw, unencoded
        "Basic YzE6JXp6", // c1:%zz
        "Basic",
        "Basic ",
        "Basic  YzE6czNjcjN0LWMx",
        "Basic !!!",
        "Basic bm9jb2xvbg==",
        "Basic OnMzY3IzdC1jMQ==",
        "Basic YzE6",
        "Basic JXp6OnMzY3IzdC1jMQ==",
        "Basic YzE6czNjcjN0LWMx=",
        "Bearer YzE6czNjcjN0LWMx",
        "Basic QzE6czNjcjN0LWMx"
      })
  @DisplayName(
      "CA-07 / CA-08 / CA-09 raw, malformed or wrong-case Basic credentials: 401 invalid_client, never 500, code kept")
  void authenticateWhenBasicMalformedThenInvalidClient(String header) {
    String code = as.validCode("c1");

    Reply reply = as.send(c1Redemption(code).header("Authorization", header));

    assertError(reply, 401, "invalid_client");
    assertThat(reply.header("WWW-Authenticate")).startsWith("Basic ");
    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.ISSUED);
  }

  @Test
  @DisplayName("CA-08 a Basic header over 8 KB is refused with 401, never 500")
  void authenticateWhenBasicHeaderHugeThenInvalidClient() {
    String huge = "Basic " + "QUFB".repeat(2200);
    assertError(
        as.send(TokenCall.grant("client_credentials").header("Authorization", huge)),
        401,
        "invalid_client");
  }

  @Test
  @DisplayName("the Basic scheme name is case-insensitive (RFC 7617 §2)")
  void authenticateWhenSchemeLowerCaseThenAccepted() {
    assertTokens(
        as.send(
            TokenCall.grant("client_credentials")
                .header("Authorization", "basic YzI6czNjcjN0LWMy")));
  }

  @Test
  @DisplayName("two Authorization headers are invalid_request")
  void authenticateWhenTwoAuthorizationHeadersThenInvalidRequest() {
    Reply reply =
        as.send(
            TokenCall.grant("client_credentials").basic("c2", C2_SECRET).basic("c2", C2_SECRET));
    assertError(reply, 400, "invalid_request");
  }

  @ParameterizedTest(name = "client_id={0}")
  @ValueSource(strings = {"c1%00", "c1%07", "c1%0D%0AX-Injected:1"})
  @DisplayName("CA-09 control characters in client_id are invalid_request")
  void authenticateWhenClientIdHasControlCharactersThenInvalidRequest(String encodedId) {
    Reply reply =
        as.send(
            TokenCall.form()
                .rawBody(
                    "grant_type=client_credentials&client_id="
                        + encodedId
                        + "&client_secret="
                        + C1_SECRET));
    assertError(reply, 400, "invalid_request");
  }

  @Test
  @DisplayName(
      "CA-10 (a) a public client presenting a secret, and (c) Basic 'p1:' with an empty password, are both 401")
  void authenticateWhenPublicClientPresentsSecretThenInvalidClient() {
    String code = as.validCode("p1");
    TokenCall redemption =
        TokenCall.grant("authorization_code")
            .param("code", code)
            .param("redirect_uri", "https://spa.example/cb")
            .param("code_verifier", TokenServer.V);

    assertError(as.send(redemption.post("p1", "anything")), 401, "invalid_client");
    TokenCall emptyPassword =
        TokenCall.grant("authorization_code")
            .header("Authorization", "Basic cDE6")
            .param("code", code)
            .param("redirect_uri", "https://spa.example/cb")
            .param("code_verifier", TokenServer.V);
    assertError(as.send(emptyPassword), 401, "invalid_client");

    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.ISSUED);
  }

  @Test
  @DisplayName("CA-11 credentials in the query string are not honoured")
  void authenticateWhenCredentialsInQueryThenRefused() {
    Reply reply =
        as.send(
            TokenCall.grant("client_credentials").query("client_id=c2&client_secret=" + C2_SECRET));
    assertError(reply, 400, "invalid_request");
    assertThat(as.sizes()).containsExactly(0, 0, 0);
  }

  @Test
  @DisplayName(
      "an expired secret is refused; during a rotation both the new and the unexpired old secret work")
  void authenticateWithRotatedAndExpiredSecrets() {
    SecretHasher hasher = TestClients.defaultHasher();
    Instant now = as.clock.instant();
    as.update(
        as.client("c2").toBuilder()
            .secrets(
                List.of(
                    new ClientSecret(
                        hasher.hash("old-secret"), Instant.EPOCH, now.plus(Duration.ofDays(1))),
                    new ClientSecret(hasher.hash("new-secret"), now, null),
                    new ClientSecret(hasher.hash("ancient-secret"), Instant.EPOCH, now)))
            .build());

    assertTokens(as.send(TokenCall.grant("client_credentials").basic("c2", "old-secret")));
    assertTokens(as.send(TokenCall.grant("client_credentials").basic("c2", "new-secret")));
    assertError(
        as.send(TokenCall.grant("client_credentials").basic("c2", "ancient-secret")),
        401,
        "invalid_client");
    as.clock.advance(Duration.ofDays(1));
    assertError(
        as.send(TokenCall.grant("client_credentials").basic("c2", "old-secret")),
        401,
        "invalid_client");
  }

  /** Counts every call into the hasher. */
  static final class CountingHasher implements SecretHasher {
    private final SecretHasher real = TestClients.defaultHasher();
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public String hash(CharSequence secret) {
      calls.incrementAndGet();
      return real.hash(secret);
    }

    @Override
    public boolean matches(CharSequence secret, String encodedHash) {
      calls.incrementAndGet();
      return real.matches(secret, encodedHash);
    }
  }

  @ParameterizedTest(name = "via {0}")
  @ValueSource(strings = {"basic", "post"})
  @DisplayName(
      "CA-12 (a) an unknown client costs the hasher exactly as many calls as a wrong secret")
  void authenticateWhenUnknownClientThenSameHashWorkAsWrongSecret(String method) {
    CountingHasher hasher = new CountingHasher();
    TokenServer counted = TokenServer.start(hasher, c -> c, t -> t);

    hasher.calls.set(0);
    Reply wrong =
        counted.send(
            credentials(TokenCall.grant("client_credentials"), method, "c2", "wrong-secret"));
    int wrongSecretCalls = hasher.calls.getAndSet(0);
    Reply unknown =
        counted.send(
            credentials(TokenCall.grant("client_credentials"), method, "nope", "wrong-secret"));
    int unknownClientCalls = hasher.calls.getAndSet(0);
    Reply right =
        counted.send(credentials(TokenCall.grant("client_credentials"), method, "c2", C2_SECRET));
    int rightSecretCalls = hasher.calls.get();

    assertError(wrong, 401, "invalid_client");
    assertError(unknown, 401, "invalid_client");
    assertTokens(right);
    assertThat(wrongSecretCalls).isPositive();
    assertThat(unknownClientCalls).isEqualTo(wrongSecretCalls).isEqualTo(rightSecretCalls);
  }

  private static TokenCall credentials(TokenCall call, String method, String id, String secret) {
    return "basic".equals(method) ? call.basic(id, secret) : call.post(id, secret);
  }
}
