package dev.keyway.store.contract;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.spi.token.TokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A {@link TokenStore} that passes every call through a {@link StoreFaults} schedule. */
public final class FaultInjectingTokenStore implements TokenStore {

  private static final Class<TokenStore> S = TokenStore.class;
  private final TokenStore delegate;
  private final StoreFaults faults;

  public FaultInjectingTokenStore(TokenStore delegate, StoreFaults faults) {
    this.delegate = Objects.requireNonNull(delegate);
    this.faults = Objects.requireNonNull(faults);
  }

  /** The schedule this decorator follows. */
  public StoreFaults faults() {
    return faults;
  }

  @Override
  public void createGrant(
      GrantRecord grant, AccessTokenRecord accessToken, RefreshTokenRecord refreshToken) {
    faults.run(S, "createGrant", () -> delegate.createGrant(grant, accessToken, refreshToken));
  }

  @Override
  public void saveAccessToken(AccessTokenRecord accessToken) {
    faults.run(S, "saveAccessToken", () -> delegate.saveAccessToken(accessToken));
  }

  @Override
  public Optional<AccessTokenRecord> findAccessToken(TokenHash tokenHash) {
    return faults.invoke(S, "findAccessToken", () -> delegate.findAccessToken(tokenHash));
  }

  @Override
  public Optional<RefreshTokenRecord> findRefreshToken(TokenHash tokenHash) {
    return faults.invoke(S, "findRefreshToken", () -> delegate.findRefreshToken(tokenHash));
  }

  @Override
  public Optional<GrantRecord> findGrant(String grantId) {
    return faults.invoke(S, "findGrant", () -> delegate.findGrant(grantId));
  }

  @Override
  public RotateResult rotate(
      TokenHash presented,
      RefreshTokenRecord successor,
      AccessTokenRecord accessToken,
      Instant now) {
    return faults.invoke(
        S, "rotate", () -> delegate.rotate(presented, successor, accessToken, now));
  }

  @Override
  public boolean revokeAccessToken(TokenHash tokenHash) {
    return faults.invoke(S, "revokeAccessToken", () -> delegate.revokeAccessToken(tokenHash));
  }

  @Override
  public boolean revokeGrant(String grantId) {
    return faults.invoke(S, "revokeGrant", () -> delegate.revokeGrant(grantId));
  }

  @Override
  public int revokeGrants(String subject, String clientId) {
    return faults.invoke(S, "revokeGrants", () -> delegate.revokeGrants(subject, clientId));
  }

  @Override
  public int revokeGrantsOfSubject(String subject) {
    return faults.invoke(S, "revokeGrantsOfSubject", () -> delegate.revokeGrantsOfSubject(subject));
  }

  @Override
  public int revokeAllOfClient(String clientId) {
    return faults.invoke(S, "revokeAllOfClient", () -> delegate.revokeAllOfClient(clientId));
  }

  @Override
  public List<GrantRecord> findActiveGrantsOfSubject(String subject, Instant now) {
    return faults.invoke(
        S, "findActiveGrantsOfSubject", () -> delegate.findActiveGrantsOfSubject(subject, now));
  }

  @Override
  public int purgeExpired(Instant before, int limit) {
    return faults.invoke(S, "purgeExpired", () -> delegate.purgeExpired(before, limit));
  }
}
