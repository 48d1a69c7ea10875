package dev.keyway.spi.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.TokenHash;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Authorization codes and pending authorizations: expiry boundaries and state changes. */
class CodeRecordsTest {

  private static final TokenHash HASH = TokenHash.of("c".repeat(43));
  private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant EXPIRES = ISSUED.plusSeconds(60);

  private static AuthorizationCodeRecord code() {
    return new AuthorizationCodeRecord(
        HASH,
        "app",
        "https://app.example/cb",
        true,
        "alice",
        Set.of("read"),
        "challenge",
        "S256",
        "g1",
        ISSUED,
        ISSUED,
        EXPIRES,
        CodeState.ISSUED);
  }

  @Test
  void codeCanBeRedeemedUntilJustBeforeItsExpiry() {
    assertThat(code().isExpiredAt(EXPIRES.minusMillis(1))).isFalse();
    assertThat(code().isExpiredAt(EXPIRES)).isTrue();
  }

  @Test
  void withStateChangesOnlyTheState() {
    AuthorizationCodeRecord redeemed = code().withState(CodeState.REDEEMED);
    assertThat(redeemed.state()).isEqualTo(CodeState.REDEEMED);
    assertThat(redeemed).usingRecursiveComparison().ignoringFields("state").isEqualTo(code());
  }

  @Test
  void codeRequiresItsBindings() {
    assertThatThrownBy(
            () ->
                new AuthorizationCodeRecord(
                    HASH,
                    "app",
                    null,
                    false,
                    "alice",
                    Set.of(),
                    null,
                    null,
                    "g1",
                    null,
                    ISSUED,
                    EXPIRES,
                    CodeState.ISSUED))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("redirectUri");
  }

  @Test
  void pendingAuthorizationExpiresAtItsExpiryInstant() {
    PendingAuthorization pending =
        new PendingAuthorization(
            HASH,
            "alice",
            "app",
            "https://app.example/cb",
            true,
            Set.of("read"),
            "xyz",
            "challenge",
            "S256",
            ISSUED,
            ISSUED,
            EXPIRES);
    assertThat(pending.isExpiredAt(EXPIRES.minusMillis(1))).isFalse();
    assertThat(pending.isExpiredAt(EXPIRES)).isTrue();
    assertThatThrownBy(
            () ->
                new PendingAuthorization(
                    HASH,
                    null,
                    "app",
                    "https://app.example/cb",
                    true,
                    Set.of(),
                    null,
                    null,
                    null,
                    ISSUED,
                    ISSUED,
                    EXPIRES))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("subject");
  }
}
