package dev.keyway.spi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.GrantType;
import dev.keyway.spi.TokenHash;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The client model's invariants and its builder round trip. */
class ClientTest {

  private static final ClientSecret SECRET =
      new ClientSecret("sha256:abc", Instant.EPOCH, Instant.EPOCH.plusSeconds(60));

  private static Client everyFieldSet() {
    return Client.builder("app")
        .displayName("The App")
        .secret(SECRET)
        .authMethods(ClientAuthMethod.CLIENT_SECRET_POST)
        .grantTypes(GrantType.AUTHORIZATION_CODE, GrantType.CLIENT_CREDENTIALS)
        .redirectUris("https://app.example/cb", "https://app.example/cb2")
        .allowedScopes("read", "write")
        .defaultScopes("read")
        .requirePkce(true)
        .resourceServer(true)
        .accessTokenTtl(Duration.ofMinutes(5))
        .refreshTokenTtl(Duration.ofDays(1))
        .jwks("{\"keys\":[]}")
        .logoUri(URI.create("https://app.example/logo.png"))
        .homepageUri(URI.create("https://app.example/"))
        .owner("dev-1")
        .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
        .registrationAccessTokenHash(TokenHash.of("r".repeat(43)))
        .build();
  }

  @Test
  void toBuilderReproducesEveryField() {
    Client client = everyFieldSet();
    assertThat(client.toBuilder().build()).isEqualTo(client);
  }

  @Test
  void toBuilderOfAClientWithNoGrantsOrMethodsStillBuilds() {
    Client bare = Client.builder("bare").grantTypes().authMethods().build();
    assertThat(bare.toBuilder().build()).isEqualTo(bare);
  }

  @Test
  void defaultsAreAConfidentialCodeAndRefreshClientWithoutPkce() {
    Client client = Client.builder("app").build();
    assertThat(client.isPublic()).isFalse();
    assertThat(client.displayName()).isEqualTo("app");
    assertThat(client.grantTypes())
        .containsExactlyInAnyOrder(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
    assertThat(client.authMethods())
        .containsExactlyInAnyOrder(
            ClientAuthMethod.CLIENT_SECRET_BASIC, ClientAuthMethod.CLIENT_SECRET_POST);
    assertThat(client.requirePkce()).isFalse();
    assertThat(client.accessTokenTtlOverride()).isEmpty();
    assertThat(client.refreshTokenTtlOverride()).isEmpty();
    assertThat(client.registrationAccessToken()).isEmpty();
  }

  @Test
  void overridesAreExposed() {
    Client client = everyFieldSet();
    assertThat(client.accessTokenTtlOverride()).contains(Duration.ofMinutes(5));
    assertThat(client.refreshTokenTtlOverride()).contains(Duration.ofDays(1));
    assertThat(client.registrationAccessToken()).contains(TokenHash.of("r".repeat(43)));
    assertThat(client.allows(ClientAuthMethod.CLIENT_SECRET_BASIC)).isFalse();
    assertThat(client.allows(GrantType.REFRESH_TOKEN)).isFalse();
  }

  @Test
  void aPublicClientAlwaysRequiresPkceEvenWhenAskedNotTo() {
    Client client =
        Client.builder("spa")
            .type(ClientType.PUBLIC)
            .authMethods(ClientAuthMethod.NONE)
            .requirePkce(false)
            .build();
    assertThat(client.requirePkce()).isTrue();
    assertThat(client.registrationAccessToken()).isEmpty();
  }

  @Test
  void aPublicClientAuthenticatesWithNoneOnly() {
    assertThatThrownBy(
            () ->
                Client.builder("spa")
                    .publicClient()
                    .authMethods(ClientAuthMethod.NONE, ClientAuthMethod.CLIENT_SECRET_POST)
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Client.builder("spa").type(ClientType.PUBLIC).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clientIdMustNotBeEmpty() {
    assertThatThrownBy(() -> Client.builder("").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replacingListsAndScopeSetsReplacesRatherThanAppends() {
    Client client =
        Client.builder("app")
            .redirectUris("https://a.example/cb")
            .redirectUris(List.of("https://b.example/cb"))
            .secret(SECRET)
            .secrets(List.of())
            .allowedScopes(Set.of("read"))
            .defaultScopes(Set.of("read"))
            .build();
    assertThat(client.redirectUris()).containsExactly("https://b.example/cb");
    assertThat(client.secrets()).isEmpty();
    assertThat(client.allowedScopes()).containsExactly("read");
    assertThat(client.defaultScopes()).containsExactly("read");
  }

  @Test
  void secretsExposeTheirExpiry() {
    assertThat(SECRET.expiry()).contains(Instant.EPOCH.plusSeconds(60));
    ClientSecret forever = new ClientSecret("h", Instant.EPOCH, null);
    assertThat(forever.expiry()).isEmpty();
    assertThat(forever.isUsableAt(Instant.MAX)).isTrue();
  }

  @Test
  void authMethodsHaveTheirRegistryNames() {
    for (ClientAuthMethod method : ClientAuthMethod.values()) {
      assertThat(ClientAuthMethod.fromWireName(method.wireName())).contains(method);
    }
    assertThat(ClientAuthMethod.CLIENT_SECRET_BASIC.wireName()).isEqualTo("client_secret_basic");
    assertThat(ClientAuthMethod.fromWireName("tls_client_auth")).isEmpty();
    assertThat(ClientAuthMethod.fromWireName("NONE")).isEmpty();
  }
}
