package dev.keyway.store.memory;

import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.store.contract.AuthorizationCodeStoreContract;
import java.time.Clock;

/** The {@link AuthorizationCodeStoreContract} against {@link InMemoryAuthorizationCodeStore}. */
class InMemoryAuthorizationCodeStoreContractTest extends AuthorizationCodeStoreContract {

  @Override
  protected AuthorizationCodeStore newStore(Clock clock) {
    return new InMemoryAuthorizationCodeStore(clock);
  }
}
