package dev.keyway.store.memory;

import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe {@link ClientStore} in memory. Everything is lost when the process ends. */
public final class InMemoryClientStore implements ClientStore {

  private final Map<String, Client> clients = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryClientStore() {}

  @Override
  public Optional<Client> findById(String clientId) {
    return clientId == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
  }

  @Override
  public void save(Client client) {
    clients.put(client.clientId(), client);
  }

  @Override
  public boolean delete(String clientId) {
    return clients.remove(clientId) != null;
  }

  @Override
  public List<Client> findByOwner(String owner) {
    return clients.values().stream()
        .filter(c -> Objects.equals(owner, c.owner()))
        .sorted(Comparator.comparing(Client::createdAt).thenComparing(Client::clientId))
        .toList();
  }
}
