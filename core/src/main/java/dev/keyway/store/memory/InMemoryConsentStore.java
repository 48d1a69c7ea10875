package dev.keyway.store.memory;

import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.consent.ConsentStore;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe {@link ConsentStore} in memory. */
public final class InMemoryConsentStore implements ConsentStore {

  private record Key(String subject, String clientId) {}

  private final ConcurrentHashMap<Key, ConsentRecord> consents = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryConsentStore() {}

  @Override
  public Optional<ConsentRecord> find(String subject, String clientId) {
    return Optional.ofNullable(consents.get(new Key(subject, clientId)));
  }

  @Override
  public void save(ConsentRecord consent) {
    consents.put(new Key(consent.subject(), consent.clientId()), consent);
  }

  /** {@link ConcurrentHashMap#merge} runs the union atomically for the key. */
  @Override
  public ConsentRecord merge(ConsentRecord consent) {
    return consents.merge(
        new Key(consent.subject(), consent.clientId()),
        consent,
        (stored, added) -> {
          Set<String> union = new HashSet<>(stored.scopes());
          union.addAll(added.scopes());
          return new ConsentRecord(added.subject(), added.clientId(), union, added.grantedAt());
        });
  }

  @Override
  public boolean revoke(String subject, String clientId) {
    return consents.remove(new Key(subject, clientId)) != null;
  }

  @Override
  public List<ConsentRecord> findBySubject(String subject) {
    return consents.values().stream()
        .filter(c -> c.subject().equals(subject))
        .sorted(Comparator.comparing(ConsentRecord::grantedAt))
        .toList();
  }

  @Override
  public int revokeAllOfClient(String clientId) {
    int[] count = {0};
    consents
        .keySet()
        .removeIf(
            k -> {
              boolean match = k.clientId().equals(clientId);
              if (match) {
                count[0]++;
              }
              return match;
            });
    return count[0];
  }
}
