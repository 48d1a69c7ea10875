package dev.keyway.grant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.Secret;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.token.IssuedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small collaborators of the grants: the scope grammar and the replay memory. */
class GrantInternalsTest {

  @ParameterizedTest
  @ValueSource(strings = {"!", "#", "[", "]", "~", "read", "a:b/c"})
  @DisplayName("RFC 6749 §3.3 scope-token = 1*( %x21 / %x23-5B / %x5D-7E ): the edges parse")
  void scopeTokenEdgesParse(String token) {
    assertThat(ScopeParameter.parse(token)).contains(Set.of(token));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"", "\\", "\u007F", "\u001F", "\u00e9", "", " read", "read ", "a  b"})
  @DisplayName("RFC 6749 §3.3 a forbidden character or a stray space makes the scope malformed")
  void scopeOutsidersAreMalformed(String value) {
    assertThat(ScopeParameter.parse(value)).isEmpty();
  }

  @Test
  void scopesAreSpaceSeparatedAndDeduplicated() {
    assertThat(ScopeParameter.parse("read write read")).contains(Set.of("read", "write"));
  }

  @Test
  @DisplayName("a replay is remembered for ten minutes, then forgotten at the next record")
  void replaysAreForgottenAfterTheRetention() {
    CodeReplays replays = new CodeReplays();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    replays.record("g1", t0);
    replays.record("g2", t0.plus(Duration.ofMinutes(10)));
    assertThat(replays.wasReplayed("g1")).as("exactly at the retention").isTrue();

    replays.record("g3", t0.plus(Duration.ofMinutes(10)).plusMillis(1));

    assertThat(replays.wasReplayed("g1")).isFalse();
    assertThat(replays.wasReplayed("g2")).isTrue();
    assertThat(replays.wasReplayed("g3")).isTrue();
    assertThat(replays.wasReplayed("never")).isFalse();
  }

  @Test
  @DisplayName("a minted token prints its hash, never its value")
  void mintedTokensNeverPrintTheirValue() {
    String value = "tok-" + "v".repeat(40);
    TokenHash hash = TokenHash.of("h".repeat(43));
    Instant now = Instant.EPOCH;
    AccessTokenRecord access =
        new AccessTokenRecord(
            hash, "g", "c", "s", Set.of(), now, now.plusSeconds(1), AccessTokenState.ACTIVE);
    RefreshTokenRecord refresh =
        new RefreshTokenRecord(
            hash,
            "g",
            "c",
            "s",
            Set.of(),
            now,
            now.plusSeconds(1),
            RefreshTokenState.ACTIVE,
            null,
            null);

    String minted =
        new TokenMint.MintedAccessToken(new IssuedToken(Secret.of(value), hash), access, 1)
                .toString()
            + new TokenMint.MintedRefreshToken(Secret.of(value), refresh).toString();

    assertThat(minted)
        .doesNotContain(value)
        .contains(hash.value())
        .startsWith("MintedAccessToken[");
  }
}
