package dev.keyway.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.client.ClientSecret;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModelTest {

  private static final ClientSecret SECRET = new ClientSecret("sha256:abc", Instant.EPOCH, null);

  @Test
  void publicClientsRequirePkceAndHaveNoSecret() {
    Client p = Client.builder("p1").publicClient().redirectUris("https://spa.example/cb").build();
    assertThat(p.requirePkce()).isTrue();
    assertThat(p.allows(ClientAuthMethod.NONE)).isTrue();
    assertThat(p.allows(GrantType.CLIENT_CREDENTIALS)).isFalse();
    assertThatThrownBy(() -> Client.builder("p2").publicClient().secret(SECRET).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Client.builder("p3")
                    .publicClient()
                    .grantTypes(GrantType.CLIENT_CREDENTIALS)
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void confidentialClientsMustAuthenticate() {
    assertThatThrownBy(() -> Client.builder("c").authMethods(ClientAuthMethod.NONE).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultScopesMustBeAllowed() {
    assertThatThrownBy(
            () -> Client.builder("c").allowedScopes("read").defaultScopes("write").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringNeverShowsSecretHashes() {
    Client c = Client.builder("c1").secret(SECRET).build();
    assertThat(c.toString()).doesNotContain("sha256:abc");
    assertThat(SECRET.toString()).doesNotContain("sha256:abc");
  }

  @Test
  void secretExpiryIsExclusive() {
    ClientSecret s = new ClientSecret("h", Instant.EPOCH, Instant.ofEpochSecond(10));
    assertThat(s.isUsableAt(Instant.ofEpochSecond(10).minusMillis(1))).isTrue();
    assertThat(s.isUsableAt(Instant.ofEpochSecond(10))).isFalse();
  }

  @Test
  void tokenHashHasTheShapeOfSha256Base64Url() {
    assertThat(TokenHash.of("a".repeat(43)).value()).hasSize(43);
    assertThatThrownBy(() -> TokenHash.of("short")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenHash.of("+".repeat(43)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestHidesBodyAndHeadersAndBoundsTheBody() throws Exception {
    OAuthRequest r =
        OAuthRequest.builder("post")
            .path("/token")
            .header("Authorization", "Basic c2VjcmV0")
            .body("client_secret=hunter2")
            .build();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.toString()).doesNotContain("hunter2").doesNotContain("c2VjcmV0");
    assertThat(r.header("authorization")).contains("Basic c2VjcmV0");
    OAuthRequest big =
        OAuthRequest.builder("POST").body(new ByteArrayInputStream(new byte[11]), 10).build();
    assertThat(big.bodyTooLarge()).isTrue();
    assertThat(big.body()).isEmpty();
    OAuthRequest fits =
        OAuthRequest.builder("POST").body(new ByteArrayInputStream(new byte[10]), 10).build();
    assertThat(fits.bodyTooLarge()).isFalse();
    assertThat(fits.body()).hasSize(10);
  }
}
