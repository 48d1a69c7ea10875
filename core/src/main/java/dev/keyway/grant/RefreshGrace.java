package dev.keyway.grant;

import dev.keyway.Secret;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.RefreshGraceKey;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.token.IssuedToken;
import dev.keyway.token.TokenResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refresh grace window: for a short time after a rotation, the client a refresh token was
 * issued to may present it again and gets the same successor pair as the first use. A lost response
 * or two refreshes sent in parallel then do not revoke the family, and no second successor ever
 * exists.
 *
 * <p>Nothing is stored to make this possible. When the window applies, a rotation does not draw the
 * successor refresh token and the access token at random: it derives both from the presented token
 * with the server's {@link RefreshGraceKey}. A retry derives them again and proves they are the
 * stored ones by hash ({@code successorHash} of the rotated record, the access token's store key),
 * so every instance that shares the key and the store gives the same answer. Whatever cannot be
 * proven this way is treated as reuse (fail closed).
 */
final class RefreshGrace {

  private static final Logger LOG = LoggerFactory.getLogger(RefreshGrace.class);

  /** The values a rotation of one presented token derives. Never printed. */
  record Derived(String refreshToken, String accessTokenId) {
    @Override
    public String toString() {
      return "Derived[redacted]";
    }
  }

  /** What a rotated refresh token presented again by its own client gets. */
  sealed interface Retry {

    /** Inside the window: the first use's pair again. */
    record Answer(TokenResponse response) implements Retry {}

    /** Reuse (RFC 9700 §4.14.2): the family must be revoked. */
    record Reuse(String reason) implements Retry {}

    /**
     * {@code invalid_grant}; nothing changes (the family is revoked or ended, or the retry
     * differs).
     */
    record Refuse(String reason) implements Retry {}
  }

  private final ServerContext ctx;
  private final TokenMint mint;
  private final AtomicBoolean warnedNoKey = new AtomicBoolean();
  private final AtomicBoolean warnedIssuer = new AtomicBoolean();

  RefreshGrace(ServerContext ctx, TokenMint mint) {
    this.ctx = ctx;
    this.mint = mint;
  }

  /**
   * The window of this client: its own override, else the server's for a confidential client and
   * none for a public one; none at all without a grace key.
   */
  Duration windowFor(Client client) {
    Duration serverWindow = client.isPublic() ? Duration.ZERO : ctx.settings().refreshGraceWindow();
    Duration window = client.refreshGraceWindowOverride().orElse(serverWindow);
    if (window.isZero()) {
      return Duration.ZERO;
    }
    if (ctx.graceKey().isEmpty()) {
      if (warnedNoKey.compareAndSet(false, true)) {
        LOG.warn(
            "Client {} has a refresh grace window but the server has no refreshGraceKey: the window is"
                + " ignored and reuse revokes the family",
            client.clientId());
      }
      return Duration.ZERO;
    }
    return window;
  }

  /**
   * The successor and access-token id a rotation of {@code presented} uses, when the window
   * applies.
   */
  Optional<Derived> derive(Client client, String presented) {
    if (windowFor(client).isZero()) {
      return Optional.empty();
    }
    RefreshGraceKey key = ctx.graceKey().orElseThrow();
    return Optional.of(
        new Derived(key.successorRefreshToken(presented), key.accessTokenId(presented)));
  }

  /**
   * The access token of a rotation whose identity is the derived id; empty (and a warning, once)
   * when the token issuer cannot mint one, and then retries of this rotation will be reuse.
   */
  Optional<TokenMint.MintedAccessToken> accessToken(
      Client client,
      RefreshTokenRecord token,
      Set<String> scopes,
      Instant authTime,
      Instant now,
      Derived derived) {
    Optional<TokenMint.MintedAccessToken> minted =
        mint.accessTokenWithId(
            client,
            token.subject(),
            token.grantId(),
            scopes,
            authTime,
            now,
            derived.accessTokenId());
    if (minted.isEmpty() && warnedIssuer.compareAndSet(false, true)) {
      LOG.warn(
          "The token issuer cannot mint an access token with a given id: inside the refresh grace window"
              + " a retried refresh is treated as reuse");
    }
    return minted;
  }

  /**
   * Decides a rotated token presented again by the client it was issued to (the binding and the
   * scope were checked by the caller).
   *
   * @param accessScopes the scope this request asks for (the token's full scope when omitted)
   */
  Retry retry(
      Client client,
      String presented,
      RefreshTokenRecord rotated,
      Set<String> accessScopes,
      Instant now) {
    Duration window = windowFor(client);
    if (window.isZero()) {
      return new Retry.Reuse("no grace window");
    }
    if (rotated.rotatedAt() == null || rotated.successorHash() == null) {
      return new Retry.Reuse("rotation not recorded");
    }
    if (!now.isBefore(rotated.rotatedAt().plus(window))) {
      return new Retry.Reuse("presented after the grace window");
    }
    Derived derived = derive(client, presented).orElseThrow();
    if (!Hashing.constantTimeEquals(
        Hashing.tokenHash(derived.refreshToken()).value(), rotated.successorHash().value())) {
      // Rotated while this client had no window, or with another key: the pair cannot be rebuilt.
      return new Retry.Reuse("successor not derived with the grace key");
    }
    Optional<RefreshTokenRecord> successor = ctx.tokens().findRefreshToken(rotated.successorHash());
    if (successor.isEmpty()) {
      return new Retry.Refuse("successor purged");
    }
    if (successor.get().state() == RefreshTokenState.ROTATED) {
      // The successor was used: whoever presents its predecessor now is not retrying a lost answer.
      return new Retry.Reuse("the successor has been rotated");
    }
    if (successor.get().state() == RefreshTokenState.REVOKED || successor.get().isExpiredAt(now)) {
      return new Retry.Refuse("successor revoked or expired");
    }
    Optional<GrantRecord> grant = ctx.tokens().findGrant(rotated.grantId());
    if (grant.isEmpty()
        || grant.get().state() == GrantState.REVOKED
        || grant.get().isExpiredAt(now)) {
      return new Retry.Refuse("grant revoked, expired or purged");
    }
    Optional<AccessTokenRecord> access =
        ctx.tokens().findAccessToken(Hashing.tokenHash(derived.accessTokenId()));
    if (access.isEmpty() || !rotated.grantId().equals(access.get().grantId())) {
      return new Retry.Reuse("the access token was not derived with the grace key");
    }
    if (!access.get().isActiveAt(now)) {
      return new Retry.Refuse("the access token was revoked or has expired");
    }
    if (!access.get().scopes().equals(accessScopes)) {
      return new Retry.Refuse("a retry asked for another scope than the first use");
    }
    Optional<IssuedToken> token =
        mint.reissue(client, access.get(), grant.get().authTime(), derived.accessTokenId());
    if (token.isEmpty()) {
      return new Retry.Reuse("the token issuer cannot reproduce the access token");
    }
    long expiresIn = Math.max(1, Duration.between(now, access.get().expiresAt()).toSeconds());
    return new Retry.Answer(
        new TokenResponse(
            token.get().value(),
            expiresIn,
            Secret.of(derived.refreshToken()),
            access.get().scopes()));
  }
}
