package dev.keyway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.internal.Hashing;
import dev.keyway.spi.client.SecretHasher;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Secret hashers at their edges: foreign or damaged hashes, nested prefixes, bounds. */
class HasherEdgesTest {

  private final Sha256SecretHasher sha256 = new Sha256SecretHasher();

  /** A hasher that accepts exactly one encoded hash, to see which hasher a delegation picked. */
  private record Accepting(String accepted) implements SecretHasher {
    @Override
    public String hash(CharSequence secret) {
      return accepted;
    }

    @Override
    public boolean matches(CharSequence secret, String encodedHash) {
      return encodedHash.equals(accepted);
    }
  }

  @Test
  @DisplayName("TK-01 a SHA-256 hasher refuses a foreign, missing or damaged hash")
  void sha256RefusesWhatItDidNotProduce() {
    String hash = sha256.hash("secret");

    assertThat(sha256.matches("secret", hash)).isTrue();
    assertThat(sha256.matches("secret", null)).isFalse();
    assertThat(sha256.matches("secret", hash.substring(1))).isFalse();
    assertThat(sha256.matches("secret", "pbkdf2-sha256:" + hash)).isFalse();
    assertThat(sha256.matches("secret", Sha256SecretHasher.PREFIX + "***")).isFalse();
    assertThat(sha256.matches("secret", Sha256SecretHasher.PREFIX)).isFalse();
  }

  @Test
  @DisplayName("TK-01 a SHA-256 hash with any one character changed no longer matches")
  void sha256NoticesAChangeInEveryCharacter() {
    for (String secret : new String[] {"secret", "s3cr3t-with-more-bytes", "é-unicode-☃", ""}) {
      String hash = sha256.hash(secret);
      assertThat(hash)
          .isEqualTo(
              Sha256SecretHasher.PREFIX
                  + java.util.Base64.getUrlEncoder()
                      .withoutPadding()
                      .encodeToString(Hashing.sha256(secret.getBytes(StandardCharsets.UTF_8))));
      assertThat(sha256.matches(secret, hash)).isTrue();
      assertThat(sha256.matches(secret + "x", hash)).isFalse();
      for (int i = Sha256SecretHasher.PREFIX.length(); i < hash.length(); i++) {
        for (char other : new char[] {'A', 'z', '-', '_', '0'}) {
          if (other != hash.charAt(i)) {
            String changed = hash.substring(0, i) + other + hash.substring(i + 1);
            assertThat(sha256.matches(secret, changed)).as(changed).isFalse();
          }
        }
      }
    }
  }

  @Test
  @DisplayName("a delegating hasher checks a hash with the hasher of its longest matching prefix")
  void delegationPicksTheLongestPrefix() {
    DelegatingSecretHasher delegating =
        DelegatingSecretHasher.of("v:", new Accepting("v:short"))
            .with("v:2:", new Accepting("v:2:long"))
            .with("w:", new Accepting("w:x"));

    assertThat(delegating.matches("s", "v:2:long")).isTrue();
    assertThat(delegating.matches("s", "v:short")).isTrue();
    assertThat(delegating.matches("s", "w:x")).isTrue();
    assertThat(delegating.matches("s", "v:2:short")).as("v:2: wins over v:").isFalse();
    assertThat(delegating.matches("s", "u:x")).isFalse();
    assertThat(delegating.hash("s")).isEqualTo("v:short");
  }

  @Test
  void aDelegatingHasherPrintsItsPrefixesOnly() {
    DelegatingSecretHasher delegating =
        DelegatingSecretHasher.of(Sha256SecretHasher.PREFIX, sha256)
            .with("x:", new Accepting("x:secret-hash"));

    assertThat(delegating.toString())
        .isEqualTo("DelegatingSecretHasher[" + Sha256SecretHasher.PREFIX + ", x:]")
        .doesNotContain("secret-hash");
  }

  @Test
  @DisplayName("PBKDF2 iteration bounds are inclusive")
  void pbkdf2BoundsAreInclusive() {
    Pbkdf2SecretHasher weakest = new Pbkdf2SecretHasher(Pbkdf2SecretHasher.MIN_ITERATIONS);
    new Pbkdf2SecretHasher(Pbkdf2SecretHasher.MAX_ITERATIONS);

    String hash = weakest.hash("hunter2");

    assertThat(hash)
        .startsWith(Pbkdf2SecretHasher.PREFIX + Pbkdf2SecretHasher.MIN_ITERATIONS + ":");
    assertThat(new Pbkdf2SecretHasher().matches("hunter2", hash)).isTrue();
  }
}
