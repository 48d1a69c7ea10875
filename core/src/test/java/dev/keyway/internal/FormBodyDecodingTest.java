package dev.keyway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-pass byte decoder of form bodies must read every body exactly as the string decoder (the
 * reference, shared with query strings) reads it: same names, values and repetitions, or the same
 * refusal.
 */
class FormBodyDecodingTest {

  private static final String ALPHABET = "ab=&%+2F0gZ~.-_ \u0001\u007f";

  @Test
  @DisplayName("property: 20,000 random ASCII bodies decode as bytes exactly as as strings")
  void byteDecoderAgreesWithStringDecoder() {
    Random random = new Random(20261128);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder body = new StringBuilder();
      int length = random.nextInt(24);
      for (int i = 0; i < length; i++) {
        body.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String text = body.toString();
      byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
      Parameters expected;
      try {
        expected = FormDecoder.decode(text);
      } catch (FormDecoder.MalformedFormException e) {
        assertThatThrownBy(() -> FormDecoder.decode(bytes))
            .as("body %s", text)
            .isInstanceOf(FormDecoder.MalformedFormException.class);
        continue;
      }
      if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
        // raw control characters are not form encoding on the wire, even where the string
        // decoder would have dropped them with an empty component
        assertThatThrownBy(() -> FormDecoder.decode(bytes))
            .as("body %s", text)
            .isInstanceOf(FormDecoder.MalformedFormException.class);
        continue;
      }
      Parameters actual = decodeOrFail(bytes, text);
      assertThat(actual.names()).as("body %s", text).containsExactlyElementsOf(expected.names());
      for (String name : expected.names()) {
        assertThat(actual.get(name)).as("%s in %s", name, text).isEqualTo(expected.get(name));
        assertThat(actual.isRepeated(name)).isEqualTo(expected.isRepeated(name));
      }
      assertThat(actual.anyRepeated().isPresent()).isEqualTo(expected.anyRepeated().isPresent());
    }
  }

  private static Parameters decodeOrFail(byte[] bytes, String text) {
    try {
      return FormDecoder.decode(bytes);
    } catch (FormDecoder.MalformedFormException e) {
      throw new AssertionError("the byte decoder refused " + text, e);
    }
  }

  @Test
  void splitsOnTheFirstEqualsSignAndKeepsEmptyNamesAndValues() throws Exception {
    Parameters p = FormDecoder.decode(bytes("a=b=c&=x&flag&&c=%3D"));
    assertThat(p.get("a")).contains("b=c");
    assertThat(p.get("")).contains("x");
    assertThat(p.isPresent("flag")).isTrue();
    assertThat(p.get("flag")).isEmpty();
    assertThat(p.get("c")).contains("=");
    assertThat(p.names()).containsExactly("a", "", "flag", "c");
  }

  @ParameterizedTest(name = "refuses the raw byte {0}")
  @ValueSource(ints = {0x00, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xFF})
  void refusesRawControlAndNonAsciiBytes(int b) {
    byte[] body = bytes("a=b&c=d");
    body[5] = (byte) b;
    assertThatThrownBy(() -> FormDecoder.decode(body))
        .isInstanceOf(FormDecoder.MalformedFormException.class);
  }

  @Test
  void countsParametersUpToTheLimit() throws Exception {
    String hundred = "p=1&".repeat(FormDecoder.MAX_PARAMETERS);
    assertThat(FormDecoder.decode(bytes(hundred)).isRepeated("p")).isTrue();
    assertThatThrownBy(() -> FormDecoder.decode(bytes(hundred + "q=2")))
        .isInstanceOf(FormDecoder.MalformedFormException.class)
        .hasMessage("Too many parameters");
  }

  @Test
  void anEmptyBodyHasNoParameters() throws Exception {
    assertThat(FormDecoder.decode(new byte[0]).isEmpty()).isTrue();
    assertThat(FormDecoder.decode(bytes("&&&")).isEmpty()).isTrue();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  @DisplayName("well-known names and values, and near misses of them, decode as they are spelt")
  void knownNamesAndValuesAndNearMisses() throws Exception {
    String text =
        "grant_type=client_credentials&grant_typ=client_credential&scope=read&code=authorization_code"
            + "&cod=refresh_toke&codes=token&client_id=token_type_hint&Scope=access_token"
            + "&redirect_uri=client_assertion_type"
            // same length, first and last byte as a known string: only the bytes between differ
            + "&grant_tXpe=client_xredentials&sCope=authorization_Xode&=e&t=";
    Parameters actual = FormDecoder.decode(text.getBytes(StandardCharsets.US_ASCII));
    Parameters expected = FormDecoder.decode(text);
    assertThat(actual.names()).containsExactlyElementsOf(expected.names());
    for (String name : expected.names()) {
      assertThat(actual.get(name)).as(name).isEqualTo(expected.get(name));
    }
    assertThat(actual.get("grant_type")).contains("client_credentials");
    assertThat(actual.get("grant_typ")).contains("client_credential");
    assertThat(actual.get("cod")).contains("refresh_toke");
    assertThat(actual.get("Scope")).contains("access_token");
    assertThat(actual.isPresent("Scope") && actual.isPresent("scope")).isTrue();
    assertThat(actual.get("grant_tXpe")).contains("client_xredentials");
    assertThat(actual.get("sCope")).contains("authorization_Xode");
    assertThat(actual.isPresent("")).isTrue();
    assertThat(actual.isPresent("t")).isTrue();
  }
}
