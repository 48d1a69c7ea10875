package dev.keyway.grant;

import dev.keyway.Secret;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.token.AccessTokenClaims;
import dev.keyway.token.IssuedToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Mints tokens and the records that will store them, applying the configured lifetimes and the
 * client's overrides. Writes nothing: the grant stores what it minted in one atomic store call, and
 * discards it if that call decides the request lost.
 */
final class TokenMint {

  /** A new access token, its record, and its lifetime in whole seconds for {@code expires_in}. */
  record MintedAccessToken(IssuedToken token, AccessTokenRecord record, long expiresIn) {
    @Override
    public String toString() {
      return "MintedAccessToken[" + record.tokenHash() + "]";
    }
  }

  /** A new refresh token and its record. */
  record MintedRefreshToken(Secret value, RefreshTokenRecord record) {
    @Override
    public String toString() {
      return "MintedRefreshToken[" + record.tokenHash() + "]";
    }
  }

  private final ServerContext ctx;
  private final String issuer;

  TokenMint(ServerContext ctx) {
    this.ctx = ctx;
    this.issuer = ctx.settings().issuerString();
  }

  /**
   * An access token valid for the client's access-token lifetime (its override, else the server's)
   * from {@code now}.
   *
   * @param grantId the family, or {@code null} for a client-credentials token
   */
  MintedAccessToken accessToken(
      Client client,
      String subject,
      String grantId,
      Set<String> scopes,
      Instant authTime,
      Instant now) {
    Duration ttl = client.accessTokenTtlOverride().orElse(ctx.settings().accessTokenTtl());
    Instant expiresAt = now.plus(ttl);
    IssuedToken token =
        ctx.tokenIssuer()
            .issueAccessToken(
                new AccessTokenClaims(
                    issuer, subject, client.clientId(), scopes, now, expiresAt, authTime),
                client);
    return minted(token, grantId, client, subject, scopes, now, expiresAt, ttl);
  }

  /**
   * Like {@link #accessToken}, but the token's identity is {@code tokenId} (refresh grace window);
   * empty when the token issuer cannot mint a token with a given id.
   */
  Optional<MintedAccessToken> accessTokenWithId(
      Client client,
      String subject,
      String grantId,
      Set<String> scopes,
      Instant authTime,
      Instant now,
      String tokenId) {
    Duration ttl = client.accessTokenTtlOverride().orElse(ctx.settings().accessTokenTtl());
    Instant expiresAt = now.plus(ttl);
    AccessTokenClaims claims =
        new AccessTokenClaims(issuer, subject, client.clientId(), scopes, now, expiresAt, authTime);
    return withId(claims, client, tokenId)
        .map(t -> minted(t, grantId, client, subject, scopes, now, expiresAt, ttl));
  }

  /**
   * The access token {@code record} describes, minted again from its id: the same claims (issue and
   * expiry times included) and the same store key. Empty when the token issuer cannot.
   */
  Optional<IssuedToken> reissue(
      Client client, AccessTokenRecord record, Instant authTime, String tokenId) {
    AccessTokenClaims claims =
        new AccessTokenClaims(
            issuer,
            record.subject(),
            record.clientId(),
            record.scopes(),
            record.issuedAt(),
            record.expiresAt(),
            authTime);
    return withId(claims, client, tokenId);
  }

  private Optional<IssuedToken> withId(AccessTokenClaims claims, Client client, String tokenId) {
    Optional<IssuedToken> token = ctx.tokenIssuer().issueAccessTokenWithId(claims, client, tokenId);
    if (token.isPresent() && !token.get().hash().equals(Hashing.tokenHash(tokenId))) {
      throw new IllegalStateException(
          "the token issuer broke its contract: the store key must be the id's hash");
    }
    return token;
  }

  private static MintedAccessToken minted(
      IssuedToken token,
      String grantId,
      Client client,
      String subject,
      Set<String> scopes,
      Instant now,
      Instant expiresAt,
      Duration ttl) {
    AccessTokenRecord record =
        new AccessTokenRecord(
            token.hash(),
            grantId,
            client.clientId(),
            subject,
            scopes,
            now,
            expiresAt,
            AccessTokenState.ACTIVE);
    return new MintedAccessToken(token, record, Math.max(1, ttl.toSeconds()));
  }

  /**
   * A refresh token of family {@code grantId}, valid for the client's refresh-token lifetime from
   * {@code now} but never past {@code familyEnd}: rotation never extends a family.
   */
  MintedRefreshToken refreshToken(
      Client client,
      String subject,
      String grantId,
      Set<String> scopes,
      Instant now,
      Instant familyEnd) {
    return refreshToken(client, subject, grantId, scopes, now, familyEnd, SecureTokens.newToken());
  }

  /** Like the other overload, with a given (derived, equally unguessable) token value. */
  MintedRefreshToken refreshToken(
      Client client,
      String subject,
      String grantId,
      Set<String> scopes,
      Instant now,
      Instant familyEnd,
      String value) {
    Objects.requireNonNull(grantId, "grantId");
    Instant expiresAt = min(now.plus(refreshTtl(client)), familyEnd);
    RefreshTokenRecord record =
        new RefreshTokenRecord(
            Hashing.tokenHash(value),
            grantId,
            client.clientId(),
            subject,
            scopes,
            now,
            expiresAt,
            RefreshTokenState.ACTIVE,
            null,
            null);
    return new MintedRefreshToken(Secret.of(value), record);
  }

  /**
   * The absolute end of a family that starts {@code now}: the server's grant lifetime, or the
   * client's refresh-token lifetime if that is longer, so a per-client override is not cut short by
   * the server-wide default.
   */
  Instant familyEnd(Client client, Instant now) {
    Duration lifetime = ctx.settings().grantMaxLifetime();
    Duration override = client.refreshTokenTtlOverride().orElse(null);
    if (override != null && override.compareTo(lifetime) > 0) {
      lifetime = override;
    }
    return now.plus(lifetime);
  }

  private Duration refreshTtl(Client client) {
    return client.refreshTokenTtlOverride().orElse(ctx.settings().refreshTokenTtl());
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
