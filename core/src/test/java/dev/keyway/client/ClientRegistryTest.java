package dev.keyway.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.AuthorizationServer;
import dev.keyway.Secret;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.client.ClientSecret;
import dev.keyway.spi.client.ClientType;
import dev.keyway.testing.MutableClock;
import dev.keyway.testing.clients.ClientFixtures;
import dev.keyway.testing.clients.CountingClientStore;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientRegistryTest {

  private final MutableClock clock = MutableClock.startingAt2026();
  private final CountingClientStore store = new CountingClientStore();
  private final AuthorizationServer server = ClientFixtures.server(clock).clients(store).build();
  private final ClientRegistry registry = server.clientRegistry();

  private RegistrationResult.Registered register(ClientMetadata metadata) {
    return (RegistrationResult.Registered) registry.register(metadata);
  }

  @Test
  void registeringAConfidentialAppStoresItWithAGeneratedIdAndOneHashedSecret() {
    RegistrationResult.Registered registered =
        register(ClientFixtures.webApp().logoUri("https://printer.example/logo.png").build());

    Client stored = store.findById(registered.client().clientId()).orElseThrow();
    assertThat(stored).isEqualTo(registered.client());
    assertThat(stored.clientId()).isNotBlank();
    assertThat(stored.type()).isEqualTo(ClientType.CONFIDENTIAL);
    assertThat(stored.displayName()).isEqualTo("Photo Printer");
    assertThat(stored.redirectUris()).containsExactly("https://printer.example/callback");
    assertThat(stored.allowedScopes()).containsExactly("profile");
    assertThat(stored.grantTypes())
        .containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
    assertThat(stored.authMethods())
        .containsExactlyInAnyOrder(
            ClientAuthMethod.CLIENT_SECRET_BASIC, ClientAuthMethod.CLIENT_SECRET_POST);
    assertThat(stored.requirePkce()).isFalse();
    assertThat(stored.logoUri()).isEqualTo(URI.create("https://printer.example/logo.png"));
    assertThat(stored.owner()).isEqualTo("dev-alice");
    assertThat(stored.createdAt()).isEqualTo(clock.instant());
    assertThat(stored.registrationAccessTokenHash()).isNull();
    assertThat(stored.secrets())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.createdAt()).isEqualTo(clock.instant());
              assertThat(s.expiresAt()).isNull();
            });
    assertThat(registered.registrationAccessToken()).isEmpty();
  }

  @Test
  @DisplayName("The secret is returned once, 256-bit, and only its hash is stored")
  void secretIsShownOnceAndOnlyItsHashIsStored() {
    RegistrationResult.Registered registered = register(ClientFixtures.webApp().build());
    Secret secret = registered.clientSecret().orElseThrow();
    String raw = secret.reveal();

    assertThat(raw).matches("[A-Za-z0-9_-]{43}");
    Client stored = store.findById(registered.client().clientId()).orElseThrow();
    ClientSecret hashed = stored.secrets().get(0);
    assertThat(hashed.hash()).startsWith(Sha256SecretHasher.PREFIX).doesNotContain(raw);
    assertThat(new Sha256SecretHasher().matches(raw, hashed.hash())).isTrue();
    // Nothing the registry or the store hands out afterwards carries the raw secret.
    assertThat(registry.find(stored.clientId()).orElseThrow().toString()).doesNotContain(raw);
    assertThat(registry.findByOwner("dev-alice"))
        .allSatisfy(
            c -> {
              assertThat(c.secrets()).allSatisfy(s -> assertThat(s.hash()).doesNotContain(raw));
              assertThat(c.toString()).doesNotContain(raw);
            });
    assertThat(ClientMetadata.from(stored).toString()).doesNotContain(raw);
    assertThat(secret.toString()).isEqualTo("[redacted]");
    assertThat(registered.toString()).doesNotContain(raw);
  }

  @Test
  void eachRegistrationGetsItsOwnIdAndSecret() {
    RegistrationResult.Registered a = register(ClientFixtures.webApp().build());
    RegistrationResult.Registered b = register(ClientFixtures.webApp().build());

    assertThat(a.client().clientId()).isNotEqualTo(b.client().clientId());
    assertThat(a.clientSecret().orElseThrow()).isNotEqualTo(b.clientSecret().orElseThrow());
    assertThat(registry.findByOwner("dev-alice"))
        .extracting(Client::clientId)
        .containsExactlyInAnyOrder(a.client().clientId(), b.client().clientId());
  }

  @Test
  void registeredSecretAuthenticatesAtTheTokenEndpointsAuthenticator() {
    RegistrationResult.Registered registered = register(ClientFixtures.webApp().build());
    String id = registered.client().clientId();

    assertThat(
            ClientFixtures.authenticate(
                server, id, registered.clientSecret().orElseThrow().reveal()))
        .isInstanceOf(ClientAuthentication.Authenticated.class);
    assertThat(ClientFixtures.authenticate(server, id, "wrong"))
        .isInstanceOf(ClientAuthentication.Failed.class);
  }

  @Test
  void aPublicAppGetsNoSecretAndAlwaysRequiresPkce() {
    RegistrationResult.Registered registered =
        register(ClientFixtures.nativeApp().requirePkce(false).build());

    Client stored = store.findById(registered.client().clientId()).orElseThrow();
    assertThat(registered.clientSecret()).isEmpty();
    assertThat(stored.isPublic()).isTrue();
    assertThat(stored.secrets()).isEmpty();
    assertThat(stored.authMethods()).containsExactly(ClientAuthMethod.NONE);
    assertThat(stored.requirePkce()).isTrue();
  }

  @Test
  void aConfidentialAppMayRequirePkceAndRestrictItsAuthenticationMethod() {
    Client stored =
        register(
                ClientFixtures.webApp()
                    .requirePkce(true)
                    .authMethods(ClientAuthMethod.CLIENT_SECRET_POST)
                    .build())
            .client();

    assertThat(stored.requirePkce()).isTrue();
    assertThat(stored.authMethods()).containsExactly(ClientAuthMethod.CLIENT_SECRET_POST);
  }

  @Test
  void updateReplacesMetadataAndNeverTouchesTheSecrets() {
    RegistrationResult.Registered registered = register(ClientFixtures.webApp().build());
    Client before = registered.client();
    clock.advance(Duration.ofMinutes(5));

    UpdateResult result =
        registry.update(
            before.clientId(),
            ClientMetadata.from(before).toBuilder()
                .clientName("Photo Printer 2")
                .redirectUris(
                    "https://printer.example/callback", "https://printer.example/v2/callback")
                .scopes("profile", "email")
                .build());

    Client after = ((UpdateResult.Updated) result).client();
    assertThat(store.findById(before.clientId())).contains(after);
    assertThat(after.displayName()).isEqualTo("Photo Printer 2");
    assertThat(after.redirectUris()).hasSize(2);
    assertThat(after.allowedScopes()).containsExactlyInAnyOrder("profile", "email");
    assertThat(after.secrets()).isEqualTo(before.secrets());
    assertThat(after.createdAt()).isEqualTo(before.createdAt());
    assertThat(after.owner()).isEqualTo("dev-alice");
    assertThat(((UpdateResult.Updated) result).registrationAccessToken()).isEmpty();
    assertThat(
            ClientFixtures.authenticate(
                server, before.clientId(), registered.clientSecret().orElseThrow().reveal()))
        .isInstanceOf(ClientAuthentication.Authenticated.class);
  }

  @Test
  void updateKeepsPerClientSettingsAndNarrowsDefaultScopes() {
    Client registered =
        register(ClientFixtures.webApp().scopes("profile", "email").build()).client();
    store.save(
        registered.toBuilder()
            .defaultScopes("profile", "email")
            .resourceServer(true)
            .accessTokenTtl(Duration.ofMinutes(5))
            .build());

    Client after =
        ((UpdateResult.Updated)
                registry.update(
                    registered.clientId(), ClientFixtures.webApp().scopes("email").build()))
            .client();

    assertThat(after.defaultScopes()).containsExactly("email");
    assertThat(after.resourceServer()).isTrue();
    assertThat(after.accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void aRefusedUpdateChangesNothing() {
    Client before = register(ClientFixtures.webApp().build()).client();
    int writes = store.writes();

    UpdateResult result =
        registry.update(
            before.clientId(), ClientFixtures.webApp().redirectUris("javascript:alert(1)").build());

    assertThat(((UpdateResult.Rejected) result).errors())
        .extracting(FieldError::field)
        .containsExactly("redirect_uris[0]");
    assertThat(store.writes()).isEqualTo(writes);
    assertThat(store.findById(before.clientId())).contains(before);
  }

  @Test
  void anAppCannotSwitchBetweenConfidentialAndPublic() {
    Client before = register(ClientFixtures.webApp().build()).client();

    UpdateResult result =
        registry.update(
            before.clientId(), ClientMetadata.from(before).toBuilder().publicClient().build());

    assertThat(((UpdateResult.Rejected) result).errors())
        .extracting(FieldError::field)
        .containsExactly("token_endpoint_auth_method");
    assertThat(store.findById(before.clientId())).contains(before);
  }

  @Test
  void updatingAnUnknownAppIsNotFound() {
    assertThat(registry.update("nope", ClientFixtures.webApp().build()))
        .isInstanceOf(UpdateResult.NotFound.class);
    assertThat(store.writes()).isZero();
  }

  @Test
  void metadataRoundTripsThroughFrom() {
    ClientMetadata metadata =
        ClientFixtures.webApp()
            .homepageUri("https://printer.example/")
            .logoUri("https://printer.example/logo.png")
            .requirePkce(true)
            .build();
    Client stored = register(metadata).client();

    ClientMetadata read = ClientMetadata.from(stored);

    assertThat(read.clientName()).isEqualTo(metadata.clientName());
    assertThat(read.redirectUris()).isEqualTo(metadata.redirectUris());
    assertThat(read.scopes()).isEqualTo(metadata.scopes());
    assertThat(read.grantTypes()).isEqualTo(metadata.grantTypes());
    assertThat(read.requirePkce()).isTrue();
    assertThat(read.logoUri()).isEqualTo(metadata.logoUri());
    assertThat(read.homepageUri()).isEqualTo(metadata.homepageUri());
    assertThat(read.owner()).isEqualTo("dev-alice");
    assertThat(registry.validate(read)).isEmpty();
  }

  @Test
  void anAppWithoutANameShowsItsClientId() {
    Client stored = register(ClientFixtures.webApp().clientName(null).build()).client();

    assertThat(stored.displayName()).isEqualTo(stored.clientId());
    assertThat(ClientMetadata.from(stored).clientName()).isNull();
  }

  @Test
  void aClientCredentialsOnlyAppNeedsNoRedirectUri() {
    Client stored =
        register(
                ClientFixtures.webApp()
                    .redirectUris()
                    .grantTypes(GrantType.CLIENT_CREDENTIALS)
                    .build())
            .client();

    assertThat(stored.grantTypes()).isEqualTo(Set.of(GrantType.CLIENT_CREDENTIALS));
    assertThat(stored.redirectUris()).isEmpty();
  }
}
