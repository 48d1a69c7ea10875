package dev.keyway.grant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.AuthorizationServer;
import dev.keyway.ErrorCode;
import dev.keyway.Secret;
import dev.keyway.internal.Parameters;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.testing.clients.ClientFixtures;
import dev.keyway.token.IssuedToken;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The small collaborators of the grants: the scope grammar, minted tokens, the grant guards. */
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
  @DisplayName("a minted token prints its hash, never its value")
  void mintedTokensNeverPrintTheirValue() {
    String value = "tok-" + "v".repeat(40);
    TokenHash hash = TokenHash.of("h".repeat(43));
    Instant now = Instant.EPOCH;
    AccessTokenRecord accessRecord =
        new AccessTokenRecord(
            hash, "g", "c", "s", Set.of(), now, now.plusSeconds(1), AccessTokenState.ACTIVE);
    RefreshTokenRecord refreshRecord =
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

    String access =
        new TokenMint.MintedAccessToken(new IssuedToken(Secret.of(value), hash), accessRecord, 1)
            .toString();
    String refresh = new TokenMint.MintedRefreshToken(Secret.of(value), refreshRecord).toString();

    assertThat(access).isEqualTo("MintedAccessToken[" + hash.value() + "]");
    assertThat(refresh).isEqualTo("MintedRefreshToken[" + hash.value() + "]");
  }

  @Test
  @DisplayName(
      "CR-08 client_credentials refuses a public client even if the endpoint's check were bypassed")
  void clientCredentialsRefusesPublicClientsItself() {
    AuthorizationServer server =
        AuthorizationServer.builder()
            .issuer(ClientFixtures.ISSUER)
            .users(ClientFixtures.nobody())
            .build();
    Grant grant = Grants.create(ClientFixtures.contextOf(server)).of(GrantType.CLIENT_CREDENTIALS);
    Client spa =
        Client.builder("spa").publicClient().redirectUris("https://spa.example/cb").build();

    GrantOutcome outcome = grant.exchange(spa, Parameters.empty());

    assertThat(outcome).isInstanceOf(GrantOutcome.Refused.class);
    assertThat(((GrantOutcome.Refused) outcome).error().code())
        .isEqualTo(ErrorCode.UNAUTHORIZED_CLIENT);
  }

  @Test
  void derivedGraceValuesAreNeverPrinted() {
    String printed = new RefreshGrace.Derived("rt-value-secret", "at-id-secret").toString();

    assertThat(printed).isEqualTo("Derived[redacted]");
  }
}
