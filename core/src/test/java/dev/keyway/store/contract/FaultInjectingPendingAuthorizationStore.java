package dev.keyway.store.contract;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.code.PendingAuthorization;
import dev.keyway.spi.code.PendingAuthorizationStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link PendingAuthorizationStore} that passes every call through a {@link StoreFaults}
 * schedule.
 */
public final class FaultInjectingPendingAuthorizationStore implements PendingAuthorizationStore {

  private static final Class<PendingAuthorizationStore> S = PendingAuthorizationStore.class;
  private final PendingAuthorizationStore delegate;
  private final StoreFaults faults;

  public FaultInjectingPendingAuthorizationStore(
      PendingAuthorizationStore delegate, StoreFaults faults) {
    this.delegate = Objects.requireNonNull(delegate);
    this.faults = Objects.requireNonNull(faults);
  }

  /** The schedule this decorator follows. */
  public StoreFaults faults() {
    return faults;
  }

  @Override
  public void save(PendingAuthorization pending) {
    faults.run(S, "save", () -> delegate.save(pending));
  }

  @Override
  public Optional<PendingAuthorization> find(TokenHash idHash, Instant now) {
    return faults.invoke(S, "find", () -> delegate.find(idHash, now));
  }

  @Override
  public Optional<PendingAuthorization> take(TokenHash idHash, Instant now) {
    return faults.invoke(S, "take", () -> delegate.take(idHash, now));
  }

  @Override
  public int purgeExpired(Instant before, int limit) {
    return faults.invoke(S, "purgeExpired", () -> delegate.purgeExpired(before, limit));
  }
}
