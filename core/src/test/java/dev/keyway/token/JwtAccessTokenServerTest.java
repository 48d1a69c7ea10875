package dev.keyway.token;

import static dev.keyway.endpointtest.Fixture.ISSUER;
import static dev.keyway.endpointtest.Fixture.json;
import static dev.keyway.endpointtest.Fixture.resourceRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.AuthorizationServer;
import dev.keyway.endpointtest.Fixture;
import dev.keyway.internal.SecureTokens;
import dev.keyway.jwk.RotatingSigningKeys;
import dev.keyway.jwk.SigningAlgorithm;
import dev.keyway.jwtfixtures.JwtFixtures;
import dev.keyway.resource.BearerResult;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.token.AccessTokenFormat;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * JWT access tokens inside the server: each is recorded by the hash of its jti, so introspection,
 * revocation and the in-process bearer validator treat it like an opaque token; per-client format.
 */
class JwtAccessTokenServerTest {

  private final RotatingSigningKeys keys =
      RotatingSigningKeys.builder(SigningAlgorithm.ES256).build();
  private final Fixture f =
      Fixture.create(b -> b.signingKeys(keys).accessTokenFormat(AccessTokenFormat.JWT));
  private final JwtTokenIssuer issuer = new JwtTokenIssuer(keys, ISSUER, List.of(ISSUER));

  /** Issues a JWT like a grant would and records it in a new family; returns the token value. */
  private String grantWithJwt(String clientId, String subject, String grantId) {
    Instant now = f.clock.instant();
    IssuedToken at =
        issuer.issueAccessToken(
            new AccessTokenClaims(
                ISSUER,
                subject,
                clientId,
                Set.of("read"),
                now,
                now.plus(Duration.ofHours(1)),
                null));
    f.tokens.createGrant(
        new GrantRecord(
            grantId,
            clientId,
            subject,
            Set.of("read"),
            now,
            now,
            now.plus(Duration.ofDays(7)),
            now,
            GrantState.ACTIVE),
        new AccessTokenRecord(
            at.hash(),
            grantId,
            clientId,
            subject,
            Set.of("read"),
            now,
            now.plus(Duration.ofHours(1)),
            AccessTokenState.ACTIVE),
        null);
    return at.value().reveal();
  }

  @Test
  @DisplayName(
      "RV/IN: a JWT whose family is revoked is inactive at introspection and refused by the bearer validator")
  void revokedFamilyMakesJwtInactive() {
    String grantId = SecureTokens.newId();
    String jwt = grantWithJwt("c1", "alice", grantId);

    assertThat(f.isActive(jwt)).isTrue();
    Map<String, Object> active = json(f.introspectAs("rs", Fixture.RS_SECRET, "token=" + jwt));
    assertThat(active).containsEntry("client_id", "c1").containsEntry("sub", "alice");
    assertThat(f.server.bearerTokens().validate(resourceRequest("Bearer " + jwt), Set.of("read")))
        .isInstanceOf(BearerResult.Valid.class);

    assertThat(f.tokens.revokeGrant(grantId)).isTrue();

    assertThat(json(f.introspectAs("rs", Fixture.RS_SECRET, "token=" + jwt)))
        .containsExactly(Map.entry("active", false));
    assertThat(f.server.bearerTokens().validate(resourceRequest("Bearer " + jwt), Set.of("read")))
        .isInstanceOf(BearerResult.Rejected.class);
  }

  @Test
  @DisplayName("RFC 7009: revoking a JWT access token at the revocation endpoint makes it inactive")
  void revocationEndpointRevokesAJwt() {
    String jwt = grantWithJwt("c1", "alice", SecureTokens.newId());
    assertThat(f.revokeAs("c1", Fixture.C1_SECRET, "token=" + jwt).status()).isEqualTo(200);
    assertThat(f.isActive(jwt)).isFalse();
  }

  @Test
  void aForgedJwtIsInactiveAndNeverReachesTheStore() {
    String jwt = grantWithJwt("c1", "alice", SecureTokens.newId());
    assertThat(f.isActive(JwtFixtures.withFlippedSignatureBit(jwt))).isFalse();
    assertThat(
            f.isActive(
                JwtFixtures.withPayload(
                    jwt, JwtFixtures.payloadJson(jwt).replace("alice", "bob__"))))
        .isFalse();
  }

  @Test
  void metadataAndJwksAreServed() {
    Map<String, Object> m = json(f.server.metadata());
    assertThat(m).containsEntry("jwks_uri", "https://as.example/oauth2/jwks");
    @SuppressWarnings("unchecked")
    List<String> algs = (List<String>) m.get("token_endpoint_auth_signing_alg_values_supported");
    assertThat(algs)
        .contains("RS256", "ES256", "EdDSA", "PS256")
        .doesNotContain("none", "HS256", "HS384", "HS512");
    assertThat(f.server.jwks().body()).contains(keys.signingKey().keyId());
  }

  @Test
  @DisplayName("Per client: the client's format wins over the server's; both formats stay valid")
  void perClientFormat() {
    f.clients.save(
        f.clients.findById("c2").orElseThrow().toBuilder()
            .accessTokenFormat(AccessTokenFormat.OPAQUE)
            .build());
    ClientFormatTokenIssuer dispatch =
        new ClientFormatTokenIssuer(
            AccessTokenFormat.JWT, new OpaqueTokenIssuer(), issuer, f.clients);
    Instant now = f.clock.instant();
    IssuedToken forC1 =
        dispatch.issueAccessToken(
            new AccessTokenClaims(ISSUER, "alice", "c1", Set.of(), now, now.plusSeconds(60), null));
    IssuedToken forC2 =
        dispatch.issueAccessToken(
            new AccessTokenClaims(ISSUER, "alice", "c2", Set.of(), now, now.plusSeconds(60), null));

    assertThat(forC1.value().reveal()).contains(".");
    assertThat(forC2.value().reveal()).hasSize(43).doesNotContain(".");
    assertThat(dispatch.keyOf(forC1.value().reveal())).contains(forC1.hash());
    assertThat(dispatch.keyOf(forC2.value().reveal())).contains(forC2.hash());
    assertThat(dispatch.keyOf("x.y.z")).isEmpty();
    // with the client at hand, no lookup: the passed client's setting decides
    Client c2AsJwt =
        f.clients.findById("c2").orElseThrow().toBuilder()
            .accessTokenFormat(AccessTokenFormat.JWT)
            .build();
    AccessTokenClaims c2Claims =
        new AccessTokenClaims(ISSUER, "alice", "c2", Set.of(), now, now.plusSeconds(60), null);
    assertThat(dispatch.issueAccessToken(c2Claims, c2AsJwt).value().reveal()).contains(".");
    assertThatThrownBy(
            () -> dispatch.issueAccessToken(c2Claims, f.clients.findById("c1").orElseThrow()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clientFormatSurvivesToBuilder() {
    Client c = Client.builder("x").accessTokenFormat(AccessTokenFormat.JWT).build();
    assertThat(c.toBuilder().build().accessTokenFormatOverride()).contains(AccessTokenFormat.JWT);
    assertThat(Client.builder("y").build().accessTokenFormatOverride()).isEmpty();
  }

  @Test
  void jwtFormatWithoutSigningKeysIsRefusedAtBuild() {
    assertThatThrownBy(
            () ->
                AuthorizationServer.builder()
                    .issuer(ISSUER)
                    .users(JwtFixtures.noUsers())
                    .accessTokenFormat(AccessTokenFormat.JWT)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("signingKeys");
  }
}
