package dev.keyway.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.OAuthResponse;
import dev.keyway.Secret;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The success response of RFC 6749 §5.1, byte for byte, in each of its shapes. */
class TokenResponseTest {

  private static String body(String access, String refresh, Set<String> scopes) {
    OAuthResponse response =
        new TokenResponse(
                Secret.of(access), 300, refresh == null ? null : Secret.of(refresh), scopes)
            .toOAuthResponse();
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    assertThat(response.header("Pragma")).isEqualTo("no-cache");
    return response.body();
  }

  @Test
  void everyShapeOfThePlainResponse() {
    assertThat(body("at", null, Set.of()))
        .isEqualTo("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":300}");
    assertThat(body("at", null, Set.of("write", "read")))
        .isEqualTo(
            "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"scope\":\"read write\"}");
    assertThat(body("at", "rt", Set.of()))
        .isEqualTo(
            "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"refresh_token\":\"rt\"}");
    assertThat(body("at", "rt", Set.of("read")))
        .isEqualTo(
            "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"refresh_token\":\"rt\",\"scope\":\"read\"}");
  }

  @Test
  void valuesThatNeedEscapingAreEscapedWhereverTheyAre() {
    assertThat(body("a\"t", null, Set.of("read")))
        .isEqualTo(
            "{\"access_token\":\"a\\\"t\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"scope\":\"read\"}");
    assertThat(body("at", "r<t", Set.of()))
        .isEqualTo(
            "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"refresh_token\":\"r\\u003ct\"}");
    assertThat(body("at", "rt", Set.of("a&b")))
        .isEqualTo(
            "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":300,"
                + "\"refresh_token\":\"rt\",\"scope\":\"a\\u0026b\"}");
  }
}
