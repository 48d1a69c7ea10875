package dev.keyway.store.contract;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.RedeemResult;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link AuthorizationCodeStore} that passes every call through a {@link StoreFaults} schedule.
 */
public final class FaultInjectingAuthorizationCodeStore implements AuthorizationCodeStore {

  private static final Class<AuthorizationCodeStore> S = AuthorizationCodeStore.class;
  private final AuthorizationCodeStore delegate;
  private final StoreFaults faults;

  public FaultInjectingAuthorizationCodeStore(AuthorizationCodeStore delegate, StoreFaults faults) {
    this.delegate = Objects.requireNonNull(delegate);
    this.faults = Objects.requireNonNull(faults);
  }

  /** The schedule this decorator follows. */
  public StoreFaults faults() {
    return faults;
  }

  @Override
  public void save(AuthorizationCodeRecord code) {
    faults.run(S, "save", () -> delegate.save(code));
  }

  @Override
  public Optional<AuthorizationCodeRecord> find(TokenHash codeHash) {
    return faults.invoke(S, "find", () -> delegate.find(codeHash));
  }

  @Override
  public RedeemResult redeem(TokenHash codeHash, Instant now) {
    return faults.invoke(S, "redeem", () -> delegate.redeem(codeHash, now));
  }

  @Override
  public boolean markReplayed(TokenHash codeHash) {
    return faults.invoke(S, "markReplayed", () -> delegate.markReplayed(codeHash));
  }

  @Override
  public int purgeExpired(Instant before, int limit) {
    return faults.invoke(S, "purgeExpired", () -> delegate.purgeExpired(before, limit));
  }
}
