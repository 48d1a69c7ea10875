package dev.keyway.spi.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.TokenHash;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The token records' time windows and transitions: the rules every store relies on. */
class TokenRecordsTest {

  private static final TokenHash HASH = TokenHash.of("a".repeat(43));
  private static final TokenHash NEXT = TokenHash.of("b".repeat(43));
  private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant EXPIRES = ISSUED.plusSeconds(3600);

  private static AccessTokenRecord access(AccessTokenState state) {
    return new AccessTokenRecord(
        HASH, "g1", "app", "alice", Set.of("read"), ISSUED, EXPIRES, state);
  }

  private static RefreshTokenRecord refresh() {
    return new RefreshTokenRecord(
        HASH,
        "g1",
        "app",
        "alice",
        Set.of("read"),
        ISSUED,
        EXPIRES,
        RefreshTokenState.ACTIVE,
        null,
        null);
  }

  @Test
  void accessTokenIsActiveFromIssueUntilJustBeforeExpiry() {
    AccessTokenRecord token = access(AccessTokenState.ACTIVE);
    assertThat(token.isActiveAt(ISSUED.minusMillis(1))).isFalse();
    assertThat(token.isActiveAt(ISSUED)).isTrue();
    assertThat(token.isActiveAt(EXPIRES.minusMillis(1))).isTrue();
    assertThat(token.isActiveAt(EXPIRES)).isFalse();
  }

  @Test
  void revokedAccessTokenIsNeverActive() {
    assertThat(access(AccessTokenState.REVOKED).isActiveAt(ISSUED)).isFalse();
  }

  @Test
  void recordsKeepTheirOwnCopyOfTheScopes() {
    Set<String> scopes = new HashSet<>(Set.of("read"));
    AccessTokenRecord token =
        new AccessTokenRecord(
            HASH, "g1", "app", "alice", scopes, ISSUED, EXPIRES, AccessTokenState.ACTIVE);
    scopes.add("admin");
    assertThat(token.scopes()).containsExactly("read");
    assertThatThrownBy(() -> token.scopes().add("admin"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void accessTokenRequiresItsBindings() {
    assertThatThrownBy(
            () ->
                new AccessTokenRecord(
                    HASH, "g1", null, "alice", Set.of(), ISSUED, EXPIRES, AccessTokenState.ACTIVE))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clientId");
    assertThatThrownBy(
            () ->
                new AccessTokenRecord(HASH, "g1", "app", "alice", Set.of(), ISSUED, EXPIRES, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("state");
  }

  @Test
  void refreshTokenExpiresAtItsExpiryInstant() {
    assertThat(refresh().isExpiredAt(EXPIRES.minusMillis(1))).isFalse();
    assertThat(refresh().isExpiredAt(EXPIRES)).isTrue();
  }

  @Test
  void rotationRecordsWhenAndTheSuccessorAndKeepsEverythingElse() {
    Instant when = ISSUED.plusSeconds(60);
    RefreshTokenRecord rotated = refresh().rotated(when, NEXT);
    assertThat(rotated.state()).isEqualTo(RefreshTokenState.ROTATED);
    assertThat(rotated.rotatedAt()).isEqualTo(when);
    assertThat(rotated.successorHash()).isEqualTo(NEXT);
    assertThat(rotated)
        .usingRecursiveComparison()
        .ignoringFields("state", "rotatedAt", "successorHash")
        .isEqualTo(refresh());
  }

  @Test
  void revokingARotatedTokenKeepsItsRotationTrail() {
    Instant when = ISSUED.plusSeconds(60);
    RefreshTokenRecord revoked = refresh().rotated(when, NEXT).revoked();
    assertThat(revoked.state()).isEqualTo(RefreshTokenState.REVOKED);
    assertThat(revoked.rotatedAt()).isEqualTo(when);
    assertThat(revoked.successorHash()).isEqualTo(NEXT);
    assertThat(revoked.grantId()).isEqualTo("g1");
  }

  @Test
  void refreshTokenRequiresItsFamily() {
    assertThatThrownBy(
            () ->
                new RefreshTokenRecord(
                    HASH,
                    null,
                    "app",
                    "alice",
                    Set.of(),
                    ISSUED,
                    EXPIRES,
                    RefreshTokenState.ACTIVE,
                    null,
                    null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("grantId");
  }

  @Test
  void grantExpiresAtItsExpiryInstant() {
    GrantRecord grant =
        new GrantRecord(
            "g1",
            "app",
            "alice",
            Set.of("read"),
            ISSUED,
            ISSUED,
            EXPIRES,
            ISSUED,
            GrantState.ACTIVE);
    assertThat(grant.isExpiredAt(EXPIRES.minusMillis(1))).isFalse();
    assertThat(grant.isExpiredAt(EXPIRES)).isTrue();
    assertThatThrownBy(
            () ->
                new GrantRecord(
                    "g1",
                    "app",
                    "alice",
                    Set.of(),
                    ISSUED,
                    ISSUED,
                    EXPIRES,
                    null,
                    GrantState.ACTIVE))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("lastUsedAt");
  }
}
