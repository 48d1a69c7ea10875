package dev.keyway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.AuthorizationServer;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientSecret;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.clients.ClientFixtures;
import dev.keyway.testing.clients.CountingClientStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Secret rotation with an overlap, through a controlled clock: both secrets authenticate at the
 * token endpoint's {@link ClientAuthenticator} until the old one's expiry, then only the new one.
 */
class SecretRotationTest {

  private final MutableClock clock = MutableClock.startingAt2026();
  private final CountingClientStore store = new CountingClientStore();
  private final AuthorizationServer server = ClientFixtures.server(clock).clients(store).build();
  private final ClientRegistry registry = server.clientRegistry();

  private String clientId;
  private String firstSecret;

  SecretRotationTest() {
    RegistrationResult.Registered registered =
        (RegistrationResult.Registered) registry.register(ClientFixtures.webApp().build());
    clientId = registered.client().clientId();
    firstSecret = registered.clientSecret().orElseThrow().reveal();
  }

  private boolean works(String secret) {
    return ClientFixtures.authenticate(server, clientId, secret)
        instanceof ClientAuthentication.Authenticated;
  }

  private String rotate(Duration overlap) {
    SecretRotationResult result = registry.rotateSecret(clientId, overlap);
    return ((SecretRotationResult.Rotated) result).clientSecret().reveal();
  }

  @Test
  @DisplayName("Old and new secrets both work until the old one's expiry, then only the new one")
  void oldAndNewSecretsOverlapUntilTheChosenExpiry() {
    clock.advance(Duration.ofDays(30));
    Instant rotatedAt = clock.instant();

    String second = rotate(Duration.ofHours(1));

    assertThat(second).isNotEqualTo(firstSecret).matches("[A-Za-z0-9_-]{43}");
    Client stored = store.findById(clientId).orElseThrow();
    assertThat(stored.secrets()).hasSize(2);
    assertThat(stored.secrets())
        .extracting(ClientSecret::expiresAt)
        .containsExactly(rotatedAt.plus(Duration.ofHours(1)), null);
    assertThat(works(firstSecret)).isTrue();
    assertThat(works(second)).isTrue();

    clock.advance(Duration.ofMinutes(59).plusSeconds(59));
    assertThat(works(firstSecret)).isTrue();
    assertThat(works(second)).isTrue();

    clock.advance(Duration.ofSeconds(1)); // exactly the expiry
    assertThat(works(firstSecret)).isFalse();
    assertThat(works(second)).isTrue();
  }

  @Test
  void expiredSecretsAreDroppedOnTheNextWrite() {
    rotate(Duration.ofHours(1));
    clock.advance(Duration.ofHours(2));
    assertThat(store.findById(clientId).orElseThrow().secrets()).hasSize(2); // reads change nothing

    registry.update(clientId, ClientMetadata.from(store.findById(clientId).orElseThrow()));

    Client stored = store.findById(clientId).orElseThrow();
    assertThat(stored.secrets()).singleElement().extracting(ClientSecret::expiresAt).isNull();
  }

  @Test
  void severalSecretsMayBeActiveEachWithItsOwnExpiry() {
    String second = rotate(Duration.ofHours(2)); // first expires at +2h
    clock.advance(Duration.ofHours(1));
    String third = rotate(Duration.ofHours(3)); // first keeps +2h (never extended), second gets +4h

    assertThat(store.findById(clientId).orElseThrow().secrets()).hasSize(3);
    assertThat(works(firstSecret)).isTrue();
    assertThat(works(second)).isTrue();
    assertThat(works(third)).isTrue();

    clock.advance(Duration.ofHours(1)); // +2h
    assertThat(works(firstSecret)).isFalse();
    assertThat(works(second)).isTrue();

    clock.advance(Duration.ofHours(2)); // +4h
    assertThat(works(second)).isFalse();
    assertThat(works(third)).isTrue();
  }

  @Test
  @DisplayName("Leaked secret runbook: rotating with no overlap ends the old secret at once")
  void rotatingWithNoOverlapEndsTheOldSecretImmediately() {
    String second = rotate(Duration.ZERO);

    assertThat(works(firstSecret)).isFalse();
    assertThat(works(second)).isTrue();
    assertThat(store.findById(clientId).orElseThrow().secrets()).hasSize(1);
  }

  @Test
  void anExpiryInThePastAlsoEndsTheOldSecretsNow() {
    String second =
        ((SecretRotationResult.Rotated)
                registry.rotateSecret(clientId, clock.instant().minusSeconds(60)))
            .clientSecret()
            .reveal();

    assertThat(works(firstSecret)).isFalse();
    assertThat(works(second)).isTrue();
  }

  @Test
  void retiringPreviousSecretsKeepsOnlyTheNewest() {
    String second = rotate(Duration.ofDays(7));
    clock.advance(Duration.ofMinutes(10));

    Client retired = registry.retirePreviousSecrets(clientId).orElseThrow();

    assertThat(retired.secrets()).hasSize(1);
    assertThat(works(firstSecret)).isFalse();
    assertThat(works(second)).isTrue();
  }

  @Test
  void rotationIsRefusedWithoutChangeBeyondTheActiveSecretLimit() {
    for (int i = 1; i < ClientRegistry.MAX_ACTIVE_SECRETS; i++) {
      rotate(Duration.ofDays(1));
    }
    Client before = store.findById(clientId).orElseThrow();
    assertThat(before.secrets()).hasSize(ClientRegistry.MAX_ACTIVE_SECRETS);

    SecretRotationResult result = registry.rotateSecret(clientId, Duration.ofDays(1));

    assertThat(result)
        .isEqualTo(new SecretRotationResult.TooManySecrets(ClientRegistry.MAX_ACTIVE_SECRETS));
    assertThat(store.findById(clientId)).contains(before);
    // Ending the overlap sooner makes room again.
    assertThat(registry.rotateSecret(clientId, Duration.ZERO))
        .isInstanceOf(SecretRotationResult.Rotated.class);
  }

  @Test
  void aPublicAppHasNoSecretToRotateAndAnUnknownAppIsNotFound() {
    Client app =
        ((RegistrationResult.Registered) registry.register(ClientFixtures.nativeApp().build()))
            .client();
    int writes = store.writes();

    assertThat(registry.rotateSecret(app.clientId(), Duration.ofHours(1)))
        .isInstanceOf(SecretRotationResult.NotConfidential.class);
    assertThat(registry.rotateSecret("nope", Duration.ofHours(1)))
        .isInstanceOf(SecretRotationResult.NotFound.class);
    assertThat(store.writes()).isEqualTo(writes);
  }

  @Test
  void aNegativeOverlapIsAProgrammingError() {
    assertThatThrownBy(() -> registry.rotateSecret(clientId, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theNewSecretIsStoredOnlyAsAHash() {
    String second = rotate(Duration.ofHours(1));

    assertThat(store.findById(clientId).orElseThrow().secrets())
        .allSatisfy(s -> assertThat(s.hash()).doesNotContain(second).doesNotContain(firstSecret));
  }
}
