package dev.keyway.spi.client;

import java.util.List;
import java.util.Optional;

/**
 * Where registered clients live. Lookups are by exact, case-sensitive {@code client_id} (a JDBC
 * implementation must not use a case-insensitive collation).
 *
 * <p>Implementations must be thread-safe. They store {@link Client} values as given: secrets are
 * already hashed by the engine, and a store must never be handed a plaintext secret.
 */
public interface ClientStore {

  /** The client with exactly this id, or empty. */
  Optional<Client> findById(String clientId);

  /** Inserts the client, or replaces the one with the same id. */
  void save(Client client);

  /**
   * Removes the client. Returns true when a client was removed. The engine revokes the client's
   * tokens and codes separately.
   */
  boolean delete(String clientId);

  /** Every client registered by this owner (see {@link Client#owner()}), in registration order. */
  List<Client> findByOwner(String owner);
}
