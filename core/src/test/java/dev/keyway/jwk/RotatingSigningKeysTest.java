package dev.keyway.jwk;

import static dev.keyway.jwtfixtures.JwtFixtures.ISSUER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWK;
import dev.keyway.testing.MutableClock;
import dev.keyway.token.AccessTokenClaims;
import dev.keyway.token.IssuedToken;
import dev.keyway.token.JwtTokenIssuer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RotatingSigningKeysTest {

  private final MutableClock clock = MutableClock.start();

  private RotatingSigningKeys keys() {
    return RotatingSigningKeys.builder(SigningAlgorithm.ES256)
        .clock(clock)
        .rotationInterval(Duration.ofDays(30))
        .publishAhead(Duration.ofHours(1))
        .retentionMargin(Duration.ofMinutes(5))
        .build();
  }

  private IssuedToken issue(JwtTokenIssuer issuer, Duration ttl) {
    Instant now = clock.instant();
    return issuer.issueAccessToken(
        new AccessTokenClaims(ISSUER, "alice", "c1", Set.of("read"), now, now.plus(ttl), null));
  }

  private static List<String> kids(List<JWK> keys) {
    return keys.stream().map(JWK::getKeyID).toList();
  }

  @Test
  void theFirstKeySignsAtOnceAndIsTheOnlyOnePublished() {
    RotatingSigningKeys keys = keys();
    assertThat(kids(keys.verificationKeys())).containsExactly(keys.signingKey().keyId());
    assertThat(keys.signingKey().algorithm()).isEqualTo(SigningAlgorithm.ES256);
  }

  @Test
  @DisplayName("A new key is published publishAhead before it signs, then the old one is retired")
  void newKeyIsPublishedBeforeItSigns() {
    RotatingSigningKeys keys = keys();
    String first = keys.signingKey().keyId();

    clock.advance(Duration.ofDays(30).minus(Duration.ofHours(1)).minusSeconds(1));
    assertThat(keys.verificationKeys()).hasSize(1);

    clock.advance(Duration.ofSeconds(1)); // announce time
    List<String> published = kids(keys.verificationKeys());
    assertThat(published).hasSize(2).startsWith(first);
    String second = published.get(1);
    assertThat(keys.signingKey().keyId()).isEqualTo(first);

    clock.advance(Duration.ofHours(1).minusSeconds(1));
    assertThat(keys.signingKey().keyId()).isEqualTo(first);

    clock.advance(Duration.ofSeconds(1)); // switch time
    assertThat(keys.signingKey().keyId()).isEqualTo(second);
    assertThat(kids(keys.verificationKeys())).containsExactlyInAnyOrder(first, second);
  }

  @Test
  @DisplayName(
      "Rotation: a token signed by the previous key still validates; the key leaves the JWKS after its last token expired")
  void previousKeyStaysUntilItsLastTokenExpired() {
    RotatingSigningKeys keys = keys();
    JwtTokenIssuer issuer = new JwtTokenIssuer(keys, ISSUER, List.of(ISSUER));
    String first = keys.signingKey().keyId();

    String announced = keys.rotate().keyId();
    assertThat(kids(keys.verificationKeys())).containsExactly(first, announced);
    clock.advance(Duration.ofMinutes(59));
    IssuedToken old = issue(issuer, Duration.ofHours(2)); // signed by the first key, lives 2 h
    clock.advance(Duration.ofMinutes(1));
    assertThat(keys.signingKey().keyId()).isEqualTo(announced);
    IssuedToken fresh = issue(issuer, Duration.ofHours(1));

    // two ES256 keys published at once; both tokens validate
    assertThat(kids(keys.verificationKeys())).containsExactlyInAnyOrder(first, announced);
    assertThat(issuer.keyOf(old.value().reveal())).contains(old.hash());
    assertThat(issuer.keyOf(fresh.value().reveal())).contains(fresh.hash());

    // the old token expires 1h59m after it was issued + 5 min margin
    clock.advance(Duration.ofHours(1).plusMinutes(59).plusMinutes(4));
    assertThat(kids(keys.verificationKeys())).contains(first);
    assertThat(issuer.keyOf(old.value().reveal())).isPresent();
    clock.advance(Duration.ofMinutes(1));
    assertThat(kids(keys.verificationKeys())).containsExactly(announced);
    assertThat(issuer.keyOf(old.value().reveal())).isEmpty();
    // keyOf checks the signature only; expiry is the store's (and a validator's) to decide
    assertThat(issuer.keyOf(fresh.value().reveal())).contains(fresh.hash());
  }

  @Test
  void aRetiredKeyThatSignedNothingLeavesAfterTheMargin() {
    RotatingSigningKeys keys = keys();
    String first = keys.signingKey().keyId();
    keys.rotate();
    clock.advance(Duration.ofHours(1));
    String second = keys.signingKey().keyId();
    assertThat(second).isNotEqualTo(first);

    clock.advance(Duration.ofMinutes(4));
    assertThat(kids(keys.verificationKeys())).contains(first);
    clock.advance(Duration.ofMinutes(1));
    assertThat(kids(keys.verificationKeys())).containsExactly(second);
  }

  @Test
  void rotateIsIdempotentWhileAKeyIsAnnounced() {
    RotatingSigningKeys keys = keys();
    assertThat(keys.rotate().keyId()).isEqualTo(keys.rotate().keyId());
    assertThat(keys.verificationKeys()).hasSize(2);
  }

  @Test
  void afterALongIdleTheScheduleCatchesUpWithoutBreakingTheCurrentKey() {
    RotatingSigningKeys keys = keys();
    String first = keys.signingKey().keyId();
    clock.advance(Duration.ofDays(365));
    // the overdue next key is announced now and signs only after publishAhead
    assertThat(keys.signingKey().keyId()).isEqualTo(first);
    assertThat(keys.verificationKeys()).hasSize(2);
    clock.advance(Duration.ofHours(1));
    assertThat(keys.signingKey().keyId()).isNotEqualTo(first);
  }

  @Test
  void invalidSchedulesAreRefused() {
    assertThatThrownBy(
            () ->
                RotatingSigningKeys.builder(SigningAlgorithm.ES256)
                    .rotationInterval(Duration.ofHours(1))
                    .publishAhead(Duration.ofHours(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                RotatingSigningKeys.builder(SigningAlgorithm.ES256)
                    .retentionMargin(Duration.ofMinutes(-1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
