package dev.keyway.revoke;

import static dev.keyway.endpointtest.Fixture.C1_SECRET;
import static dev.keyway.endpointtest.Fixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import dev.keyway.OAuthResponse;
import dev.keyway.endpointtest.Fixture;
import dev.keyway.event.SecurityEvent;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.store.memory.InMemoryTokenStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RV-08 / RL-04: a store failure during revocation is 503, never 200; a retry after recovery works.
 */
class RevocationStoreFailureTest {

  private TokenStore store;
  private final Fixture f =
      Fixture.withTokenStore(clock -> store = spy(new InMemoryTokenStore(clock)));

  private static void assertUnavailable(OAuthResponse r) {
    assertThat(r.status()).isEqualTo(503);
    assertThat(json(r)).containsEntry("error", "temporarily_unavailable");
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("store down");
  }

  @Test
  @DisplayName(
      "RV-08 the access-token revoke write fails: 503 temporarily_unavailable, token still active; retry gives 200")
  void rv08AccessTokenWriteFails() {
    Fixture.Family fam = f.grant("c1", "alice", "read");
    doThrow(new IllegalStateException("store down"))
        .when(store)
        .revokeAccessToken(any(TokenHash.class));

    OAuthResponse failed = f.revokeAs("c1", C1_SECRET, "token=" + fam.accessToken());

    assertUnavailable(failed);
    assertThat(f.isActive(fam.accessToken())).isTrue();
    assertThat(f.events.of(SecurityEvent.Revoked.class)).isEmpty();

    doCallRealMethod().when(store).revokeAccessToken(any(TokenHash.class));
    OAuthResponse retried = f.revokeAs("c1", C1_SECRET, "token=" + fam.accessToken());

    assertThat(retried.status()).isEqualTo(200);
    assertThat(f.isActive(fam.accessToken())).isFalse();
  }

  @Test
  @DisplayName(
      "RL-04 the grant revoke write fails: 503, the family stays active; retry gives 200 and revokes it")
  void rl04GrantWriteFails() {
    Fixture.Family fam = f.grant("c1", "alice", "read");
    doThrow(new IllegalStateException("store down")).when(store).revokeGrant(anyString());

    assertUnavailable(f.revokeAs("c1", C1_SECRET, "token=" + fam.refreshToken()));
    assertThat(f.isActive(fam.refreshToken())).isTrue();
    assertThat(f.tokens.findGrant(fam.grantId()).orElseThrow().state())
        .isEqualTo(GrantState.ACTIVE);

    doCallRealMethod().when(store).revokeGrant(anyString());
    assertThat(f.revokeAs("c1", C1_SECRET, "token=" + fam.refreshToken()).status()).isEqualTo(200);
    assertThat(f.isActive(fam.refreshToken())).isFalse();
    assertThat(f.isActive(fam.accessToken())).isFalse();
  }

  @Test
  @DisplayName("RL-04 the lookup itself fails: 503, never 200")
  void rl04LookupFails() {
    Fixture.Family fam = f.grant("c1", "alice", "read");
    doThrow(new IllegalStateException("store down"))
        .when(store)
        .findAccessToken(any(TokenHash.class));

    assertUnavailable(f.revokeAs("c1", C1_SECRET, "token=" + fam.accessToken()));
  }
}
