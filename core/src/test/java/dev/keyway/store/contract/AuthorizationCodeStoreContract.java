package dev.keyway.store.contract;

import static dev.keyway.store.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.code.RedeemResult;
import dev.keyway.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuthorizationCodeStore}. Extend it and implement {@link #newStore}; every
 * store Keyway ships passes it.
 */
public abstract class AuthorizationCodeStoreContract {

  /** A fresh, empty store whose automatic housekeeping (if any) reads {@code clock}. */
  protected abstract AuthorizationCodeStore newStore(Clock clock);

  /** Threads in the concurrency cases. */
  protected int threads() {
    return 64;
  }

  protected MutableClock clock;
  protected AuthorizationCodeStore store;

  @BeforeEach
  void setUpStore() {
    clock = MutableClock.at(T0);
    store = newStore(clock);
  }

  protected AuthorizationCodeRecord code(Instant expiresAt) {
    return new AuthorizationCodeRecord(
        ContractFixtures.newHash(),
        "client-1",
        "https://app.example.com/cb",
        true,
        "alice",
        Set.of("read", "write"),
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "S256",
        ContractFixtures.newId("grant"),
        T0.minusSeconds(30),
        T0,
        expiresAt,
        CodeState.ISSUED);
  }

  protected AuthorizationCodeRecord code() {
    return code(T0.plusSeconds(60));
  }

  @Test
  @DisplayName(
      "RL-14 a code round-trips bit-exactly: long redirect URI, 200 scopes, non-ASCII subject")
  void saveThenFindIsBitExact() {
    AuthorizationCodeRecord code =
        new AuthorizationCodeRecord(
            ContractFixtures.newHash(),
            "Client-" + ContractFixtures.NON_ASCII,
            ContractFixtures.longRedirectUri(4096),
            false,
            ContractFixtures.NON_ASCII,
            ContractFixtures.manyScopes(200),
            "x".repeat(128),
            "plain",
            ContractFixtures.newId("grant"),
            T0.minusSeconds(5),
            T0,
            T0.plusSeconds(600),
            CodeState.ISSUED);
    store.save(code);
    assertThat(store.find(code.codeHash())).contains(code);
  }

  @Test
  void optionalFieldsRoundTripAsNull() {
    AuthorizationCodeRecord code =
        new AuthorizationCodeRecord(
            ContractFixtures.newHash(),
            "c",
            "https://a.example/cb",
            true,
            "bob",
            Set.of(),
            null,
            null,
            "g",
            null,
            T0,
            T0.plusSeconds(60),
            CodeState.ISSUED);
    store.save(code);
    assertThat(store.find(code.codeHash())).contains(code);
  }

  @Test
  @DisplayName("CR-06 an unknown code is not found and its redemption is Unknown")
  void findOfUnknownHashIsEmptyAndRedeemIsUnknown() {
    TokenHash unknown = ContractFixtures.newHash();
    assertThat(store.find(unknown)).isEmpty();
    assertThat(store.redeem(unknown, T0)).isInstanceOf(RedeemResult.Unknown.class);
    assertThat(store.find(unknown)).isEmpty();
  }

  @Test
  @DisplayName("the first redemption wins and marks the code REDEEMED")
  void redeemMovesIssuedToRedeemed() {
    AuthorizationCodeRecord code = code();
    store.save(code);
    RedeemResult result = store.redeem(code.codeHash(), T0);
    assertThat(result).isEqualTo(new RedeemResult.Redeemed(code.withState(CodeState.REDEEMED)));
    assertThat(store.find(code.codeHash())).contains(code.withState(CodeState.REDEEMED));
  }

  @Test
  @DisplayName("CR-01 a second redemption is AlreadyRedeemed and carries the grant id to revoke")
  void redeemTwiceIsAlreadyRedeemed() {
    AuthorizationCodeRecord code = code();
    store.save(code);
    store.redeem(code.codeHash(), T0);
    RedeemResult again = store.redeem(code.codeHash(), T0.plusSeconds(1));
    assertThat(again).isInstanceOf(RedeemResult.AlreadyRedeemed.class);
    assertThat(((RedeemResult.AlreadyRedeemed) again).code().grantId()).isEqualTo(code.grantId());
  }

  @Test
  @DisplayName("CR-05 RL-10 a code is redeemable at exp-1ms")
  void redeemOneMillisecondBeforeExpiryWins() {
    AuthorizationCodeRecord code = code();
    store.save(code);
    assertThat(store.redeem(code.codeHash(), code.expiresAt().minusMillis(1)))
        .isInstanceOf(RedeemResult.Redeemed.class);
  }

  @Test
  @DisplayName("CR-05 RL-10 a code is expired at exp, and the failed redemption changes nothing")
  void redeemAtExpiryIsExpiredAndLeavesTheCodeIssued() {
    AuthorizationCodeRecord code = code();
    store.save(code);
    RedeemResult result = store.redeem(code.codeHash(), code.expiresAt());
    assertThat(result).isEqualTo(new RedeemResult.Expired(code));
    assertThat(store.find(code.codeHash())).contains(code);
  }

  @Test
  @DisplayName(
      "CR-01 saving a code whose hash exists fails and never resets a redeemed code to ISSUED")
  void saveOfAnExistingHashIsRefused() {
    AuthorizationCodeRecord code = code();
    store.save(code);
    store.redeem(code.codeHash(), T0);
    assertThatThrownBy(() -> store.save(code)).isInstanceOf(RuntimeException.class);
    assertThat(store.find(code.codeHash())).contains(code.withState(CodeState.REDEEMED));
    assertThat(store.redeem(code.codeHash(), T0)).isInstanceOf(RedeemResult.AlreadyRedeemed.class);
  }

  @Test
  @DisplayName("RL-10 stepping the clock back does not make a redeemed code redeemable again")
  void clockSteppedBackDoesNotReviveARedeemedCode() {
    AuthorizationCodeRecord code = code();
    store.save(code);
    store.redeem(code.codeHash(), T0.plusSeconds(10));
    assertThat(store.redeem(code.codeHash(), T0.minus(Duration.ofMinutes(5))))
        .isInstanceOf(RedeemResult.AlreadyRedeemed.class);
  }

  @Test
  @DisplayName("CR-09 RL-06 of 64 concurrent redemptions of one code exactly one wins")
  void concurrentRedemptionsHaveExactlyOneWinner() {
    AuthorizationCodeRecord code = code();
    store.save(code);
    List<RedeemResult> results = Race.run(threads(), i -> store.redeem(code.codeHash(), T0));
    assertThat(results).filteredOn(RedeemResult.Redeemed.class::isInstance).hasSize(1);
    assertThat(results)
        .filteredOn(RedeemResult.AlreadyRedeemed.class::isInstance)
        .hasSize(threads() - 1);
  }

  @Test
  @DisplayName("CR-01 markReplayed moves REDEEMED to REPLAYED once; repeating it changes nothing")
  void markReplayedMovesRedeemedToReplayedAndIsIdempotent() {
    AuthorizationCodeRecord code = code();
    store.save(code);
    store.redeem(code.codeHash(), T0);

    assertThat(store.markReplayed(code.codeHash())).isTrue();
    assertThat(store.find(code.codeHash())).contains(code.withState(CodeState.REPLAYED));
    assertThat(store.markReplayed(code.codeHash())).as("idempotent").isFalse();
    assertThat(store.find(code.codeHash())).contains(code.withState(CodeState.REPLAYED));
  }

  @Test
  @DisplayName(
      "CR-01 markReplayed leaves an ISSUED code issued and redeemable, and creates nothing for an unknown hash")
  void markReplayedOfIssuedOrUnknownCodeChangesNothing() {
    AuthorizationCodeRecord code = code();
    store.save(code);
    TokenHash unknown = ContractFixtures.newHash();

    assertThat(store.markReplayed(code.codeHash())).isFalse();
    assertThat(store.markReplayed(unknown)).isFalse();

    assertThat(store.find(code.codeHash())).contains(code);
    assertThat(store.find(unknown)).isEmpty();
    assertThat(store.redeem(code.codeHash(), T0)).isInstanceOf(RedeemResult.Redeemed.class);
  }

  @Test
  @DisplayName(
      "CR-01 RL-10 a REPLAYED code stays spent: redeem is AlreadyRedeemed with its grant id, before and after expiry")
  void redeemOfReplayedCodeIsAlreadyRedeemed() {
    AuthorizationCodeRecord code = code();
    store.save(code);
    store.redeem(code.codeHash(), T0);
    store.markReplayed(code.codeHash());

    for (Instant at :
        List.of(T0, code.expiresAt().plusSeconds(1), T0.minus(Duration.ofMinutes(5)))) {
      RedeemResult again = store.redeem(code.codeHash(), at);
      assertThat(again)
          .as("at %s", at)
          .isEqualTo(new RedeemResult.AlreadyRedeemed(code.withState(CodeState.REPLAYED)));
    }
    assertThat(store.find(code.codeHash()).orElseThrow().state()).isEqualTo(CodeState.REPLAYED);
  }

  @Test
  @DisplayName(
      "CR-01 an expired redeemed code can still be marked replayed: a late replay still revokes")
  void markReplayedIgnoresExpiry() {
    AuthorizationCodeRecord code = code();
    store.save(code);
    store.redeem(code.codeHash(), T0);
    clock.advance(Duration.ofMinutes(5));

    assertThat(store.markReplayed(code.codeHash())).isTrue();
    assertThat(store.find(code.codeHash()).orElseThrow().state()).isEqualTo(CodeState.REPLAYED);
  }

  @Test
  @DisplayName("CR-09 of 64 concurrent markReplayed calls exactly one changes the code")
  void concurrentMarkReplayedHasExactlyOneChange() {
    AuthorizationCodeRecord code = code();
    store.save(code);
    store.redeem(code.codeHash(), T0);

    List<Boolean> results = Race.run(threads(), i -> store.markReplayed(code.codeHash()));

    assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
    assertThat(store.find(code.codeHash()).orElseThrow().state()).isEqualTo(CodeState.REPLAYED);
  }

  @Test
  @DisplayName(
      "CR-09 redemptions racing replay marks: one winner, and the code ends REPLAYED exactly when a mark took")
  void redeemRacingMarkReplayedStaysConsistent() {
    for (int round = 0; round < 10; round++) {
      AuthorizationCodeRecord code = code();
      store.save(code);

      List<Object> results =
          Race.run(
              threads(),
              i ->
                  i % 2 == 0
                      ? store.redeem(code.codeHash(), T0)
                      : (Object) store.markReplayed(code.codeHash()));

      assertThat(results).filteredOn(RedeemResult.Redeemed.class::isInstance).hasSize(1);
      long marks = results.stream().filter(Boolean.TRUE::equals).count();
      assertThat(marks)
          .as("round %d: at most one mark changes the code", round)
          .isLessThanOrEqualTo(1);
      assertThat(store.find(code.codeHash()).orElseThrow().state())
          .isEqualTo(marks == 1 ? CodeState.REPLAYED : CodeState.REDEEMED);
    }
  }

  @Test
  @DisplayName(
      "RL-11 purge removes only codes that expired before the cut-off, at most limit a call")
  void purgeIsBoundedByItsLimitAndSparesLiveCodes() {
    List<AuthorizationCodeRecord> expired =
        IntStream.range(0, 10).mapToObj(i -> code(T0.plusSeconds(i))).peek(store::save).toList();
    AuthorizationCodeRecord atCutOff = code(T0.plusSeconds(100));
    AuthorizationCodeRecord live = code(T0.plusSeconds(200));
    store.save(atCutOff);
    store.save(live);
    Instant before = T0.plusSeconds(100);

    assertThat(store.purgeExpired(before, 3)).isEqualTo(3);
    assertThat(store.purgeExpired(before, 0)).isZero();
    int rest = store.purgeExpired(before, 100);
    assertThat(rest).isEqualTo(7);
    assertThat(store.purgeExpired(before, 100)).as("idempotent").isZero();
    assertThat(expired).allSatisfy(c -> assertThat(store.find(c.codeHash())).isEmpty());
    assertThat(store.find(atCutOff.codeHash())).as("expiresAt == before is kept").isPresent();
    assertThat(store.find(live.codeHash())).isPresent();
  }

  @Test
  @DisplayName("RL-11 concurrent purges remove each expired code once and nothing else")
  void concurrentPurgesAreSafe() {
    List<AuthorizationCodeRecord> expired =
        IntStream.range(0, 200).mapToObj(i -> code(T0.plusMillis(i))).peek(store::save).toList();
    AuthorizationCodeRecord live = code(T0.plusSeconds(3600));
    store.save(live);
    Instant before = T0.plusSeconds(60);
    AtomicInteger removed = new AtomicInteger();
    Race.run(
        8,
        i -> {
          int n;
          while ((n = store.purgeExpired(before, 16)) > 0) {
            removed.addAndGet(n);
          }
          return null;
        });
    assertThat(removed.get()).isEqualTo(expired.size());
    assertThat(expired).allSatisfy(c -> assertThat(store.find(c.codeHash())).isEmpty());
    assertThat(store.find(live.codeHash())).isPresent();
  }
}
