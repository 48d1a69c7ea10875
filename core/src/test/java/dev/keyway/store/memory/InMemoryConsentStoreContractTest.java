package dev.keyway.store.memory;

import dev.keyway.spi.consent.ConsentStore;
import dev.keyway.store.contract.ConsentStoreContract;
import java.time.Clock;

/** The {@link ConsentStoreContract} against {@link InMemoryConsentStore}. */
class InMemoryConsentStoreContractTest extends ConsentStoreContract {

  @Override
  protected ConsentStore newStore(Clock clock) {
    return new InMemoryConsentStore();
  }
}
