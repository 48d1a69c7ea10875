package dev.keyway.store.memory;

import dev.keyway.spi.token.TokenStore;
import dev.keyway.store.contract.TokenStoreContract;
import java.time.Clock;

/** The {@link TokenStoreContract} against {@link InMemoryTokenStore}. */
class InMemoryTokenStoreContractTest extends TokenStoreContract {

  @Override
  protected TokenStore newStore(Clock clock) {
    return new InMemoryTokenStore(clock);
  }
}
