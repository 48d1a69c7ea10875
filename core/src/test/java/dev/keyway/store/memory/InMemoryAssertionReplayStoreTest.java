package dev.keyway.store.memory;

import dev.keyway.spi.client.AssertionReplayStore;
import dev.keyway.store.contract.AssertionReplayStoreContract;
import dev.keyway.testing.MutableClock;

class InMemoryAssertionReplayStoreTest extends AssertionReplayStoreContract {

  @Override
  protected AssertionReplayStore newStore() {
    return new InMemoryAssertionReplayStore(new MutableClock(NOW));
  }
}
