package dev.keyway.testing.clients;

import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientStore;
import dev.keyway.store.memory.InMemoryClientStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory client store that counts writes, to prove a refused request wrote nothing. */
public final class CountingClientStore implements ClientStore {

  private final InMemoryClientStore delegate = new InMemoryClientStore();
  private final AtomicInteger writes = new AtomicInteger();

  @Override
  public Optional<Client> findById(String clientId) {
    return delegate.findById(clientId);
  }

  @Override
  public void save(Client client) {
    writes.incrementAndGet();
    delegate.save(client);
  }

  @Override
  public boolean delete(String clientId) {
    writes.incrementAndGet();
    return delegate.delete(clientId);
  }

  @Override
  public List<Client> findByOwner(String owner) {
    return delegate.findByOwner(owner);
  }

  /** How many saves and deletes were made. */
  public int writes() {
    return writes.get();
  }
}
