package dev.keyway.store.memory;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.spi.token.TokenStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe {@link TokenStore} in memory.
 *
 * <p>Each grant (token family) has its own monitor: every transition of a family ({@link #rotate},
 * {@link #revokeGrant}) runs under it, so a rotation and a revocation of one family serialise and
 * different families never contend. Client-credentials tokens, which belong to no family, are
 * single map entries changed atomically. Expired tokens and families are purged automatically by
 * the writing threads, in small batches.
 */
public final class InMemoryTokenStore implements TokenStore {

  /** A family and the hashes of its tokens; guarded by its own monitor. */
  private static final class Family {
    volatile GrantRecord grant;
    final List<TokenHash> accessTokens = new ArrayList<>();
    final List<TokenHash> refreshTokens = new ArrayList<>();

    Family(GrantRecord grant) {
      this.grant = grant;
    }
  }

  private final ConcurrentHashMap<String, Family> families = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<TokenHash, AccessTokenRecord> accessTokens =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<TokenHash, RefreshTokenRecord> refreshTokens =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<String>> grantsBySubject = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<String>> grantsByClient = new ConcurrentHashMap<>();
  private final ExpiryQueue<TokenHash> accessExpiries;
  private final ExpiryQueue<String> grantExpiries;

  /**
   * @param clock the same clock the server uses; automatic purging measures time by it
   */
  public InMemoryTokenStore(Clock clock) {
    this.accessExpiries = new ExpiryQueue<>(clock);
    this.grantExpiries = new ExpiryQueue<>(clock);
  }

  /**
   * Stores the grant and its first tokens, or nothing: a grant id or token hash that already exists
   * is refused (overwriting would change another family's state).
   */
  @Override
  public void createGrant(
      GrantRecord grant, AccessTokenRecord accessToken, RefreshTokenRecord refreshToken) {
    Family family = new Family(grant);
    synchronized (family) {
      if (families.putIfAbsent(grant.grantId(), family) != null) {
        throw new IllegalStateException("grant id already exists");
      }
      if (accessTokens.putIfAbsent(accessToken.tokenHash(), accessToken) != null) {
        families.remove(grant.grantId(), family);
        throw new IllegalStateException("access token hash already exists");
      }
      if (refreshToken != null
          && refreshTokens.putIfAbsent(refreshToken.tokenHash(), refreshToken) != null) {
        accessTokens.remove(accessToken.tokenHash(), accessToken);
        families.remove(grant.grantId(), family);
        throw new IllegalStateException("refresh token hash already exists");
      }
      grantsBySubject
          .computeIfAbsent(grant.subject(), k -> ConcurrentHashMap.newKeySet())
          .add(grant.grantId());
      grantsByClient
          .computeIfAbsent(grant.clientId(), k -> ConcurrentHashMap.newKeySet())
          .add(grant.grantId());
      family.accessTokens.add(accessToken.tokenHash());
      accessExpiries.add(accessToken.tokenHash(), accessToken.expiresAt());
      if (refreshToken != null) {
        family.refreshTokens.add(refreshToken.tokenHash());
      }
    }
    if (grantExpiries.add(grant.grantId(), grant.expiresAt())) {
      purgeExpired(grantExpiries.now(), ExpiryQueue.PURGE_BATCH);
    }
  }

  @Override
  public void saveAccessToken(AccessTokenRecord accessToken) {
    if (accessToken.grantId() != null) {
      throw new IllegalArgumentException(
          "tokens of a grant are stored through createGrant or rotate");
    }
    if (accessTokens.putIfAbsent(accessToken.tokenHash(), accessToken) != null) {
      throw new IllegalStateException("access token hash already exists");
    }
    if (accessExpiries.add(accessToken.tokenHash(), accessToken.expiresAt())) {
      purgeExpired(accessExpiries.now(), ExpiryQueue.PURGE_BATCH);
    }
  }

  @Override
  public Optional<AccessTokenRecord> findAccessToken(TokenHash tokenHash) {
    return Optional.ofNullable(accessTokens.get(tokenHash));
  }

  @Override
  public Optional<RefreshTokenRecord> findRefreshToken(TokenHash tokenHash) {
    return Optional.ofNullable(refreshTokens.get(tokenHash));
  }

  @Override
  public Optional<GrantRecord> findGrant(String grantId) {
    Family family = families.get(grantId);
    return family == null ? Optional.empty() : Optional.of(family.grant);
  }

  @Override
  public RotateResult rotate(
      TokenHash presented,
      RefreshTokenRecord successor,
      AccessTokenRecord accessToken,
      Instant now) {
    RefreshTokenRecord seen = refreshTokens.get(presented);
    if (seen == null) {
      return new RotateResult.Unknown();
    }
    Family family = families.get(seen.grantId());
    if (family == null) {
      return new RotateResult.Expired(seen); // the family was purged
    }
    synchronized (family) {
      RefreshTokenRecord current = refreshTokens.get(presented);
      GrantRecord grant = family.grant;
      if (current == null) {
        return new RotateResult.Expired(seen);
      }
      if (current.state() == RefreshTokenState.REVOKED || grant.state() == GrantState.REVOKED) {
        return new RotateResult.Revoked(current);
      }
      if (current.state() == RefreshTokenState.ROTATED) {
        return new RotateResult.AlreadyRotated(current);
      }
      if (current.isExpiredAt(now) || grant.isExpiredAt(now)) {
        return new RotateResult.Expired(current);
      }
      if (!successor.grantId().equals(grant.grantId())
          || !grant.grantId().equals(accessToken.grantId())) {
        throw new IllegalArgumentException(
            "successor and access token must belong to the same grant");
      }
      // Claim both new keys first, so a clash fails before anything changes.
      if (refreshTokens.putIfAbsent(successor.tokenHash(), successor) != null) {
        throw new IllegalStateException("refresh token hash already exists");
      }
      if (accessTokens.putIfAbsent(accessToken.tokenHash(), accessToken) != null) {
        refreshTokens.remove(successor.tokenHash(), successor);
        throw new IllegalStateException("access token hash already exists");
      }
      refreshTokens.put(presented, current.rotated(now, successor.tokenHash()));
      family.refreshTokens.add(successor.tokenHash());
      family.accessTokens.add(accessToken.tokenHash());
      accessExpiries.add(accessToken.tokenHash(), accessToken.expiresAt());
      family.grant =
          new GrantRecord(
              grant.grantId(),
              grant.clientId(),
              grant.subject(),
              grant.scopes(),
              grant.authTime(),
              grant.createdAt(),
              grant.expiresAt(),
              now,
              grant.state());
      return new RotateResult.Rotated(current);
    }
  }

  @Override
  public boolean revokeAccessToken(TokenHash tokenHash) {
    boolean[] changed = {false};
    accessTokens.computeIfPresent(
        tokenHash,
        (h, t) -> {
          if (t.state() != AccessTokenState.ACTIVE) {
            return t;
          }
          changed[0] = true;
          return revoked(t);
        });
    return changed[0];
  }

  private static AccessTokenRecord revoked(AccessTokenRecord t) {
    return new AccessTokenRecord(
        t.tokenHash(),
        t.grantId(),
        t.clientId(),
        t.subject(),
        t.scopes(),
        t.issuedAt(),
        t.expiresAt(),
        AccessTokenState.REVOKED);
  }

  @Override
  public boolean revokeGrant(String grantId) {
    Family family = families.get(grantId);
    if (family == null) {
      return false;
    }
    synchronized (family) {
      GrantRecord grant = family.grant;
      if (grant.state() == GrantState.REVOKED) {
        return false;
      }
      family.grant =
          new GrantRecord(
              grant.grantId(),
              grant.clientId(),
              grant.subject(),
              grant.scopes(),
              grant.authTime(),
              grant.createdAt(),
              grant.expiresAt(),
              grant.lastUsedAt(),
              GrantState.REVOKED);
      for (TokenHash h : family.accessTokens) {
        accessTokens.computeIfPresent(
            h, (k, t) -> t.state() == AccessTokenState.ACTIVE ? revoked(t) : t);
      }
      for (TokenHash h : family.refreshTokens) {
        refreshTokens.computeIfPresent(
            h, (k, t) -> t.state() == RefreshTokenState.REVOKED ? t : t.revoked());
      }
      return true;
    }
  }

  @Override
  public int revokeGrants(String subject, String clientId) {
    int count = 0;
    for (String grantId : List.copyOf(grantsBySubject.getOrDefault(subject, Set.of()))) {
      Family family = families.get(grantId);
      if (family != null && family.grant.clientId().equals(clientId) && revokeGrant(grantId)) {
        count++;
      }
    }
    return count;
  }

  @Override
  public int revokeGrantsOfSubject(String subject) {
    int count = 0;
    for (String grantId : List.copyOf(grantsBySubject.getOrDefault(subject, Set.of()))) {
      if (revokeGrant(grantId)) {
        count++;
      }
    }
    return count;
  }

  @Override
  public int revokeAllOfClient(String clientId) {
    int count = 0;
    for (String grantId : List.copyOf(grantsByClient.getOrDefault(clientId, Set.of()))) {
      if (revokeGrant(grantId)) {
        count++;
      }
    }
    // Client-credentials tokens have no index by client: revoking a whole client is a rare
    // administrative act, so it scans rather than making every issuance pay for an index.
    for (AccessTokenRecord t : accessTokens.values()) {
      if (t.grantId() == null
          && t.clientId().equals(clientId)
          && revokeAccessToken(t.tokenHash())) {
        count++;
      }
    }
    return count;
  }

  @Override
  public List<GrantRecord> findActiveGrantsOfSubject(String subject, Instant now) {
    List<GrantRecord> out = new ArrayList<>();
    for (String grantId : grantsBySubject.getOrDefault(subject, Set.of())) {
      Family family = families.get(grantId);
      if (family != null
          && family.grant.state() == GrantState.ACTIVE
          && !family.grant.isExpiredAt(now)) {
        out.add(family.grant);
      }
    }
    out.sort(Comparator.comparing(GrantRecord::createdAt).thenComparing(GrantRecord::grantId));
    return out;
  }

  @Override
  public int purgeExpired(Instant before, int limit) {
    int removed = accessExpiries.purge(before, limit, this::removeExpiredAccessToken);
    return removed
        + grantExpiries.purge(
            before, Math.max(0, limit - removed), g -> removeExpiredGrant(g, before));
  }

  private boolean removeExpiredAccessToken(TokenHash hash) {
    AccessTokenRecord t = accessTokens.get(hash);
    if (t == null || !accessTokens.remove(hash, t)) {
      return false;
    }
    if (t.grantId() != null) {
      Family family = families.get(t.grantId());
      if (family != null) {
        synchronized (family) {
          family.accessTokens.remove(hash);
        }
      }
    }
    return true;
  }

  private boolean removeExpiredGrant(String grantId, Instant before) {
    Family family = families.get(grantId);
    if (family == null) {
      return false;
    }
    synchronized (family) {
      if (!family.grant.expiresAt().isBefore(before)) {
        return false;
      }
      families.remove(grantId, family);
      family.accessTokens.forEach(accessTokens::remove);
      family.refreshTokens.forEach(refreshTokens::remove);
      Set<String> bySubject = grantsBySubject.get(family.grant.subject());
      if (bySubject != null) {
        bySubject.remove(grantId);
      }
      Set<String> byClient = grantsByClient.get(family.grant.clientId());
      if (byClient != null) {
        byClient.remove(grantId);
      }
      return true;
    }
  }

  /** Counts of what is held, for tests and monitoring: grants, access tokens, refresh tokens. */
  public int[] sizes() {
    return new int[] {families.size(), accessTokens.size(), refreshTokens.size()};
  }
}
