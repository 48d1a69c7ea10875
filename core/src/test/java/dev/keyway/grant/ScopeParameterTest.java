package dev.keyway.grant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientSecret;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scopes a {@code scope} parameter grants a client, and the sets they share with it. */
class ScopeParameterTest {

  private static final Client CLIENT =
      Client.builder("c1")
          .secret(new ClientSecret("sha256:x", Instant.EPOCH, null))
          .grantTypes(GrantType.CLIENT_CREDENTIALS)
          .allowedScopes("read", "write", "admin")
          .defaultScopes("read")
          .build();

  @Test
  void aSingleScopeEqualToTheDefaultsIsTheClientsOwnSet() {
    assertThat(ScopeParameter.granted("read", CLIENT)).isSameAs(CLIENT.defaultScopes());
    assertThat(ScopeParameter.granted("write", CLIENT)).isEqualTo(Set.of("write"));
  }

  @Test
  void severalScopesAreCanonicalToo() {
    assertThat(ScopeParameter.granted("admin write read", CLIENT)).isSameAs(CLIENT.allowedScopes());
    assertThat(ScopeParameter.granted("write read", CLIENT)).isEqualTo(Set.of("read", "write"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "other", "read other", "read  write", " read", "read\\x", "re\"ad"})
  void malformedOrNotAllowedGrantsNothing(String value) {
    assertThat(ScopeParameter.granted(value, CLIENT)).isNull();
  }
}
