package dev.keyway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.AuthorizationServer;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientSecret;
import dev.keyway.spi.client.SecretHasher;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.clients.ClientFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Pluggable secret hashing: PBKDF2 for imported human-chosen secrets, chosen per client by prefix.
 */
class SecretHasherTest {

  /** Few iterations keep the tests fast; the format and checks are the same. */
  private final Pbkdf2SecretHasher pbkdf2 =
      new Pbkdf2SecretHasher(Pbkdf2SecretHasher.MIN_ITERATIONS);

  private final SecretHasher delegating =
      DelegatingSecretHasher.of(Sha256SecretHasher.PREFIX, new Sha256SecretHasher())
          .with(Pbkdf2SecretHasher.PREFIX, pbkdf2);

  @Test
  void pbkdf2HashesAreSaltedSelfDescribingAndVerify() {
    String a = pbkdf2.hash("correct horse");
    String b = pbkdf2.hash("correct horse");

    assertThat(a).startsWith("pbkdf2-sha256:1000:").doesNotContain("correct horse");
    assertThat(a).isNotEqualTo(b); // a fresh salt each time
    assertThat(pbkdf2.matches("correct horse", a)).isTrue();
    assertThat(pbkdf2.matches("correct horse", b)).isTrue();
    assertThat(pbkdf2.matches("correct horsf", a)).isFalse();
    assertThat(pbkdf2.matches("", a)).isFalse();
  }

  @Test
  void pbkdf2RefusesMalformedOrTamperedHashes() {
    String good = pbkdf2.hash("s3cret");
    String[] parts = good.split(":");

    assertThat(pbkdf2.matches("s3cret", null)).isFalse();
    assertThat(pbkdf2.matches("s3cret", "sha256:abc")).isFalse();
    assertThat(pbkdf2.matches("s3cret", "pbkdf2-sha256:garbage")).isFalse();
    assertThat(pbkdf2.matches("s3cret", parts[0] + ":999999999:" + parts[2] + ":" + parts[3]))
        .isFalse();
    assertThat(pbkdf2.matches("s3cret", parts[0] + ":1:" + parts[2] + ":" + parts[3])).isFalse();
    assertThat(pbkdf2.matches("s3cret", parts[0] + ":1000:" + parts[2] + ":" + parts[3] + "AA"))
        .isFalse();
    assertThat(pbkdf2.matches("s3cret", parts[0] + ":1000:%%%:" + parts[3])).isFalse();
  }

  @Test
  void pbkdf2RefusesIterationCountsOutsideItsBounds() {
    assertThatThrownBy(() -> new Pbkdf2SecretHasher(999))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Pbkdf2SecretHasher().toString()).contains("600000");
  }

  @Test
  void delegatingHasherHashesNewSecretsWithThePrimaryAndChecksEachHashByItsPrefix() {
    String fresh = delegating.hash("generated-256-bit-secret");
    String legacy = pbkdf2.hash("hunter2");

    assertThat(fresh).startsWith(Sha256SecretHasher.PREFIX);
    assertThat(delegating.matches("generated-256-bit-secret", fresh)).isTrue();
    assertThat(delegating.matches("hunter2", legacy)).isTrue();
    assertThat(delegating.matches("hunter3", legacy)).isFalse();
    assertThat(delegating.matches("hunter2", "bcrypt:$2a$10$unknown")).isFalse();
    assertThat(delegating.matches("hunter2", null)).isFalse();
  }

  @Test
  void delegatingHasherRefusesAnAmbiguousConfiguration() {
    DelegatingSecretHasher base =
        DelegatingSecretHasher.of(Sha256SecretHasher.PREFIX, new Sha256SecretHasher());

    assertThatThrownBy(() -> base.with(Sha256SecretHasher.PREFIX, pbkdf2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.with("", pbkdf2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anImportedClientKeepsItsSlowHashWhileRegisteredAppsUseTheFastOne() {
    MutableClock clock = MutableClock.startingAt2026();
    AuthorizationServer server = ClientFixtures.server(clock).secretHasher(delegating).build();
    Client legacy =
        Client.builder("legacy-app")
            .redirectUris("https://legacy.example/cb")
            .secret(new ClientSecret(pbkdf2.hash("chosen-by-a-human"), Instant.EPOCH, null))
            .build();
    ClientFixtures.contextOf(server).clients().save(legacy);
    RegistrationResult.Registered fresh =
        (RegistrationResult.Registered)
            server.clientRegistry().register(ClientFixtures.webApp().build());

    assertThat(ClientFixtures.authenticate(server, "legacy-app", "chosen-by-a-human"))
        .isInstanceOf(ClientAuthentication.Authenticated.class);
    assertThat(ClientFixtures.authenticate(server, "legacy-app", "chosen-by-a-robot"))
        .isInstanceOf(ClientAuthentication.Failed.class);
    assertThat(fresh.client().secrets().get(0).hash()).startsWith(Sha256SecretHasher.PREFIX);
    assertThat(
            ClientFixtures.authenticate(
                server, fresh.client().clientId(), fresh.clientSecret().orElseThrow().reveal()))
        .isInstanceOf(ClientAuthentication.Authenticated.class);
  }
}
