package dev.keyway.client;

import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.TestClients.C1_SECRET;
import static dev.keyway.token.fixture.TestClients.C3_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.event.SecurityEvent;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TokenCall;
import dev.keyway.token.fixture.TokenServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The less travelled paths of client authentication (RFC 6749 §2.3): mixed methods, a client
 * without secrets, public clients, and what a failed attempt leaves in the security log.
 */
class ClientAuthenticationEdgesTest {

  private final TokenServer as = TokenServer.start();

  private static String basic(String raw) {
    return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("CA-02 a client assertion next to Basic or a body secret is invalid_request")
  void assertionPlusAnotherMethodIsInvalidRequest() {
    TokenCall assertion =
        TokenCall.grant("client_credentials")
            .param(
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
            .param("client_assertion", "eyJ.x.y");

    assertError(as.send(assertion.basic("c1", C1_SECRET)), 400, "invalid_request");
    assertError(
        as.send(
            TokenCall.grant("client_credentials")
                .param("client_assertion", "eyJ.x.y")
                .post("c1", C1_SECRET)),
        400,
        "invalid_request");
  }

  @Test
  @DisplayName("CA-01 assertions are not enabled: invalid_client without a Basic challenge")
  void assertionAloneIsInvalidClient() {
    Reply reply =
        as.send(
            TokenCall.grant("client_credentials")
                .param("client_id", "c1")
                .param(
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));

    assertError(reply, 401, "invalid_client");
    assertThat(reply.header("WWW-Authenticate")).isNull();
  }

  @Test
  @DisplayName("CA-02 a body client_id that differs from the Basic one is invalid_request")
  void basicAndBodyIdsMustAgree() {
    assertError(
        as.send(
            TokenCall.grant("client_credentials").param("client_id", "c2").basic("c1", C1_SECRET)),
        400,
        "invalid_request");
  }

  @Test
  @DisplayName("CA-05 a client_secret without client_id is invalid_client")
  void secretWithoutIdIsInvalidClient() {
    assertError(
        as.send(TokenCall.grant("client_credentials").param("client_secret", C1_SECRET)),
        401,
        "invalid_client");
  }

  @Test
  @DisplayName("CA-05 an unknown client without a secret is invalid_client")
  void unknownPublicClientIsInvalidClient() {
    assertError(
        as.send(TokenCall.grant("client_credentials").param("client_id", "nobody")),
        401,
        "invalid_client");
  }

  @Test
  @DisplayName("CA-03 a confidential client whose secrets were all removed accepts no secret")
  void clientWithoutSecretsNeverAuthenticates() {
    as.update(as.client("c1").toBuilder().secrets(List.of()).build());

    assertError(
        as.send(TokenCall.grant("client_credentials").post("c1", C1_SECRET)),
        401,
        "invalid_client");
    assertError(
        as.send(TokenCall.grant("client_credentials").post("c1", "")), 401, "invalid_client");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Basic", "Basic ", "basic", "BASIC x", "Basicx", "Bearer abc", "Basi"})
  @DisplayName(
      "CA-08 a malformed or non-Basic Authorization header is invalid_client with a challenge")
  void malformedAuthorizationHeader(String header) {
    Reply reply = as.send(TokenCall.grant("client_credentials").header("Authorization", header));

    assertError(reply, 401, "invalid_client");
    assertThat(reply.header("WWW-Authenticate")).startsWith("Basic realm=");
  }

  @Test
  @DisplayName("CA-08 the Basic scheme name is case-insensitive (RFC 7617 §2)")
  void basicSchemeIsCaseInsensitive() {
    Reply reply =
        as.send(
            TokenCall.grant("client_credentials")
                .header("Authorization", "bAsIc " + basic("c3:" + C3_SECRET).substring(6)));

    assertThat(reply.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {":secret", "c1", "%zz:secret", "c1:%zz"})
  @DisplayName("CA-08 Basic credentials without an id, a colon or valid form-encoding are refused")
  void malformedBasicCredentials(String raw) {
    assertError(
        as.send(TokenCall.grant("client_credentials").header("Authorization", basic(raw))),
        401,
        "invalid_client");
  }

  @Test
  @DisplayName("CA-09 the logged client id is printable ASCII and at most 64 characters")
  void loggedClientIdIsSanitised() {
    String claimed = "\u00e9vil\u2028" + "x".repeat(100);
    as.send(TokenCall.grant("client_credentials").post(claimed, "wrong"));
    as.send(TokenCall.grant("client_credentials").post(" ~", "wrong"));

    List<SecurityEvent.ClientAuthenticationFailed> events =
        as.events(SecurityEvent.ClientAuthenticationFailed.class);
    assertThat(events).hasSize(2);
    assertThat(events.get(0).clientId()).isEqualTo("?vil?" + "x".repeat(59)).hasSize(64);
    assertThat(events.get(1).clientId()).isEqualTo(" ~");
  }
}
