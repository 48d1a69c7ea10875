package dev.keyway.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link RedirectUriMatcher#isUsable}: the last line of defence that holds whatever was registered.
 * Each rejected URI differs from a usable one by the one property under test.
 */
class RedirectUriUsabilityTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://app.example/cb",
        "https://app.example/cb?x=1",
        "https://app.example/!cb~", // '!' (0x21) and '~' (0x7E): the ends of printable ASCII
        "HTTPS://app.example/cb",
        "http://127.0.0.1:8080/cb",
        "http://[::1]/cb",
        "http://localhost/cb",
        "com.example.app:/oauth2redirect", // RFC 8252 §7.1 private-use scheme
        "com.example.app://callback"
      })
  @DisplayName("usable: https, loopback or localhost http, private-use schemes")
  void usable(String uri) {
    assertThat(RedirectUriMatcher.isUsable(uri)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "https://app.example/c b", // RU-09 0x20
        "https://app.example/c\u007Fb", // RU-09 DEL
        "https://app.example/c\u00e9", // RU-09 non-ASCII
        "https://app.example/c\tb",
        "https://app.example/cb#", // RU-07 fragment, even empty
        "https://app.example\\@evil.example/", // RU-05 backslash
        "https://[app.example/cb", // RU-10 does not parse
        "/cb", // RU-10 relative
        "https:app.example/cb", // RU-10 opaque
        "javascript://app.example/%0Aalert(1)", // RU-08
        "JavaScript://app.example/%0Aalert(1)", // RU-08 scheme case
        "data://app.example/x",
        "vbscript://app.example/x",
        "file:///etc/passwd",
        "https://user@app.example/cb", // RU-05 userinfo
        "com.example.app://user@callback", // userinfo on a private-use scheme
        "https:///cb", // no host
        "https://_bad_/cb", // registry-based authority: no host
        "http://app.example/cb", // RU-08 plain http off loopback
        "http://127.0.0.2/cb",
        "http:///cb"
      })
  @DisplayName("RU-05, RU-07..RU-10 unusable whatever was registered")
  void unusable(String uri) {
    assertThat(RedirectUriMatcher.isUsable(uri)).isFalse();
  }
}
