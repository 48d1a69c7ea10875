package dev.keyway.store.contract;

import static dev.keyway.store.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.code.PendingAuthorization;
import dev.keyway.spi.code.PendingAuthorizationStore;
import dev.keyway.testing.MutableClock;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link PendingAuthorizationStore}. Extend it and implement {@link #newStore}. */
public abstract class PendingAuthorizationStoreContract {

  /** A fresh, empty store whose automatic housekeeping (if any) reads {@code clock}. */
  protected abstract PendingAuthorizationStore newStore(Clock clock);

  /** Threads in the concurrency cases. */
  protected int threads() {
    return 64;
  }

  protected MutableClock clock;
  protected PendingAuthorizationStore store;

  @BeforeEach
  void setUpStore() {
    clock = MutableClock.at(T0);
    store = newStore(clock);
  }

  protected PendingAuthorization pending(Instant expiresAt) {
    return new PendingAuthorization(
        ContractFixtures.newHash(),
        "alice",
        "client-1",
        "https://app.example.com/cb",
        true,
        Set.of("read"),
        "xyz",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "S256",
        T0.minusSeconds(3),
        T0,
        expiresAt);
  }

  protected PendingAuthorization pending() {
    return pending(T0.plusSeconds(600));
  }

  @Test
  @DisplayName(
      "RL-14 a pending request round-trips bit-exactly: 2,048-char state, 200 scopes, long URI")
  void saveThenFindIsBitExact() {
    PendingAuthorization p =
        new PendingAuthorization(
            ContractFixtures.newHash(),
            ContractFixtures.NON_ASCII,
            "client-" + ContractFixtures.NON_ASCII,
            ContractFixtures.longRedirectUri(4096),
            false,
            ContractFixtures.manyScopes(200),
            ContractFixtures.longState(2048),
            null,
            null,
            null,
            T0,
            T0.plusSeconds(600));
    assertThat(p.state()).hasSize(2048);
    store.save(p);
    assertThat(store.find(p.idHash(), T0)).contains(p);
    assertThat(store.take(p.idHash(), T0)).contains(p);
  }

  @Test
  @DisplayName("RL-10 a pending request is found at exp-1ms and gone at exp")
  void findHonoursExpiryBoundary() {
    PendingAuthorization p = pending();
    store.save(p);
    assertThat(store.find(p.idHash(), p.expiresAt().minusMillis(1))).contains(p);
    assertThat(store.find(p.idHash(), p.expiresAt())).isEmpty();
    assertThat(store.take(p.idHash(), p.expiresAt())).isEmpty();
  }

  @Test
  void unknownIdIsNeitherFoundNorTaken() {
    assertThat(store.find(ContractFixtures.newHash(), T0)).isEmpty();
    assertThat(store.take(ContractFixtures.newHash(), T0)).isEmpty();
  }

  @Test
  @DisplayName("AZ-10 a pending request can be taken once; afterwards it is gone")
  void takeIsSingleUse() {
    PendingAuthorization p = pending();
    store.save(p);
    assertThat(store.take(p.idHash(), T0)).contains(p);
    assertThat(store.take(p.idHash(), T0)).isEmpty();
    assertThat(store.find(p.idHash(), T0)).isEmpty();
  }

  @Test
  @DisplayName("AZ-10 saving a request whose id exists fails and keeps the original")
  void saveOfAnExistingIdIsRefused() {
    PendingAuthorization p = pending();
    store.save(p);
    PendingAuthorization forged =
        new PendingAuthorization(
            p.idHash(),
            "mallory",
            "evil",
            "https://evil.example/cb",
            true,
            Set.of("admin"),
            null,
            null,
            null,
            null,
            T0,
            T0.plusSeconds(600));
    assertThatThrownBy(() -> store.save(forged)).isInstanceOf(RuntimeException.class);
    assertThat(store.find(p.idHash(), T0)).contains(p);
  }

  @Test
  @DisplayName("RL-10 stepping the clock back does not bring back a taken request")
  void clockSteppedBackDoesNotReviveATakenRequest() {
    PendingAuthorization p = pending();
    store.save(p);
    store.take(p.idHash(), T0.plusSeconds(10));
    assertThat(store.take(p.idHash(), T0.minusSeconds(300))).isEmpty();
  }

  @Test
  @DisplayName("RL-09 of 64 concurrent takes of one request exactly one receives it")
  void concurrentTakesHaveExactlyOneWinner() {
    PendingAuthorization p = pending();
    store.save(p);
    List<Optional<PendingAuthorization>> results =
        Race.run(threads(), i -> store.take(p.idHash(), T0));
    assertThat(results).filteredOn(Optional::isPresent).hasSize(1);
  }

  @Test
  @DisplayName("RL-17 purge removes expired requests only, at most limit a call, idempotently")
  void purgeIsBoundedAndIdempotent() {
    List<PendingAuthorization> expired =
        IntStream.range(0, 10).mapToObj(i -> pending(T0.plusSeconds(i))).peek(store::save).toList();
    PendingAuthorization atCutOff = pending(T0.plusSeconds(100));
    store.save(atCutOff);
    Instant before = T0.plusSeconds(100);
    assertThat(store.purgeExpired(before, 4)).isEqualTo(4);
    assertThat(store.purgeExpired(before, 100)).isEqualTo(6);
    assertThat(store.purgeExpired(before, 100)).isZero();
    assertThat(expired).allSatisfy(p -> assertThat(store.find(p.idHash(), T0)).isEmpty());
    assertThat(store.find(atCutOff.idHash(), T0)).isPresent();
  }

  @Test
  @DisplayName("RL-17 concurrent purges remove each expired request once")
  void concurrentPurgesAreSafe() {
    IntStream.range(0, 200).forEach(i -> store.save(pending(T0.plusMillis(i))));
    PendingAuthorization live = pending(T0.plusSeconds(3600));
    store.save(live);
    AtomicInteger removed = new AtomicInteger();
    Race.run(
        8,
        i -> {
          int n;
          while ((n = store.purgeExpired(T0.plusSeconds(60), 16)) > 0) {
            removed.addAndGet(n);
          }
          return null;
        });
    assertThat(removed.get()).isEqualTo(200);
    assertThat(store.find(live.idHash(), T0)).isPresent();
  }
}
