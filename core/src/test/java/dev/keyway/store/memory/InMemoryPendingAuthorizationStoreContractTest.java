package dev.keyway.store.memory;

import dev.keyway.spi.code.PendingAuthorizationStore;
import dev.keyway.store.contract.PendingAuthorizationStoreContract;
import java.time.Clock;

/**
 * The {@link PendingAuthorizationStoreContract} against {@link InMemoryPendingAuthorizationStore}.
 */
class InMemoryPendingAuthorizationStoreContractTest extends PendingAuthorizationStoreContract {

  @Override
  protected PendingAuthorizationStore newStore(Clock clock) {
    return new InMemoryPendingAuthorizationStore(clock);
  }
}
