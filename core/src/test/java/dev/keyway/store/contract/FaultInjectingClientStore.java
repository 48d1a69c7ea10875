package dev.keyway.store.contract;

import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@link ClientStore} that passes every call through a {@link StoreFaults} schedule. */
public final class FaultInjectingClientStore implements ClientStore {

  private static final Class<ClientStore> S = ClientStore.class;
  private final ClientStore delegate;
  private final StoreFaults faults;

  public FaultInjectingClientStore(ClientStore delegate, StoreFaults faults) {
    this.delegate = Objects.requireNonNull(delegate);
    this.faults = Objects.requireNonNull(faults);
  }

  /** The schedule this decorator follows. */
  public StoreFaults faults() {
    return faults;
  }

  @Override
  public Optional<Client> findById(String clientId) {
    return faults.invoke(S, "findById", () -> delegate.findById(clientId));
  }

  @Override
  public void save(Client client) {
    faults.run(S, "save", () -> delegate.save(client));
  }

  @Override
  public boolean delete(String clientId) {
    return faults.invoke(S, "delete", () -> delegate.delete(clientId));
  }

  @Override
  public List<Client> findByOwner(String owner) {
    return faults.invoke(S, "findByOwner", () -> delegate.findByOwner(owner));
  }
}
