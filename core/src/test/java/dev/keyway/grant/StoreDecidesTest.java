package dev.keyway.grant;

import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static dev.keyway.token.fixture.TestClients.C1_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.event.SecurityEvent;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.code.RedeemResult;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TestClients;
import dev.keyway.token.fixture.TokenServer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The store's atomic call has the last word (DESIGN: "the store decides the single winner"). When
 * {@code redeem} or {@code rotate} answers differently from what the engine read a moment before
 * (another server won the race, the row expired, it was purged), the engine follows the store: no
 * token is handed out, and a lost race on an already used credential revokes its family.
 */
class StoreDecidesTest {

  /**
   * What the next call of one store method answers instead of the real store; null passes through.
   */
  private static final class Override<T> {
    private final String method;
    private Function<Object[], Object> answer;

    Override(String method) {
      this.method = method;
    }

    void next(Function<Object[], Object> answer) {
      this.answer = answer;
    }

    @SuppressWarnings("unchecked")
    T wrap(Class<T> type, T real) {
      InvocationHandler handler =
          (proxy, m, args) -> {
            if (m.getName().equals(method) && answer != null) {
              Function<Object[], Object> once = answer;
              answer = null;
              return once.apply(args);
            }
            try {
              return m.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          };
      return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
  }

  private final Override<AuthorizationCodeStore> redeem = new Override<>("redeem");
  private final Override<AuthorizationCodeStore> find = new Override<>("find");
  private final Override<TokenStore> rotate = new Override<>("rotate");
  private final Override<TokenStore> findGrant = new Override<>("findGrant");
  private final TokenServer as =
      TokenServer.start(
          TestClients.defaultHasher(),
          codes ->
              redeem.wrap(
                  AuthorizationCodeStore.class, find.wrap(AuthorizationCodeStore.class, codes)),
          tokens -> rotate.wrap(TokenStore.class, findGrant.wrap(TokenStore.class, tokens)));

  @Test
  @DisplayName(
      "CR-09 a redemption that loses the race to a concurrent one revokes what the winner got")
  void redeemAlreadyRedeemedThenRevokesTheWinnersTokens() {
    String code = as.validCode("c1");
    AuthorizationCodeRecord unredeemed = as.codeRecord(code);
    Reply winner = as.send(as.redemption("c1", C1_SECRET, code));
    assertTokens(winner);
    // The loser read the code before the winner's redeem committed, then lost the atomic redeem.
    find.next(args -> Optional.of(unredeemed));

    Reply loser = as.send(as.redemption("c1", C1_SECRET, code));

    assertError(loser, 400, "invalid_grant");
    assertThat(as.isActive(winner.accessToken())).isFalse();
    assertThat(as.grantOf(winner.refreshToken()).orElseThrow().state())
        .isEqualTo(GrantState.REVOKED);
    assertThat(as.events(SecurityEvent.CodeReplayDetected.class)).hasSize(1);
  }

  @Test
  @DisplayName("CR-05 a code the store finds expired at redeem time issues nothing")
  void redeemExpiredThenInvalidGrantAndNothingStored() {
    String code = as.validCode("c1");
    redeem.next(args -> new RedeemResult.Expired(as.codeRecord(code)));

    assertError(as.send(as.redemption("c1", C1_SECRET, code)), 400, "invalid_grant");

    assertThat(as.sizes()).containsExactly(0, 0, 0);
    assertThat(as.events(SecurityEvent.TokensIssued.class)).isEmpty();
  }

  @Test
  @DisplayName("CR-06 a code purged between find and redeem issues nothing")
  void redeemUnknownThenInvalidGrantAndNothingStored() {
    String code = as.validCode("c1");
    redeem.next(args -> new RedeemResult.Unknown());

    assertError(as.send(as.redemption("c1", C1_SECRET, code)), 400, "invalid_grant");

    assertThat(as.sizes()).containsExactly(0, 0, 0);
    assertThat(as.codeRecord(code).state()).isEqualTo(CodeState.ISSUED);
  }

  @Test
  @DisplayName("RF-10 a refresh that loses the rotation race is reuse: the family is revoked")
  void rotateAlreadyRotatedThenFamilyRevoked() {
    Reply first = as.c1Tokens();
    RefreshTokenRecord presented = as.refreshToken(first.refreshToken()).orElseThrow();
    rotate.next(args -> new RotateResult.AlreadyRotated(presented));

    assertError(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())), 400, "invalid_grant");

    assertThat(as.grantOf(first.refreshToken()).orElseThrow().state())
        .isEqualTo(GrantState.REVOKED);
    assertThat(as.isActive(first.accessToken())).isFalse();
    assertThat(as.events(SecurityEvent.RefreshTokenReuseDetected.class)).hasSize(1);
  }

  @Test
  @DisplayName("RF-06 a rotation the store refuses (revoked, expired, unknown) issues nothing")
  void rotateRefusedThenInvalidGrantAndNothingNew() {
    Reply first = as.c1Tokens();
    RefreshTokenRecord presented = as.refreshToken(first.refreshToken()).orElseThrow();
    Object[] refusals = {
      new RotateResult.Revoked(presented),
      new RotateResult.Expired(presented),
      new RotateResult.Unknown()
    };
    int[] before = as.sizes();

    for (Object refusal : refusals) {
      rotate.next(args -> refusal);
      assertError(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())), 400, "invalid_grant");
    }

    assertThat(as.sizes()).containsExactly(before);
    assertThat(as.events(SecurityEvent.TokensRefreshed.class)).isEmpty();
    assertTokens(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())));
  }

  @Test
  @DisplayName("RF-09 a refresh token whose grant is revoked or gone is invalid_grant")
  void refreshWhenGrantRevokedOrPurgedThenInvalidGrant() {
    Reply first = as.c1Tokens();
    GrantRecord grant = as.grantOf(first.refreshToken()).orElseThrow();
    GrantRecord revoked =
        new GrantRecord(
            grant.grantId(),
            grant.clientId(),
            grant.subject(),
            grant.scopes(),
            grant.authTime(),
            grant.createdAt(),
            grant.expiresAt(),
            grant.lastUsedAt(),
            GrantState.REVOKED);

    findGrant.next(args -> Optional.of(revoked));
    assertError(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())), 400, "invalid_grant");
    findGrant.next(args -> Optional.empty());
    assertError(as.send(as.refresh("c1", C1_SECRET, first.refreshToken())), 400, "invalid_grant");

    assertThat(as.refreshToken(first.refreshToken()).orElseThrow().state().name())
        .isEqualTo("ACTIVE");
  }
}
