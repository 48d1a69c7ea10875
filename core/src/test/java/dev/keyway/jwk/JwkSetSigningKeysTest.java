package dev.keyway.jwk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.keyway.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwkSetSigningKeysTest {

  private static String set(JWK... keys) {
    return new JWKSet(List.of(keys)).toString(false); // includes private members
  }

  @Test
  void theFirstPrivateKeySignsAndEveryKeyIsPublishedPublicOnly() {
    JWK a = SigningAlgorithm.RS256.generate();
    JWK b = SigningAlgorithm.RS256.generate();
    JWK retired = SigningAlgorithm.ES256.generate().toPublicJWK();

    JwkSetSigningKeys keys = JwkSetSigningKeys.parse(set(a, b, retired));

    assertThat(keys.signingKey().keyId()).isEqualTo(a.getKeyID());
    assertThat(keys.verificationKeys())
        .extracting(JWK::getKeyID)
        .containsExactly(a.getKeyID(), b.getKeyID(), retired.getKeyID());
    assertThat(keys.verificationKeys()).noneMatch(JWK::isPrivate);
  }

  @Test
  void aNamedKeySignsAndTwoKeysOfOneAlgorithmCoexist() {
    JWK a = SigningAlgorithm.EDDSA.generate();
    JWK b = SigningAlgorithm.EDDSA.generate();
    JwkSetSigningKeys keys = JwkSetSigningKeys.parse(set(a, b), b.getKeyID());
    assertThat(keys.signingKey().keyId()).isEqualTo(b.getKeyID());
    assertThat(keys.verificationKeys()).hasSize(2);
  }

  @Test
  void aKeyWithoutAlgGetsTheImpliedOneWhenPublished() throws Exception {
    RSAKey bare = new RSAKeyGenerator(2048).keyID("k1").generate();
    JwkSetSigningKeys keys = JwkSetSigningKeys.parse(set(bare));
    assertThat(keys.signingKey().algorithm()).isEqualTo(SigningAlgorithm.RS256);
    assertThat(keys.verificationKeys().get(0).getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(keys.verificationKeys().get(0).getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
  }

  @Test
  void unusableSetsAreRefused() throws Exception {
    OctetSequenceKey hmac = new OctetSequenceKeyGenerator(256).keyID("h").generate();
    RSAKey small = new RSAKeyGenerator(1024, true).keyID("s").generate();
    JWK a = SigningAlgorithm.ES256.generate();
    RSAKey noKid = new RSAKeyGenerator(2048).generate();
    RSAKey forEncryption =
        new RSAKeyGenerator(2048).keyID("e").keyUse(KeyUse.ENCRYPTION).generate();

    assertThatThrownBy(() -> JwkSetSigningKeys.parse(set(hmac)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JwkSetSigningKeys.parse(set(a, a)))
        .hasMessageContaining("share the kid");
    assertThatThrownBy(() -> JwkSetSigningKeys.parse(set(noKid))).hasMessageContaining("kid");
    assertThatThrownBy(() -> JwkSetSigningKeys.parse(set(forEncryption)))
        .hasMessageContaining("use");
    assertThatThrownBy(() -> JwkSetSigningKeys.parse(set(a.toPublicJWK())))
        .hasMessageContaining("no private key");
    assertThatThrownBy(() -> JwkSetSigningKeys.parse(set(a), "other"))
        .hasMessageContaining("no private key");
    assertThatThrownBy(
            () -> JwkSetSigningKeys.parse("{\"keys\":[{\"kty\":\"RSA\",\"d\":\"c2VjcmV0\""))
        .hasMessage("not a valid JWK set document");
    assertThatThrownBy(() -> JwkSetSigningKeys.parse(set(small))).hasMessageContaining("2048");
  }

  @Test
  void fileKeysAreReloadedWhenTheFileChangesAndKeptWhenItBreaks(@TempDir Path dir)
      throws Exception {
    MutableClock clock = MutableClock.start();
    JWK k1 = SigningAlgorithm.ES256.generate();
    JWK k2 = SigningAlgorithm.ES256.generate();
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, set(k1));
    FileSigningKeys keys = FileSigningKeys.load(file, clock, Duration.ofSeconds(30));
    assertThat(keys.signingKey().keyId()).isEqualTo(k1.getKeyID());

    // step 1: publish k2 after k1; k1 still signs
    Files.writeString(file, set(k1, k2));
    assertThat(keys.verificationKeys()).hasSize(1); // not re-read before the interval
    clock.advance(Duration.ofSeconds(30));
    assertThat(keys.verificationKeys())
        .extracting(JWK::getKeyID)
        .containsExactly(k1.getKeyID(), k2.getKeyID());
    assertThat(keys.signingKey().keyId()).isEqualTo(k1.getKeyID());

    // step 2: k2 first, so it signs
    Files.writeString(file, set(k2, k1));
    clock.advance(Duration.ofSeconds(30));
    assertThat(keys.signingKey().keyId()).isEqualTo(k2.getKeyID());

    // a half-written file is ignored; the keys already loaded stay
    Files.writeString(file, "{\"keys\":[");
    clock.advance(Duration.ofSeconds(30));
    assertThat(keys.signingKey().keyId()).isEqualTo(k2.getKeyID());
    assertThat(keys.verificationKeys()).hasSize(2);

    // step 3: k1 removed
    Files.writeString(file, set(k2));
    clock.advance(Duration.ofSeconds(30));
    assertThat(keys.verificationKeys()).extracting(JWK::getKeyID).containsExactly(k2.getKeyID());
  }

  @Test
  void aFileThatIsUnusableAtStartIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, "{}");
    assertThatThrownBy(() -> FileSigningKeys.load(file))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FileSigningKeys.load(dir.resolve("missing.json")))
        .isInstanceOf(java.io.UncheckedIOException.class);
  }
}
