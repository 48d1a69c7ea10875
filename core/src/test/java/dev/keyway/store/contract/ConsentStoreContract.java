package dev.keyway.store.contract;

import static dev.keyway.store.contract.ContractFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.consent.ConsentStore;
import dev.keyway.testing.MutableClock;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The contract of {@link ConsentStore}. Extend it and implement {@link #newStore}. */
public abstract class ConsentStoreContract {

  /** A fresh, empty store. */
  protected abstract ConsentStore newStore(Clock clock);

  protected MutableClock clock;
  protected ConsentStore store;

  @BeforeEach
  void setUpStore() {
    clock = MutableClock.at(T0);
    store = newStore(clock);
  }

  @Test
  @DisplayName("RL-14 a consent round-trips bit-exactly: 200 scopes, non-ASCII subject")
  void saveThenFindIsBitExact() {
    ConsentRecord consent =
        new ConsentRecord(
            ContractFixtures.NON_ASCII, "client-1", ContractFixtures.manyScopes(200), T0);
    store.save(consent);
    assertThat(store.find(ContractFixtures.NON_ASCII, "client-1")).contains(consent);
  }

  @Test
  void saveReplacesTheEarlierConsentOfTheSameUserAndClient() {
    store.save(new ConsentRecord("alice", "c1", Set.of("read"), T0));
    ConsentRecord wider =
        new ConsentRecord("alice", "c1", Set.of("read", "write"), T0.plusSeconds(9));
    store.save(wider);
    assertThat(store.find("alice", "c1")).contains(wider);
    assertThat(store.findBySubject("alice")).containsExactly(wider);
  }

  @Test
  @DisplayName("subjects and client ids are case-sensitive")
  void identifiersAreCaseSensitive() {
    ConsentRecord lower = new ConsentRecord("alice", "app", Set.of("a"), T0);
    ConsentRecord upper = new ConsentRecord("Alice", "App", Set.of("b"), T0);
    store.save(lower);
    store.save(upper);
    assertThat(store.find("alice", "app")).contains(lower);
    assertThat(store.find("Alice", "App")).contains(upper);
    assertThat(store.find("alice", "App")).isEmpty();
    assertThat(store.findBySubject("ALICE")).isEmpty();
  }

  @Test
  void revokeForgetsOneConsentAndReportsWhetherThereWasOne() {
    store.save(new ConsentRecord("alice", "c1", Set.of("read"), T0));
    store.save(new ConsentRecord("alice", "c2", Set.of("read"), T0));
    assertThat(store.revoke("alice", "c1")).isTrue();
    assertThat(store.revoke("alice", "c1")).isFalse();
    assertThat(store.find("alice", "c1")).isEmpty();
    assertThat(store.find("alice", "c2")).isPresent();
  }

  @Test
  void findBySubjectListsThatUsersConsentsOldestFirst() {
    ConsentRecord later = new ConsentRecord("alice", "c-a", Set.of("x"), T0.plusSeconds(20));
    ConsentRecord earlier = new ConsentRecord("alice", "c-b", Set.of("y"), T0.plusSeconds(10));
    store.save(later);
    store.save(earlier);
    store.save(new ConsentRecord("bob", "c-a", Set.of("x"), T0));
    assertThat(store.findBySubject("alice")).containsExactly(earlier, later);
    assertThat(store.findBySubject("nobody")).isEmpty();
  }

  @Test
  void revokeAllOfClientForgetsEveryConsentGivenToThatClientOnly() {
    store.save(new ConsentRecord("alice", "gone", Set.of("x"), T0));
    store.save(new ConsentRecord("bob", "gone", Set.of("x"), T0));
    store.save(new ConsentRecord("bob", "Gone", Set.of("x"), T0));
    store.save(new ConsentRecord("bob", "kept", Set.of("x"), T0));
    assertThat(store.revokeAllOfClient("gone")).isEqualTo(2);
    assertThat(store.revokeAllOfClient("gone")).isZero();
    assertThat(store.find("bob", "Gone")).isPresent();
    assertThat(store.find("bob", "kept")).isPresent();
    assertThat(store.find("alice", "gone")).isEmpty();
  }

  @Test
  @DisplayName("RL-09 concurrent saves of one user's consent leave exactly one of them")
  void concurrentSavesOfOneKeyLeaveOneRecord() {
    Race.run(
        16,
        i -> {
          store.save(new ConsentRecord("alice", "c1", Set.of("s" + i), T0.plusSeconds(i)));
          return null;
        });
    assertThat(store.findBySubject("alice")).hasSize(1);
  }

  @Test
  @DisplayName("merge stores a first consent as given and returns it")
  void mergeStoresAFirstConsent() {
    ConsentRecord consent = new ConsentRecord("alice", "c1", Set.of("read"), T0);
    assertThat(store.merge(consent)).isEqualTo(consent);
    assertThat(store.find("alice", "c1")).contains(consent);
  }

  @Test
  @DisplayName("merge adds scopes to the stored consent and takes the new time")
  void mergeAddsScopes() {
    store.save(new ConsentRecord("alice", "c1", Set.of("read", "profile"), T0));
    store.save(new ConsentRecord("alice", "c2", Set.of("admin"), T0));
    ConsentRecord merged =
        store.merge(new ConsentRecord("alice", "c1", Set.of("write", "read"), T0.plusSeconds(5)));
    ConsentRecord expected =
        new ConsentRecord("alice", "c1", Set.of("read", "profile", "write"), T0.plusSeconds(5));
    assertThat(merged).isEqualTo(expected);
    assertThat(store.find("alice", "c1")).contains(expected);
    assertThat(store.find("alice", "c2").orElseThrow().scopes()).containsExactly("admin");
  }

  @Test
  @DisplayName("a merge after a revocation stores only its own scopes: the revoked ones stay gone")
  void mergeAfterRevokeDoesNotReviveRevokedScopes() {
    store.save(new ConsentRecord("alice", "c1", Set.of("read"), T0));
    store.revoke("alice", "c1");
    store.merge(new ConsentRecord("alice", "c1", Set.of("write"), T0.plusSeconds(1)));
    assertThat(store.find("alice", "c1").orElseThrow().scopes()).containsExactly("write");
  }

  @Test
  @DisplayName("RL-09 16 concurrent merges into one user's consent keep every scope of every call")
  void concurrentMergesLoseNoScope() {
    store.save(new ConsentRecord("alice", "c1", Set.of("base"), T0));
    Race.run(
        16, i -> store.merge(new ConsentRecord("alice", "c1", Set.of("s" + i), T0.plusSeconds(i))));
    Set<String> expected = new HashSet<>(Set.of("base"));
    for (int i = 0; i < 16; i++) {
      expected.add("s" + i);
    }
    assertThat(store.find("alice", "c1").orElseThrow().scopes())
        .containsExactlyInAnyOrderElementsOf(expected);
    assertThat(store.findBySubject("alice")).hasSize(1);
  }

  @Test
  @DisplayName("RL-09 16 concurrent first merges of one user's consent make one record of all")
  void concurrentFirstMergesMakeOneRecord() {
    Race.run(16, i -> store.merge(new ConsentRecord("bob", "c1", Set.of("s" + i), T0)));
    assertThat(store.findBySubject("bob")).hasSize(1);
    assertThat(store.find("bob", "c1").orElseThrow().scopes()).hasSize(16);
  }
}
