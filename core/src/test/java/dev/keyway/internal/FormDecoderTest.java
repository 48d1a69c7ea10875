package dev.keyway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormDecoderTest {

  @Test
  void decodesPlusAsSpaceAndPercentEscapesAsUtf8() throws Exception {
    Parameters p = FormDecoder.decode("state=a+b%26c%3D%2B%23%E2%82%AC%3Cx%3E&scope=read%20write");
    assertThat(p.get("state")).contains("a b&c=+#€<x>");
    assertThat(p.get("scope")).contains("read write");
  }

  @Test
  @DisplayName("RFC 6749 section 3.1: an empty value is treated as omitted, but is still present")
  void emptyValueIsOmitted() throws Exception {
    Parameters p = FormDecoder.decode("state=&client_id=c1&flag");
    assertThat(p.get("state")).isEmpty();
    assertThat(p.isPresent("state")).isTrue();
    assertThat(p.get("flag")).isEmpty();
    assertThat(p.get("client_id")).contains("c1");
  }

  @Test
  @DisplayName("AZ-04/TE-04: repeated parameters are kept so they can be refused, never resolved")
  void repeatedParametersAreDetected() throws Exception {
    Parameters p = FormDecoder.decode("state=a&state=b&code=x");
    assertThat(p.isRepeated("state")).isTrue();
    assertThat(p.isRepeated("code")).isFalse();
    assertThat(p.anyRepeated()).contains("state");
  }

  @ParameterizedTest(name = "TE-08 refuses {0}")
  @ValueSource(
      strings = {
        "code=%C0%AF",
        "code=%FF%FE",
        "code=%E2%82",
        "code=%00",
        "code=%0D%0Ax",
        "code=%7F",
        "code=%zz",
        "code=%4",
        "code=abc%",
        "client_id=c1%07"
      })
  void refusesMalformedOrDangerousEncodings(String body) {
    assertThatThrownBy(() -> FormDecoder.decode(body))
        .isInstanceOf(FormDecoder.MalformedFormException.class);
  }

  @Test
  @DisplayName("TE-08: a raw NUL or non-ASCII byte in a form body is refused")
  void refusesRawControlAndNonAsciiBytes() {
    byte[] nul = "code=a\u0000b".getBytes(StandardCharsets.ISO_8859_1);
    byte[] latin1 = "code=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> FormDecoder.decode(nul))
        .isInstanceOf(FormDecoder.MalformedFormException.class);
    assertThatThrownBy(() -> FormDecoder.decode(latin1))
        .isInstanceOf(FormDecoder.MalformedFormException.class);
  }

  @Test
  @DisplayName("TE-07: the number of parameters is bounded")
  void boundsParameterCount() {
    String many = "x=1&".repeat(FormDecoder.MAX_PARAMETERS + 1);
    assertThatThrownBy(() -> FormDecoder.decode(many))
        .isInstanceOf(FormDecoder.MalformedFormException.class);
  }

  @Test
  void errorMessagesNeverEchoInput() {
    assertThatThrownBy(() -> FormDecoder.decode("code=secretvalue%zz"))
        .hasMessageNotContaining("secretvalue");
  }
}
