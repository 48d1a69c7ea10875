package dev.keyway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.internal.Hashing;
import dev.keyway.spi.client.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PresentedSecretTest {

  private final Sha256SecretHasher sha256 = new Sha256SecretHasher();

  @Test
  @DisplayName("CA: a secret read in place matches exactly the hash of its own characters")
  void inPlaceSecretMatchesItsHashOnly() {
    byte[] decoded = "client:s3cret-value".getBytes(StandardCharsets.US_ASCII);
    PresentedSecret secret = PresentedSecret.ofAscii(decoded, 7, decoded.length - 7);

    assertThat(secret.matches(sha256, sha256.hash("s3cret-value"))).isTrue();
    assertThat(secret.matches(sha256, sha256.hash("s3cret-valuf"))).isFalse();
    assertThat(secret.matches(sha256, sha256.hash("client:s3cret-value"))).isFalse();
    assertThat(secret.matches(sha256, sha256.hash("3cret-value"))).isFalse();
    assertThat(secret.matches(sha256, null)).isFalse();
    assertThat(secret.matches(sha256, "plain:s3cret-value")).isFalse();
    assertThat(secret.reveal()).isEqualTo("s3cret-value");
  }

  @Test
  @DisplayName("CA: a host's own hasher receives the secret as the same string either way")
  void ownHasherGetsTheString() {
    List<String> received = new ArrayList<>();
    SecretHasher own =
        new SecretHasher() {
          @Override
          public String hash(CharSequence secret) {
            return "own:" + secret;
          }

          @Override
          public boolean matches(CharSequence secret, String encodedHash) {
            received.add(secret.toString());
            return encodedHash.equals("own:" + secret);
          }
        };
    byte[] decoded = "id:pw".getBytes(StandardCharsets.US_ASCII);

    assertThat(PresentedSecret.ofAscii(decoded, 3, 2).matches(own, "own:pw")).isTrue();
    assertThat(PresentedSecret.of("pw").matches(own, "own:pw")).isTrue();
    assertThat(received).containsExactly("pw", "pw");
  }

  @Test
  @DisplayName(
      "L: wiping zeroes the secret's bytes and nothing around them; toString never shows it")
  void wipeZeroesOnlyTheSecret() {
    byte[] decoded = "id:pw-123".getBytes(StandardCharsets.US_ASCII);
    PresentedSecret secret = PresentedSecret.ofAscii(decoded, 3, 6);
    String hash = sha256.hash("pw-123");

    assertThat(secret.toString()).isEqualTo("[redacted]").doesNotContain("pw");
    secret.wipe();

    assertThat(Arrays.copyOfRange(decoded, 0, 3))
        .isEqualTo("id:".getBytes(StandardCharsets.US_ASCII));
    assertThat(Arrays.copyOfRange(decoded, 3, 9)).containsOnly(0);
    assertThat(secret.matches(sha256, hash)).isFalse();
    PresentedSecret string = PresentedSecret.of("pw-123");
    string.wipe(); // a string cannot be wiped: still the secret
    assertThat(string.matches(sha256, hash)).isTrue();
    assertThat(string.toString()).isEqualTo("[redacted]");
  }

  @Test
  @DisplayName("a range outside the array is refused")
  void rangeIsChecked() {
    byte[] decoded = new byte[4];
    assertThatThrownBy(() -> PresentedSecret.ofAscii(decoded, 3, 2))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> PresentedSecret.ofAscii(decoded, -1, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  @DisplayName("TK: a scratch digest of any range is the JDK's SHA-256 of that range")
  void scratchDigestIsSha256OfTheRange() throws Exception {
    Random random = new Random(11);
    MessageDigest jdk = MessageDigest.getInstance("SHA-256");
    for (int n = 0; n < 2_000; n++) {
      byte[] bytes = new byte[random.nextInt(200)];
      random.nextBytes(bytes);
      int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      int length = random.nextInt(bytes.length - from + 1);
      byte[] expected = jdk.digest(Arrays.copyOfRange(bytes, from, from + length));
      assertThat(Hashing.sha256Scratch(bytes, from, length)).isEqualTo(expected);
    }
  }
}
