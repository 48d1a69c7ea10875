package dev.keyway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import dev.keyway.AuthorizationServer;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.store.memory.InMemoryConsentStore;
import dev.keyway.store.memory.InMemoryTokenStore;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.clients.ClientFixtures;
import dev.keyway.testing.clients.CountingClientStore;
import dev.keyway.testing.clients.RecordingEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Deleting an app revokes every grant, token and consent it holds, and nothing of other apps. */
class ClientDeletionTest {

  private final MutableClock clock = MutableClock.startingAt2026();
  private final CountingClientStore clients = new CountingClientStore();
  private final InMemoryTokenStore tokens = new InMemoryTokenStore(clock);
  private final InMemoryConsentStore consents = new InMemoryConsentStore();
  private final RecordingEvents events = new RecordingEvents();
  private final AuthorizationServer server =
      ClientFixtures.server(clock)
          .clients(clients)
          .tokens(tokens)
          .consents(consents)
          .events(events)
          .build();
  private final ClientRegistry registry = server.clientRegistry();

  /** The hashes of one user grant's tokens. */
  private record Issued(String grantId, TokenHash accessToken, TokenHash refreshToken) {}

  private String registerApp() {
    return ((RegistrationResult.Registered) registry.register(ClientFixtures.webApp().build()))
        .client()
        .clientId();
  }

  private Issued grant(String clientId, String subject) {
    Instant now = clock.instant();
    String grantId = SecureTokens.newId();
    TokenHash at = Hashing.tokenHash(SecureTokens.newToken());
    TokenHash rt = Hashing.tokenHash(SecureTokens.newToken());
    tokens.createGrant(
        new GrantRecord(
            grantId,
            clientId,
            subject,
            Set.of("profile"),
            now,
            now,
            now.plus(Duration.ofDays(7)),
            now,
            GrantState.ACTIVE),
        new AccessTokenRecord(
            at,
            grantId,
            clientId,
            subject,
            Set.of("profile"),
            now,
            now.plus(Duration.ofHours(1)),
            AccessTokenState.ACTIVE),
        new RefreshTokenRecord(
            rt,
            grantId,
            clientId,
            subject,
            Set.of("profile"),
            now,
            now.plus(Duration.ofDays(7)),
            RefreshTokenState.ACTIVE,
            null,
            null));
    consents.save(new ConsentRecord(subject, clientId, Set.of("profile"), now));
    return new Issued(grantId, at, rt);
  }

  private TokenHash clientCredentialsToken(String clientId) {
    Instant now = clock.instant();
    TokenHash at = Hashing.tokenHash(SecureTokens.newToken());
    tokens.saveAccessToken(
        new AccessTokenRecord(
            at,
            null,
            clientId,
            clientId,
            Set.of("profile"),
            now,
            now.plus(Duration.ofHours(1)),
            AccessTokenState.ACTIVE));
    return at;
  }

  private boolean active(TokenHash accessToken) {
    return tokens.findAccessToken(accessToken).orElseThrow().isActiveAt(clock.instant());
  }

  @Test
  void deletingAnAppRemovesItAndRevokesItsGrantsTokensAndConsents() {
    String app = registerApp();
    String other = registerApp();
    Issued alice = grant(app, "alice");
    Issued bob = grant(app, "bob");
    TokenHash machine = clientCredentialsToken(app);
    Issued othersGrant = grant(other, "alice");

    boolean removed = registry.delete(app);

    assertThat(removed).isTrue();
    assertThat(clients.findById(app)).isEmpty();
    for (Issued issued : new Issued[] {alice, bob}) {
      assertThat(active(issued.accessToken())).isFalse();
      assertThat(tokens.findRefreshToken(issued.refreshToken()).orElseThrow().state())
          .isEqualTo(RefreshTokenState.REVOKED);
      assertThat(tokens.findGrant(issued.grantId()).orElseThrow().state())
          .isEqualTo(GrantState.REVOKED);
    }
    assertThat(active(machine)).isFalse();
    assertThat(consents.find("alice", app)).isEmpty();
    assertThat(consents.find("bob", app)).isEmpty();
    // Another app keeps everything.
    assertThat(active(othersGrant.accessToken())).isTrue();
    assertThat(tokens.findGrant(othersGrant.grantId()).orElseThrow().state())
        .isEqualTo(GrantState.ACTIVE);
    assertThat(consents.find("alice", other)).isPresent();
    assertThat(events.ofType(SecurityEvent.Revoked.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.clientId()).isEqualTo(app);
              assertThat(e.reason()).isEqualTo("client deleted");
            });
  }

  @Test
  void aDeletedAppNoLongerAuthenticates() {
    RegistrationResult.Registered registered =
        (RegistrationResult.Registered) registry.register(ClientFixtures.webApp().build());
    String id = registered.client().clientId();

    registry.delete(id);

    assertThat(
            ClientFixtures.authenticate(
                server, id, registered.clientSecret().orElseThrow().reveal()))
        .isInstanceOf(ClientAuthentication.Failed.class);
  }

  @Test
  void deletingAgainStillRevokesWhatAFailedFirstAttemptLeft() {
    String app = registerApp();
    clients.delete(app); // as if a first delete removed the client and then failed
    Issued left = grant(app, "alice");

    boolean removed = registry.delete(app);

    assertThat(removed).isFalse();
    assertThat(active(left.accessToken())).isFalse();
    assertThat(consents.find("alice", app)).isEmpty();
  }

  @Test
  void deletingAnUnknownAppChangesNothingAndPublishesNothing() {
    assertThat(registry.delete("nope")).isFalse();
    assertThat(events.ofType(SecurityEvent.Revoked.class)).isEmpty();
  }

  @Test
  void aTokenStoreFailureSurfacesAfterTheClientIsRemoved() {
    TokenStore failing = mock(TokenStore.class);
    doThrow(new IllegalStateException("database down"))
        .when(failing)
        .revokeAllOfClient(org.mockito.ArgumentMatchers.anyString());
    CountingClientStore store = new CountingClientStore();
    AuthorizationServer broken =
        ClientFixtures.server(clock).clients(store).tokens(failing).build();
    String app =
        ((RegistrationResult.Registered)
                broken.clientRegistry().register(ClientFixtures.webApp().build()))
            .client()
            .clientId();

    assertThatThrownBy(() -> broken.clientRegistry().delete(app))
        .isInstanceOf(IllegalStateException.class);

    assertThat(store.findById(app))
        .isEmpty(); // the client is gone first, so it cannot obtain new tokens
  }
}
