package dev.keyway.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The regex-free base64 shape check that replaced {@code String.matches} on the hot path. */
class BasicHeaderShapeTest {

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource({
    "YzE6czNjcjN0LWMx, true",
    "YQ==, true",
    "YWI=, true",
    "a+/9, true",
    "'', false",
    "Y===, false",
    "====, false",
    "YzE6czNjcjN0LWMx=, false",
    "YQ=a, false",
    "YQ-_, false",
    "YQ  , false",
    "YzE, false"
  })
  void isBase64(String token, boolean expected) {
    assertThat(BasicCredentials.isBase64(token)).isEqualTo(expected);
  }
}
