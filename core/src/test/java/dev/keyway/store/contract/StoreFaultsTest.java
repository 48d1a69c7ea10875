package dev.keyway.store.contract;

import static dev.keyway.store.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.code.RedeemResult;
import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.consent.ConsentStore;
import dev.keyway.store.memory.InMemoryAuthorizationCodeStore;
import dev.keyway.store.memory.InMemoryConsentStore;
import dev.keyway.testing.MutableClock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The fault-injecting decorators do what the engine tests will rely on. */
class StoreFaultsTest {

  private final StoreFaults faults = new StoreFaults();
  private final InMemoryAuthorizationCodeStore real =
      new InMemoryAuthorizationCodeStore(MutableClock.at(T0));
  private final AuthorizationCodeStore codes =
      new FaultInjectingAuthorizationCodeStore(real, faults);

  private AuthorizationCodeRecord saved() {
    AuthorizationCodeRecord code =
        new AuthorizationCodeRecord(
            ContractFixtures.newHash(),
            "c",
            "https://a/cb",
            true,
            "alice",
            Set.of(),
            null,
            null,
            "g",
            null,
            T0,
            T0.plusSeconds(60),
            CodeState.ISSUED);
    real.save(code);
    return code;
  }

  @Test
  void failBeforeOnTheKthCallNeverReachesTheStore() {
    AuthorizationCodeRecord code = saved();
    faults.on(AuthorizationCodeStore.class, "redeem").onCall(2).fail();
    AuthorizationCodeRecord other = saved();
    assertThat(codes.redeem(other.codeHash(), T0)).isInstanceOf(RedeemResult.Redeemed.class);
    assertThatThrownBy(() -> codes.redeem(code.codeHash(), T0))
        .isInstanceOf(StoreFaults.InjectedFault.class);
    assertThat(real.find(code.codeHash()).orElseThrow().state()).isEqualTo(CodeState.ISSUED);
    assertThat(codes.redeem(code.codeHash(), T0))
        .as("only the 2nd call fails")
        .isInstanceOf(RedeemResult.Redeemed.class);
    assertThat(faults.calls(AuthorizationCodeStore.class, "redeem")).isEqualTo(3);
  }

  @Test
  void failAfterLetsTheWriteHappenAndLosesTheResult() {
    AuthorizationCodeRecord code = saved();
    faults
        .on(AuthorizationCodeStore.class, "redeem")
        .after()
        .fail(() -> new IllegalStateException("lost"));
    assertThatThrownBy(() -> codes.redeem(code.codeHash(), T0)).hasMessage("lost");
    assertThat(real.find(code.codeHash()).orElseThrow().state()).isEqualTo(CodeState.REDEEMED);
  }

  @Test
  void anyCallCountsAcrossDecoratorsSharingOneSchedule() {
    ConsentStore consents = new FaultInjectingConsentStore(new InMemoryConsentStore(), faults);
    faults.onAnyCall().onCall(3).fail();
    AuthorizationCodeRecord code = saved();
    codes.find(code.codeHash());
    consents.find("alice", "c");
    assertThatThrownBy(() -> consents.save(new ConsentRecord("alice", "c", Set.of(), T0)))
        .isInstanceOf(StoreFaults.InjectedFault.class);
    assertThat(faults.totalCalls()).isEqualTo(3);
    assertThat(consents.find("alice", "c")).isEmpty();
  }

  @Test
  void blockHoldsTheCallUntilReleased() throws Exception {
    AuthorizationCodeRecord code = saved();
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    faults.on(AuthorizationCodeStore.class, "redeem").block(inside, release);
    CompletableFuture<RedeemResult> held =
        CompletableFuture.supplyAsync(() -> codes.redeem(code.codeHash(), T0));
    inside.await();
    assertThat(real.redeem(code.codeHash(), T0))
        .as("the held call has not reached the store")
        .isInstanceOf(RedeemResult.Redeemed.class);
    release.countDown();
    assertThat(held.get()).isInstanceOf(RedeemResult.AlreadyRedeemed.class);
  }

  @Test
  void aMethodTheInterfaceDoesNotHaveIsRefused() {
    assertThatThrownBy(() -> faults.on(AuthorizationCodeStore.class, "reedem"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
