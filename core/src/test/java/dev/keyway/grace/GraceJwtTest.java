package dev.keyway.grace;

import static dev.keyway.grace.GraceServer.refresh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.RefreshGraceKey;
import dev.keyway.jwk.RotatingSigningKeys;
import dev.keyway.jwk.SigningAlgorithm;
import dev.keyway.resource.BearerResult;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.token.AccessTokenFormat;
import dev.keyway.spi.token.GrantState;
import dev.keyway.token.fixture.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The grace window with JWT access tokens (RFC 9068): the access token's {@code jti} is the derived
 * id, and a retry signs the same claims again, so it is the same token: same {@code jti}, claims
 * and store record (and the same bytes with a deterministic algorithm).
 */
class GraceJwtTest {

  private static final Duration WINDOW = Duration.ofSeconds(10);

  private static GraceServer jwtServer(SigningAlgorithm algorithm, AccessTokenFormat serverFormat) {
    RotatingSigningKeys keys = RotatingSigningKeys.builder(algorithm).build();
    return GraceServer.inMemory(
        GraceServer.window(WINDOW)
            .andThen(b -> b.signingKeys(keys).accessTokenFormat(serverFormat)));
  }

  private static JWTClaimsSet claims(String jwt) throws Exception {
    return SignedJWT.parse(jwt).getJWTClaimsSet();
  }

  private static OAuthRequest bearer(String token) {
    return OAuthRequest.builder("GET")
        .path("/api/me")
        .header("Authorization", "Bearer " + token)
        .build();
  }

  @ParameterizedTest
  @EnumSource(SigningAlgorithm.class)
  @DisplayName(
      "RF-10 JWT access tokens: a retry inside the window returns the same JWT (same jti, claims, record)")
  void retryInsideWindowReturnsTheSameJwt(SigningAlgorithm algorithm) throws Exception {
    assumeTrue(
        algorithm != SigningAlgorithm.EDDSA || SigningAlgorithm.eddsaAvailable(),
        "EdDSA unavailable");
    GraceServer as = jwtServer(algorithm, AccessTokenFormat.JWT);
    Reply first = as.firstTokens("c1");
    as.clock.advance(Duration.ofMinutes(1));
    Reply second = as.send(refresh("c1", first.refreshToken()));
    as.clock.advance(Duration.ofSeconds(3));

    Reply retry = as.send(refresh("c1", first.refreshToken()));

    assertThat(second.status()).isEqualTo(200);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.refreshToken()).isEqualTo(second.refreshToken());
    String jti = RefreshGraceKey.of(GraceServer.KEY).accessTokenId(first.refreshToken());
    JWTClaimsSet firstClaims = claims(second.accessToken());
    JWTClaimsSet retryClaims = claims(retry.accessToken());
    assertThat(firstClaims.getJWTID()).isEqualTo(jti);
    assertThat(retryClaims.toJSONObject()).isEqualTo(firstClaims.toJSONObject());
    assertThat(SignedJWT.parse(retry.accessToken()).getHeader().toJSONObject())
        .isEqualTo(SignedJWT.parse(second.accessToken()).getHeader().toJSONObject());
    if (algorithm != SigningAlgorithm.ES256) {
      assertThat(retry.accessToken())
          .as("a deterministic signature: the same bytes")
          .isEqualTo(second.accessToken());
    }
    assertThat(retry.expiresIn()).isEqualTo(3600 - 3);
    assertThat(as.stores.tokens().findAccessToken(Hashing.tokenHash(jti))).isPresent();
    for (String jwt : List.of(second.accessToken(), retry.accessToken())) {
      assertThat(as.server.bearerTokens().validate(bearer(jwt), Set.of("read")))
          .isInstanceOf(BearerResult.Valid.class);
    }
    assertThat(as.events(SecurityEvent.RefreshTokenRetried.class)).hasSize(1);
  }

  @Test
  @DisplayName(
      "RF-10 JWT access tokens: 64 concurrent refreshes all get the same successor and the same jti")
  void concurrentRefreshWithJwtThenOneTokenIdentity() throws Exception {
    GraceServer as = jwtServer(SigningAlgorithm.ES256, AccessTokenFormat.JWT);
    Reply first = as.firstTokens("c1");

    List<Reply> replies = Together.run(64, i -> as.send(refresh("c1", first.refreshToken())));

    String successor = replies.get(0).refreshToken();
    String jti = RefreshGraceKey.of(GraceServer.KEY).accessTokenId(first.refreshToken());
    for (Reply r : replies) {
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.refreshToken()).isEqualTo(successor);
      assertThat(claims(r.accessToken()).getJWTID()).isEqualTo(jti);
    }
    assertThat(as.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.ACTIVE);
    assertThat(as.events(SecurityEvent.TokensRefreshed.class)).hasSize(1);
  }

  @Test
  @DisplayName(
      "a per-client JWT format on an opaque server: the retry is the same JWT; another client's stays opaque")
  void perClientJwtFormatThenSameJwt() throws Exception {
    GraceServer as = jwtServer(SigningAlgorithm.RS256, AccessTokenFormat.OPAQUE);
    as.update("c1", b -> b.accessTokenFormat(AccessTokenFormat.JWT));
    Reply first = as.firstTokens("c1");
    Reply second = as.send(refresh("c1", first.refreshToken()));
    Reply retry = as.send(refresh("c1", first.refreshToken()));
    Reply other = as.firstTokens("c2");
    Reply otherSecond = as.send(refresh("c2", other.refreshToken()));
    Reply otherRetry = as.send(refresh("c2", other.refreshToken()));

    assertThat(retry.accessToken()).isEqualTo(second.accessToken()).contains(".");
    assertThat(claims(retry.accessToken()).getJWTID())
        .isEqualTo(RefreshGraceKey.of(GraceServer.KEY).accessTokenId(first.refreshToken()));
    assertThat(otherRetry.accessToken())
        .isEqualTo(otherSecond.accessToken())
        .matches("[A-Za-z0-9_-]{43}");
  }
}
