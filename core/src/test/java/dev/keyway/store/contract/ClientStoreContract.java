package dev.keyway.store.contract;

import static dev.keyway.store.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.client.ClientSecret;
import dev.keyway.spi.client.ClientStore;
import dev.keyway.testing.MutableClock;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link ClientStore}. Extend it and implement {@link #newStore}. */
public abstract class ClientStoreContract {

  /** A fresh, empty store. */
  protected abstract ClientStore newStore(Clock clock);

  protected MutableClock clock;
  protected ClientStore store;

  @BeforeEach
  void setUpStore() {
    clock = MutableClock.at(T0);
    store = newStore(clock);
  }

  /** A confidential client with every optional field set and awkward values everywhere. */
  protected Client everything(String clientId) {
    List<String> redirects = new ArrayList<>();
    redirects.add(ContractFixtures.longRedirectUri(4096));
    redirects.add("http://127.0.0.1/cb");
    redirects.add("com.example.app:/oauth redirect?a=\"b\"");
    return Client.builder(clientId)
        .displayName(ContractFixtures.NON_ASCII)
        .secret(
            new ClientSecret(
                "sha256:" + "A".repeat(43), T0.minusSeconds(86400), T0.plusSeconds(3600)))
        .secret(new ClientSecret("sha256:" + "B".repeat(43), T0, null))
        .authMethods(ClientAuthMethod.CLIENT_SECRET_POST, ClientAuthMethod.PRIVATE_KEY_JWT)
        .grantTypes(
            GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS)
        .redirectUris(redirects)
        .allowedScopes(ContractFixtures.manyScopes(200))
        .defaultScopes("read:0", "s3")
        .requirePkce(true)
        .resourceServer(true)
        .accessTokenTtl(Duration.ofMinutes(15).plusNanos(1000))
        .refreshTokenTtl(Duration.ofDays(30))
        .jwks("{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83O\",\"y\":\"x_FE\"}]}")
        .logoUri(URI.create("https://cdn.example.com/logo%20é.png"))
        .homepageUri(URI.create("https://example.com/"))
        .owner("dev-" + ContractFixtures.NON_ASCII)
        .registrationAccessTokenHash(dev.keyway.spi.TokenHash.of("R".repeat(43)))
        .accessTokenFormat(dev.keyway.spi.token.AccessTokenFormat.JWT)
        .refreshGraceWindow(Duration.ofSeconds(15).plusMillis(500))
        .createdAt(T0)
        .build();
  }

  protected Client minimal(String clientId) {
    return Client.builder(clientId).redirectUris("https://a.example/cb").createdAt(T0).build();
  }

  @Test
  @DisplayName(
      "RL-14 a client round-trips bit-exactly: long redirect URIs, 200 scopes, non-ASCII name")
  void saveThenFindIsBitExact() {
    Client client = everything("app-1");
    store.save(client);
    Client found = store.findById("app-1").orElseThrow();
    assertThat(found).isEqualTo(client);
    assertThat(found.redirectUris()).as("order is kept").isEqualTo(client.redirectUris());
    assertThat(found.secrets()).as("order is kept").isEqualTo(client.secrets());
  }

  @Test
  void aMinimalAndAPublicClientRoundTrip() {
    Client minimal = minimal("min");
    Client spa =
        Client.builder("spa")
            .publicClient()
            .redirectUris("https://spa.example/cb")
            .createdAt(T0)
            .build();
    store.save(minimal);
    store.save(spa);
    assertThat(store.findById("min")).contains(minimal);
    assertThat(store.findById("spa")).contains(spa);
  }

  @Test
  void unknownOrNullIdFindsNothing() {
    assertThat(store.findById("nope")).isEmpty();
    assertThat(store.findById(null)).isEmpty();
  }

  @Test
  @DisplayName("client_id lookups are exact and case-sensitive (RFC 6749 §2.2)")
  void clientIdIsCaseSensitive() {
    Client lower = minimal("app");
    Client upper =
        Client.builder("App").redirectUris("https://other.example/cb").createdAt(T0).build();
    store.save(lower);
    store.save(upper);
    assertThat(store.findById("app")).contains(lower);
    assertThat(store.findById("App")).contains(upper);
    assertThat(store.findById("APP")).isEmpty();
    assertThat(store.findById("app ")).isEmpty();
  }

  @Test
  void saveReplacesTheClientWithTheSameId() {
    store.save(everything("app-1"));
    Client changed = minimal("app-1").toBuilder().displayName("renamed").build();
    store.save(changed);
    assertThat(store.findById("app-1")).contains(changed);
  }

  @Test
  void deleteRemovesTheClientAndReportsWhetherItExisted() {
    store.save(minimal("app-1"));
    store.save(minimal("app-2"));
    assertThat(store.delete("app-1")).isTrue();
    assertThat(store.delete("app-1")).isFalse();
    assertThat(store.findById("app-1")).isEmpty();
    assertThat(store.findById("app-2")).isPresent();
  }

  @Test
  void findByOwnerListsThatOwnersClientsInRegistrationOrder() {
    Client second =
        minimal("b-second").toBuilder().owner("dev").createdAt(T0.plusSeconds(2)).build();
    Client first = minimal("z-first").toBuilder().owner("dev").createdAt(T0.plusSeconds(1)).build();
    store.save(second);
    store.save(first);
    store.save(minimal("other").toBuilder().owner("Dev").build());
    store.save(minimal("nobodys"));
    assertThat(store.findByOwner("dev")).containsExactly(first, second);
    assertThat(store.findByOwner("stranger")).isEmpty();
  }

  @Test
  @DisplayName("concurrent saves of one client id leave exactly one client, never an error")
  void concurrentSavesOfOneIdAreSafe() {
    Race.run(
        16,
        i -> {
          store.save(minimal("app-1").toBuilder().displayName("v" + i).build());
          return null;
        });
    assertThat(store.findById("app-1")).isPresent();
    assertThat(store.findById("app-1").orElseThrow().displayName()).startsWith("v");
  }
}
