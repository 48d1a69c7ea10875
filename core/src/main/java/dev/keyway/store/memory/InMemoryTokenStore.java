package dev.keyway.store.memory;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
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
 * single entries changed atomically.
 *
 * <p>Access tokens are held in an {@link AccessTokenTable}: primitive arrays rather than objects
 * per token, so that millions of live tokens cost the garbage collector next to nothing; every
 * insertion also removes a few expired ones, which bounds the table by its live tokens (see that
 * class). Expired families are purged automatically by the writing threads, in small batches.
 *
 * <p>Locks are taken in one order: a family's monitor, then a segment of the table. The table
 * reports the family tokens it drops (expired) after releasing its segment, and only on calls made
 * while no family monitor is held; the store then removes them from their family's list, in
 * batches.
 */
public final class InMemoryTokenStore implements TokenStore {

  /** A family and the hashes of its tokens; guarded by its own monitor. */
  private static final class Family {
    volatile GrantRecord grant;
    final List<TokenHash> accessTokens = new ArrayList<>();
    final List<TokenHash> refreshTokens = new ArrayList<>();

    /** Access tokens dropped from the table since {@link #accessTokens} was last compacted. */
    int departed;

    Family(GrantRecord grant) {
      this.grant = grant;
    }
  }

  private final ConcurrentHashMap<String, Family> families = new ConcurrentHashMap<>();
  private final AccessTokenTable accessTokens;
  private final ConcurrentHashMap<TokenHash, RefreshTokenRecord> refreshTokens =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<String>> grantsBySubject = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<String>> grantsByClient = new ConcurrentHashMap<>();
  private final ExpiryQueue<String> grantExpiries;

  /**
   * @param clock the same clock the server uses; automatic purging measures time by it
   */
  public InMemoryTokenStore(Clock clock) {
    this.accessTokens = new AccessTokenTable(clock, this::leaveFamily);
    this.grantExpiries = new ExpiryQueue<>(clock);
  }

  /**
   * One of a family's access tokens expired and left the table. Its hash leaves the family's list
   * when half the list has departed, all at once: removing each from the front of a list that may
   * hold a million live hashes (one busy refresh chain) would copy the whole list every time.
   */
  private void leaveFamily(String grantId) {
    Family family = families.get(grantId);
    if (family != null) {
      synchronized (family) {
        if (++family.departed * 2 > family.accessTokens.size()) {
          family.accessTokens.removeIf(h -> !accessTokens.contains(h));
          family.departed = 0;
        }
      }
    }
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
      if (!accessTokens.insert(accessToken, false)) {
        families.remove(grant.grantId(), family);
        throw new IllegalStateException("access token hash already exists");
      }
      if (refreshToken != null
          && refreshTokens.putIfAbsent(refreshToken.tokenHash(), refreshToken) != null) {
        accessTokens.remove(accessToken.tokenHash());
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
      if (refreshToken != null) {
        family.refreshTokens.add(refreshToken.tokenHash());
      }
    }
    accessTokens.sweep(accessToken.tokenHash()); // outside the family's monitor: see the class
    if (grantExpiries.add(grant.grantId(), grant.expiresAt())) {
      Instant now = grantExpiries.now();
      grantExpiries.purge(now, ExpiryQueue.PURGE_BATCH, g -> removeExpiredGrant(g, now));
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here the hash is not looked up at once: its index entry is entered with a batch of others,
   * before any lookup of that part of the table, so the token is found as soon as this returns. A
   * hash found stored then fails closed: the stored token is revoked and this one dropped.
   */
  @Override
  public void saveAccessToken(AccessTokenRecord accessToken) {
    if (accessToken.grantId() != null) {
      throw new IllegalArgumentException(
          "tokens of a grant are stored through createGrant or rotate");
    }
    accessTokens.append(accessToken); // a fresh token: see append for a key found present
  }

  @Override
  public Optional<AccessTokenRecord> findAccessToken(TokenHash tokenHash) {
    return Optional.ofNullable(accessTokens.find(tokenHash));
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
    RotateResult result = rotateInFamily(family, presented, seen, successor, accessToken, now);
    if (result instanceof RotateResult.Rotated) {
      accessTokens.sweep(accessToken.tokenHash()); // outside the family's monitor: see the class
    }
    return result;
  }

  private RotateResult rotateInFamily(
      Family family,
      TokenHash presented,
      RefreshTokenRecord seen,
      RefreshTokenRecord successor,
      AccessTokenRecord accessToken,
      Instant now) {
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
      if (!accessTokens.insert(accessToken, false)) {
        refreshTokens.remove(successor.tokenHash(), successor);
        throw new IllegalStateException("access token hash already exists");
      }
      refreshTokens.put(presented, current.rotated(now, successor.tokenHash()));
      family.refreshTokens.add(successor.tokenHash());
      family.accessTokens.add(accessToken.tokenHash());
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
    return accessTokens.revoke(tokenHash);
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
        accessTokens.revoke(h);
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
    return count + accessTokens.revokeClientCredentials(clientId);
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

  /**
   * {@inheritDoc}
   *
   * <p>Access tokens first, then grants, within the one {@code limit}. Finding expired access
   * tokens examines at most a few thousand records plus 64 per unit of {@code limit} (see {@link
   * AccessTokenTable#purge}); the table also removes them by itself as tokens are written.
   */
  @Override
  public int purgeExpired(Instant before, int limit) {
    int removed = accessTokens.purge(before, limit);
    return removed
        + grantExpiries.purge(
            before, Math.max(0, limit - removed), g -> removeExpiredGrant(g, before));
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

  /**
   * How many access tokens the family's list names (0 for an unknown grant), for tests: at most
   * about twice those it holds, expired ones not yet swept included.
   */
  int accessTokensOfFamily(String grantId) {
    Family family = families.get(grantId);
    if (family == null) {
      return 0;
    }
    synchronized (family) {
      return family.accessTokens.size();
    }
  }

  /** Counts of what is held, for tests and monitoring: grants, access tokens, refresh tokens. */
  public int[] sizes() {
    return new int[] {families.size(), accessTokens.size(), refreshTokens.size()};
  }
}
