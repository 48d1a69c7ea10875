package dev.keyway.store.memory;

import dev.keyway.testing.MutableClock;
import dev.keyway.spi.client.AssertionReplayStore;
import dev.keyway.store.contract.AssertionReplayStoreContract;

class InMemoryAssertionReplayStoreTest extends AssertionReplayStoreContract {

  @Override
  protected AssertionReplayStore newStore() {
    return new InMemoryAssertionReplayStore(new MutableClock(NOW));
  }
}
