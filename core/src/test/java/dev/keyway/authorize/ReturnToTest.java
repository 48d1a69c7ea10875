package dev.keyway.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.internal.Parameters;
import dev.keyway.spi.OAuthRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where a user is sent back after sign-in. The value ends up in a host's redirect, so it must
 * always be a same-site path: never a network-path reference or anything a browser might turn into
 * another host (RFC 9700 §4.11.2, open redirectors).
 */
class ReturnToTest {

  private static final URI ENDPOINT = URI.create("https://as.example/oauth2/authorize");

  private static Parameters params(String... pairs) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], List.of(pairs[i + 1]));
    }
    return Parameters.of(map);
  }

  @Test
  void aPlainGetComesBackExactlyAsReceived() {
    OAuthRequest get =
        OAuthRequest.builder("GET")
            .path("/oauth2/authorize")
            .rawQuery("client_id=app&state=a%2Fb")
            .build();
    assertThat(ReturnTo.of(get, params("client_id", "app", "state", "a/b"), ENDPOINT))
        .isEqualTo("/oauth2/authorize?client_id=app&state=a%2Fb");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"//evil.example/x", "/a\\b", "/a b", "/é", "relative", "/a?b", "/a#b", ""})
  void anUnusualPathFallsBackToTheEndpointPath(String path) {
    OAuthRequest get = OAuthRequest.builder("GET").path(path).rawQuery("client_id=app").build();
    assertThat(ReturnTo.of(get, params("client_id", "app"), ENDPOINT))
        .isEqualTo("/oauth2/authorize?client_id=app");
  }

  @Test
  void anEndpointWithoutAPathFallsBackToTheRoot() {
    OAuthRequest get = OAuthRequest.builder("GET").path("//evil.example").build();
    assertThat(ReturnTo.of(get, params("client_id", "app"), URI.create("https://as.example")))
        .isEqualTo("/?client_id=app");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "client_id=app&x=<script>",
        "client_id=app#frag",
        "client_id=a\"b",
        "client_id=a b",
        "client_id=a\\b"
      })
  void anUnusualQueryIsReEncodedFromTheParametersThisEndpointReads(String rawQuery) {
    OAuthRequest get =
        OAuthRequest.builder("GET").path("/oauth2/authorize").rawQuery(rawQuery).build();
    assertThat(ReturnTo.of(get, params("client_id", "a b", "other", "ignored"), ENDPOINT))
        .isEqualTo("/oauth2/authorize?client_id=a%20b");
  }

  @Test
  void aPostIsReEncodedInTheParserOrderAndDropsUnknownParameters() {
    OAuthRequest post =
        OAuthRequest.builder("POST").path("/oauth2/authorize").body("ignored").build();
    Parameters form =
        params(
            "state",
            "s",
            "unknown",
            "x",
            "client_id",
            "app",
            "response_type",
            "code",
            "code_challenge_method",
            "S256");
    assertThat(ReturnTo.of(post, form, ENDPOINT))
        .isEqualTo(
            "/oauth2/authorize?response_type=code&client_id=app&state=s&code_challenge_method=S256");
  }

  @Test
  void noParametersMeansNoQuery() {
    OAuthRequest post = OAuthRequest.builder("POST").path("/oauth2/authorize").build();
    assertThat(ReturnTo.of(post, Parameters.empty(), ENDPOINT)).isEqualTo("/oauth2/authorize");
  }
}
