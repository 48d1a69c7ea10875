package dev.keyway.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.OAuthError;
import dev.keyway.Secret;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AZ-08, RU-03, RU-09: how the Location of an authorization response is built. */
class AuthorizationResponseUriTest {

  static Stream<Arguments> bases() {
    return Stream.of(
        Arguments.of(
            "https://app.example/cb",
            "https://app.example/cb?code=C&state=s&iss=https%3A%2F%2Fas.example"),
        Arguments.of(
            "https://app.example/cb?foo=bar",
            "https://app.example/cb?foo=bar&code=C&state=s&iss=https%3A%2F%2Fas.example"),
        Arguments.of(
            "https://app.example/cb?",
            "https://app.example/cb?code=C&state=s&iss=https%3A%2F%2Fas.example"),
        Arguments.of(
            "https://app.example/cb?a=1&",
            "https://app.example/cb?a=1&code=C&state=s&iss=https%3A%2F%2Fas.example"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bases")
  @DisplayName("RU-03 response parameters are appended to any query the redirect URI already has")
  void appendsToQuery(String redirectUri, String expected) {
    assertThat(
            AuthorizationResponseUri.success(redirectUri, Secret.of("C"), "s", "https://as.example")
                .toString())
        .isEqualTo(expected);
  }

  @Test
  @DisplayName("AZ-08 every byte outside the unreserved set is percent-encoded, in UTF-8")
  void percentEncodesEverythingButUnreserved() {
    String state = "a b&c=+#\u20ac<x>%/?'\"\u00e9-._~";
    String location =
        AuthorizationResponseUri.error(
                "https://app.example/cb",
                OAuthError.invalidScope("bad scope"),
                state,
                "https://as.example")
            .toString();
    assertThat(location)
        .isEqualTo(
            "https://app.example/cb?error=invalid_scope&error_description=bad%20scope"
                + "&state=a%20b%26c%3D%2B%23%E2%82%AC%3Cx%3E%25%2F%3F%27%22%C3%A9-._~&iss=https%3A%2F%2Fas.example");
  }

  @Test
  @DisplayName("P6 no state sent, no state returned")
  void noState() {
    assertThat(
            AuthorizationResponseUri.success(
                    "https://app.example/cb", Secret.of("C"), null, "https://as.example")
                .toString())
        .isEqualTo("https://app.example/cb?code=C&iss=https%3A%2F%2Fas.example");
  }
}
