package dev.keyway.internal;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds what a presented token value is: an access token or a refresh token of this server, in
 * whatever state. Shared by revocation, introspection and bearer validation. Authorization codes
 * and pending-consent ids are never looked up, so they are never mistaken for tokens (RFC 7662
 * §2.2).
 *
 * <p>A {@code token_type_hint} only orders the lookups; it is never trusted to exclude one (RFC
 * 7009 §2.1, RFC 7662 §2.1: "it MUST extend its search across all of its supported token types").
 */
public final class TokenLookup {

  /** Longest value looked up at all; no token of this server is anywhere near it. */
  public static final int MAX_TOKEN_LENGTH = 8192;

  /** The {@code token_type_hint} values of RFC 7009 §2.1; anything else is {@link #NONE}. */
  public enum Hint {
    ACCESS_TOKEN,
    REFRESH_TOKEN,
    NONE;

    /** Reads a hint; an absent, unknown or invalid value is ignored (RFC 7009 §2.2.1). */
    public static Hint parse(Optional<String> value) {
      if (value.isEmpty()) {
        return NONE;
      }
      return switch (value.get()) {
        case "access_token" -> ACCESS_TOKEN;
        case "refresh_token" -> REFRESH_TOKEN;
        default -> NONE;
      };
    }
  }

  /** A stored token the presented value belongs to. */
  public sealed interface Found {

    /** The client the token was issued to. */
    String clientId();
  }

  /** An access token (any state, possibly expired). */
  public record AccessToken(AccessTokenRecord record) implements Found {
    public AccessToken {
      Objects.requireNonNull(record, "record");
    }

    @Override
    public String clientId() {
      return record.clientId();
    }
  }

  /** A refresh token (any state, possibly expired). */
  public record RefreshToken(RefreshTokenRecord record) implements Found {
    public RefreshToken {
      Objects.requireNonNull(record, "record");
    }

    @Override
    public String clientId() {
      return record.clientId();
    }
  }

  private final ServerContext ctx;

  public TokenLookup(ServerContext ctx) {
    this.ctx = ctx;
  }

  /** The access or refresh token with this value, looked up in the hint's order; empty if none. */
  public Optional<Found> find(String value, Hint hint) {
    Optional<Found> found;
    if (hint == Hint.REFRESH_TOKEN) {
      found = findRefreshToken(value);
      return found.isPresent() ? found : findAccessToken(value);
    }
    found = findAccessToken(value);
    return found.isPresent() ? found : findRefreshToken(value);
  }

  /** The access token with this value in any state, or empty; garbage never reaches the store. */
  public Optional<Found> findAccessToken(String value) {
    if (value.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    Optional<TokenHash> key = ctx.tokenIssuer().keyOf(value);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return ctx.tokens().findAccessToken(key.get()).map(AccessToken::new);
  }

  private Optional<Found> findRefreshToken(String value) {
    if (value.length() > MAX_TOKEN_LENGTH) {
      return Optional.empty();
    }
    return ctx.tokens().findRefreshToken(Hashing.tokenHash(value)).map(RefreshToken::new);
  }

  /** True when the token may be used at {@code now}. */
  public boolean isActive(Found token, Instant now) {
    if (token instanceof AccessToken a) {
      return a.record().isActiveAt(now);
    }
    if (token instanceof RefreshToken r) {
      RefreshTokenRecord record = r.record();
      return record.state() == RefreshTokenState.ACTIVE
          && !record.isExpiredAt(now)
          && liveGrant(record.grantId(), now).isPresent();
    }
    throw new AssertionError(token);
  }

  /** The grant with this id when it is {@code ACTIVE} and not expired at {@code now}. */
  public Optional<GrantRecord> liveGrant(String grantId, Instant now) {
    return ctx.tokens()
        .findGrant(grantId)
        .filter(g -> g.state() == GrantState.ACTIVE && !g.isExpiredAt(now));
  }
}
