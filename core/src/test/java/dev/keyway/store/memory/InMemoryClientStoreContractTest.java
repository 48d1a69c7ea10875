package dev.keyway.store.memory;

import dev.keyway.spi.client.ClientStore;
import dev.keyway.store.contract.ClientStoreContract;
import java.time.Clock;

/** The {@link ClientStoreContract} against {@link InMemoryClientStore}. */
class InMemoryClientStoreContractTest extends ClientStoreContract {

  @Override
  protected ClientStore newStore(Clock clock) {
    return new InMemoryClientStore();
  }
}
