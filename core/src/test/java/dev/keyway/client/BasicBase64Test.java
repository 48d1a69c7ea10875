package dev.keyway.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written base64 decoder of {@link BasicCredentials} against the JDK's basic decoder: the
 * same inputs accepted (once the length is a multiple of four, which the parser requires) and the
 * same bytes out.
 */
class BasicBase64Test {

  private static final String CHARS =
      // \u0141 and \u0157: beyond Latin-1, with the low bytes of "A" and "W"
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ \u0000\u00e9:\u0141\u0157";

  private static byte[] jdk(String s) {
    if (s.isEmpty() || s.length() % 4 != 0) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Test
  void agreesWithTheJdkOnRandomInputs() {
    Random random = new Random(42);
    int accepted = 0;
    for (int n = 0; n < 200_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(13);
      for (int i = 0; i < len; i++) {
        // mostly the alphabet, so that many inputs are valid
        sb.append(
            random.nextInt(8) == 0
                ? CHARS.charAt(64 + random.nextInt(CHARS.length() - 64))
                : CHARS.charAt(random.nextInt(64)));
      }
      String s = sb.toString();
      byte[] expected = jdk(s);
      assertThat(BasicCredentials.decodeBase64(s, 0)).as(s).isEqualTo(expected);
      accepted += expected == null ? 0 : 1;
    }
    assertThat(accepted).isGreaterThan(10_000);
  }

  @Test
  void agreesWithTheJdkOnPaddingAndEncodedText() {
    for (int len = 0; len < 40; len++) {
      byte[] raw = "c1:s3cr3t-\u00e9\u20ac-with:colons".repeat(2).getBytes(StandardCharsets.UTF_8);
      byte[] prefix = Arrays.copyOf(raw, len);
      String encoded = Base64.getEncoder().encodeToString(prefix);
      assertThat(BasicCredentials.decodeBase64("Basic " + encoded, 6))
          .as(encoded)
          .isEqualTo(len == 0 ? null : prefix);
    }
    for (String s : new String[] {"YQ==", "YR==", "YWI=", "YWJ=", "Y===", "YQ=a", "YQ==YQ=="}) {
      assertThat(BasicCredentials.decodeBase64(s, 0)).as(s).isEqualTo(jdk(s));
    }
  }
}
