package dev.keyway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict Basic parser (RFC 7617, RFC 6749 §2.3.1) on its own: scheme, length, shape. */
class BasicCredentialsTest {

  private static String encode(String raw) {
    return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("CA-06 id and secret are form-decoded after base64")
  void parsesFormEncodedCredentials() {
    BasicCredentials parsed =
        BasicCredentials.parse("Basic " + encode("my%20app:p%3Ass+word")).orElseThrow();

    assertThat(parsed.clientId()).isEqualTo("my app");
    assertThat(parsed.secret().reveal()).isEqualTo("p:ss word");
    assertThat(parsed.toString()).doesNotContain("p:ss").contains("[redacted]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Basix ", "BasicX", "Basic\t", "Bearer", "NotBasic "})
  @DisplayName("CA-08 only the Basic scheme followed by one space introduces credentials")
  void otherSchemesAreNotBasic(String scheme) {
    assertThat(BasicCredentials.parse(scheme + encode("c1:secret"))).isEmpty();
    assertThat(BasicCredentials.isBasic(scheme + "x")).isFalse();
  }

  @Test
  void theSchemeAloneIsBasicButCarriesNoCredentials() {
    assertThat(BasicCredentials.isBasic("Basic")).isTrue();
    assertThat(BasicCredentials.isBasic("bASIC")).isTrue();
    assertThat(BasicCredentials.isBasic("Basi")).isFalse();
    assertThat(BasicCredentials.parse("Basic")).isEmpty();
    assertThat(BasicCredentials.parse("Basic ")).isEmpty();
  }

  @Test
  @DisplayName(
      "CA-08 well-formed credentials just under the length limit are read; past it they are not")
  void headerLengthLimit() {
    // "Basic " + base64 has a length of 2 mod 4: 4094 is the longest well-formed header allowed.
    String under = "Basic " + encode("c1:" + "s".repeat(3066 - 3));
    String over = "Basic " + encode("c1:" + "s".repeat(3069 - 3));
    assertThat(under).hasSize(BasicCredentials.MAX_HEADER_LENGTH - 2);
    assertThat(over).hasSize(BasicCredentials.MAX_HEADER_LENGTH + 2);

    assertThat(BasicCredentials.parse(under)).isPresent();
    assertThat(BasicCredentials.parse(over)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"YQ", "YQ=", "=YQ=", "====", "YQ==YQ==", "Y-Q=", "Y_Q=", "YQ=\u0000"})
  @DisplayName("CA-08 the base64 must be standard and correctly padded")
  void malformedBase64IsRefused(String token) {
    assertThat(BasicCredentials.isBase64(token)).isFalse();
  }

  @Test
  @DisplayName("CA-06 plain, non-ASCII and encoded credentials read the same as before decoding")
  void everyShapeOfCredentials() {
    BasicCredentials plain = BasicCredentials.parse("Basic " + encode("c1:a:b=c")).orElseThrow();
    assertThat(plain.clientId()).isEqualTo("c1");
    assertThat(plain.secret().reveal()).isEqualTo("a:b=c");

    BasicCredentials utf8 =
        BasicCredentials.parse("Basic " + encode("caf\u00e9:s\u20ac")).orElseThrow();
    assertThat(utf8.clientId()).isEqualTo("caf\u00e9");
    assertThat(utf8.secret().reveal()).isEqualTo("s\u20ac");

    BasicCredentials empty = BasicCredentials.parse("Basic " + encode("c1:")).orElseThrow();
    assertThat(empty.secret().reveal()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {":secret", "no-colon", "c\u0001:secret", "c1:s\u007f", "c1:%zz"})
  @DisplayName("CA-08 no id, no colon, control characters or bad escapes are not credentials")
  void malformedCredentialsAreRefused(String raw) {
    assertThat(BasicCredentials.parse("Basic " + encode(raw))).isEmpty();
  }

  @Test
  @DisplayName("CA-08 bytes that are not UTF-8 are not credentials")
  void invalidUtf8IsRefused() {
    byte[] raw = {'c', '1', ':', (byte) 0xC3, (byte) 0x28};
    assertThat(BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString(raw)))
        .isEmpty();
  }
}
