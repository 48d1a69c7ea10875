package dev.keyway.store.contract;

import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.consent.ConsentStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@link ConsentStore} that passes every call through a {@link StoreFaults} schedule. */
public final class FaultInjectingConsentStore implements ConsentStore {

  private static final Class<ConsentStore> S = ConsentStore.class;
  private final ConsentStore delegate;
  private final StoreFaults faults;

  public FaultInjectingConsentStore(ConsentStore delegate, StoreFaults faults) {
    this.delegate = Objects.requireNonNull(delegate);
    this.faults = Objects.requireNonNull(faults);
  }

  /** The schedule this decorator follows. */
  public StoreFaults faults() {
    return faults;
  }

  @Override
  public Optional<ConsentRecord> find(String subject, String clientId) {
    return faults.invoke(S, "find", () -> delegate.find(subject, clientId));
  }

  @Override
  public void save(ConsentRecord consent) {
    faults.run(S, "save", () -> delegate.save(consent));
  }

  @Override
  public ConsentRecord merge(ConsentRecord consent) {
    return faults.invoke(S, "merge", () -> delegate.merge(consent));
  }

  @Override
  public boolean revoke(String subject, String clientId) {
    return faults.invoke(S, "revoke", () -> delegate.revoke(subject, clientId));
  }

  @Override
  public List<ConsentRecord> findBySubject(String subject) {
    return faults.invoke(S, "findBySubject", () -> delegate.findBySubject(subject));
  }

  @Override
  public int revokeAllOfClient(String clientId) {
    return faults.invoke(S, "revokeAllOfClient", () -> delegate.revokeAllOfClient(clientId));
  }
}
