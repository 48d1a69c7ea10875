package dev.keyway.benchmarks;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.spi.token.TokenStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A diagnostic store for {@code -p store=discard}: client-credentials access tokens are dropped
 * instead of stored, everything else goes to the delegate. It splits a {@code clientCredentials}
 * request's cost into the endpoint's own work and the store's. Never a real store: a dropped token
 * is unknown to introspection and to resource servers.
 */
final class DiscardingTokenStore implements TokenStore {

  private final TokenStore delegate;

  DiscardingTokenStore(TokenStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void saveAccessToken(AccessTokenRecord accessToken) {
    // dropped on purpose
  }

  @Override
  public void createGrant(
      GrantRecord grant, AccessTokenRecord accessToken, RefreshTokenRecord refreshToken) {
    delegate.createGrant(grant, accessToken, refreshToken);
  }

  @Override
  public Optional<AccessTokenRecord> findAccessToken(TokenHash tokenHash) {
    return delegate.findAccessToken(tokenHash);
  }

  @Override
  public Optional<RefreshTokenRecord> findRefreshToken(TokenHash tokenHash) {
    return delegate.findRefreshToken(tokenHash);
  }

  @Override
  public Optional<GrantRecord> findGrant(String grantId) {
    return delegate.findGrant(grantId);
  }

  @Override
  public RotateResult rotate(
      TokenHash presented,
      RefreshTokenRecord successor,
      AccessTokenRecord accessToken,
      Instant now) {
    return delegate.rotate(presented, successor, accessToken, now);
  }

  @Override
  public boolean revokeAccessToken(TokenHash tokenHash) {
    return delegate.revokeAccessToken(tokenHash);
  }

  @Override
  public boolean revokeGrant(String grantId) {
    return delegate.revokeGrant(grantId);
  }

  @Override
  public int revokeGrants(String subject, String clientId) {
    return delegate.revokeGrants(subject, clientId);
  }

  @Override
  public int revokeGrantsOfSubject(String subject) {
    return delegate.revokeGrantsOfSubject(subject);
  }

  @Override
  public int revokeAllOfClient(String clientId) {
    return delegate.revokeAllOfClient(clientId);
  }

  @Override
  public List<GrantRecord> findActiveGrantsOfSubject(String subject, Instant now) {
    return delegate.findActiveGrantsOfSubject(subject, now);
  }

  @Override
  public int purgeExpired(Instant before, int limit) {
    return delegate.purgeExpired(before, limit);
  }
}
