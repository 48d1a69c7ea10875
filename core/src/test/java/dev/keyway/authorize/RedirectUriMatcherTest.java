package dev.keyway.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RedirectUriMatcher} on its own: the defences that hold even when a bad URI got registered,
 * and the strict loopback parser (RU-07, RU-08, RU-12, RU-13).
 */
class RedirectUriMatcherTest {

  static Stream<Arguments> matches() {
    return Stream.of(
        Arguments.of(
            "exact https", List.of("https://app.example/cb"), "https://app.example/cb", true),
        Arguments.of(
            "exact with query",
            List.of("https://app.example/cb?foo=bar"),
            "https://app.example/cb?foo=bar",
            true),
        Arguments.of(
            "RU-12 private-use scheme (RFC 8252 §7.1)",
            List.of("com.example.app:/oauth2redirect"),
            "com.example.app:/oauth2redirect",
            true),
        Arguments.of(
            "RU-12 registered loopback port varies",
            List.of("http://127.0.0.1:8080/cb"),
            "http://127.0.0.1:9999/cb",
            true),
        Arguments.of(
            "RU-12 port added", List.of("http://[::1]/cb?x=1"), "http://[::1]:5000/cb?x=1", true),
        Arguments.of(
            "RU-12 port removed", List.of("http://127.0.0.1:8080/cb"), "http://127.0.0.1/cb", true),
        Arguments.of("RU-12 root path", List.of("http://127.0.0.1"), "http://127.0.0.1:4000", true),
        Arguments.of(
            "RU-13 loopback host literals differ",
            List.of("http://127.0.0.1/cb"),
            "http://[::1]:5000/cb",
            false),
        Arguments.of(
            "RU-13 localhost exact only",
            List.of("http://localhost/cb"),
            "http://localhost:5000/cb",
            false),
        Arguments.of(
            "RU-13 loopback query must match",
            List.of("http://127.0.0.1/cb"),
            "http://127.0.0.1:1/cb?a",
            false),
        Arguments.of(
            "RU-08 registered javascript: never used",
            List.of("javascript:alert(1)//"),
            "javascript:alert(1)//",
            false),
        Arguments.of(
            "RU-08 registered data: never used",
            List.of("data:text/html,x"),
            "data:text/html,x",
            false),
        Arguments.of(
            "RU-08 registered hierarchical javascript: never used",
            List.of("javascript://x/%0Aalert(1)"),
            "javascript://x/%0Aalert(1)",
            false),
        Arguments.of(
            "RU-08 registered plain http never used",
            List.of("http://app.example/cb"),
            "http://app.example/cb",
            false),
        Arguments.of(
            "RU-07 registered fragment never used",
            List.of("https://app.example/cb#f"),
            "https://app.example/cb#f",
            false),
        Arguments.of(
            "RU-05 registered userinfo never used",
            List.of("https://a@app.example/cb"),
            "https://a@app.example/cb",
            false),
        Arguments.of("RU-10 registered relative never used", List.of("/cb"), "/cb", false),
        Arguments.of(
            "RU-10 opaque https never used",
            List.of("https:app.example"),
            "https:app.example",
            false),
        Arguments.of(
            "RU-09 registered non-ASCII never used",
            List.of("https://\u0430pp.example/cb"),
            "https://\u0430pp.example/cb",
            false),
        Arguments.of(
            "space never used",
            List.of("https://app.example/c b"),
            "https://app.example/c b",
            false),
        Arguments.of("null requested", List.of("https://app.example/cb"), null, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matches")
  @DisplayName("match: exact, or loopback port variance; unusable URIs never match")
  void match(String name, List<String> registered, String requested, boolean expected) {
    Optional<String> matched = RedirectUriMatcher.match(registered, requested);
    if (expected) {
      assertThat(matched).contains(requested);
    } else {
      assertThat(matched).isEmpty();
    }
  }

  static Stream<Arguments> loopbackForms() {
    return Stream.of(
        Arguments.of("http://127.0.0.1/cb", "127.0.0.1", "/cb"),
        Arguments.of("http://127.0.0.1:51004/cb?x=1", "127.0.0.1", "/cb?x=1"),
        Arguments.of("http://[::1]:61023/cb", "[::1]", "/cb"),
        Arguments.of("http://[::1]", "[::1]", ""),
        Arguments.of("http://127.0.0.1?x", "127.0.0.1", "?x"),
        Arguments.of("https://127.0.0.1/cb", null, null),
        Arguments.of("HTTP://127.0.0.1/cb", null, null),
        Arguments.of("http://127.0.0.1@evil.example/cb", null, null),
        Arguments.of("http://127.0.0.1:51004@evil.example/cb", null, null),
        Arguments.of("http://127.0.0.1.evil.example/cb", null, null),
        Arguments.of("http://127.0.0.10/cb", null, null),
        Arguments.of("http://127.0.0.1:/cb", null, null),
        Arguments.of("http://127.0.0.1:0/cb", null, null),
        Arguments.of("http://127.0.0.1:00080/cb", null, null),
        Arguments.of("http://127.0.0.1:65536/cb", null, null),
        Arguments.of("http://127.0.0.1:123456/cb", null, null),
        Arguments.of("http://127.0.0.1:80x/cb", null, null),
        Arguments.of("http://[::1]x/cb", null, null),
        Arguments.of("http://localhost/cb", null, null),
        Arguments.of("http://127.1/cb", null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loopbackForms")
  @DisplayName(
      "RU-13 the loopback parser accepts only scheme, literal host, decimal port, then path or query")
  void parseLoopback(String uri, String host, String rest) {
    Optional<RedirectUriMatcher.Loopback> parsed = RedirectUriMatcher.parseLoopback(uri);
    if (host == null) {
      assertThat(parsed).isEmpty();
    } else {
      assertThat(parsed).contains(new RedirectUriMatcher.Loopback(host, rest));
    }
  }

  @Test
  @DisplayName("RU-11 sole: exactly one usable registered URI")
  void sole() {
    assertThat(RedirectUriMatcher.sole(List.of("https://app.example/cb")))
        .contains("https://app.example/cb");
    assertThat(RedirectUriMatcher.sole(List.of())).isEmpty();
    assertThat(
            RedirectUriMatcher.sole(List.of("https://app.example/cb", "https://app.example/cb2")))
        .isEmpty();
    assertThat(RedirectUriMatcher.sole(List.of("javascript:alert(1)"))).isEmpty();
  }
}
