package dev.keyway.store.memory;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.code.RedeemResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A thread-safe {@link AuthorizationCodeStore} in memory. {@link #redeem} and {@link #markReplayed}
 * are atomic per code ({@link ConcurrentHashMap#computeIfPresent}). Codes are purged automatically
 * ten minutes after they expire, so a late replay is still recognised as one.
 */
public final class InMemoryAuthorizationCodeStore implements AuthorizationCodeStore {

  /** How long an expired code is kept so that a replay is still detected. */
  static final Duration RETENTION = Duration.ofMinutes(10);

  private final ConcurrentHashMap<TokenHash, AuthorizationCodeRecord> codes =
      new ConcurrentHashMap<>();
  private final ExpiryQueue<TokenHash> expiries;

  /**
   * @param clock the same clock the server uses; automatic purging measures time by it
   */
  public InMemoryAuthorizationCodeStore(Clock clock) {
    this.expiries = new ExpiryQueue<>(clock);
  }

  @Override
  public void save(AuthorizationCodeRecord code) {
    if (codes.putIfAbsent(code.codeHash(), code) != null) {
      // Overwriting would reset a redeemed code to ISSUED.
      throw new IllegalStateException("a code with this hash already exists");
    }
    if (expiries.add(code.codeHash(), code.expiresAt())) {
      purgeExpired(expiries.now().minus(RETENTION), ExpiryQueue.PURGE_BATCH);
    }
  }

  @Override
  public Optional<AuthorizationCodeRecord> find(TokenHash codeHash) {
    return Optional.ofNullable(codes.get(codeHash));
  }

  @Override
  public RedeemResult redeem(TokenHash codeHash, Instant now) {
    AtomicReference<RedeemResult> result = new AtomicReference<>(new RedeemResult.Unknown());
    codes.computeIfPresent(
        codeHash,
        (hash, code) -> {
          if (code.state() != CodeState.ISSUED) {
            result.set(new RedeemResult.AlreadyRedeemed(code));
            return code;
          }
          if (code.isExpiredAt(now)) {
            result.set(new RedeemResult.Expired(code));
            return code;
          }
          AuthorizationCodeRecord redeemed = code.withState(CodeState.REDEEMED);
          result.set(new RedeemResult.Redeemed(redeemed));
          return redeemed;
        });
    return result.get();
  }

  @Override
  public boolean markReplayed(TokenHash codeHash) {
    boolean[] changed = {false};
    codes.computeIfPresent(
        codeHash,
        (hash, code) -> {
          if (code.state() != CodeState.REDEEMED) {
            return code;
          }
          changed[0] = true;
          return code.withState(CodeState.REPLAYED);
        });
    return changed[0];
  }

  @Override
  public int purgeExpired(Instant before, int limit) {
    return expiries.purge(
        before,
        limit,
        hash -> {
          AuthorizationCodeRecord code = codes.get(hash);
          return code != null && code.expiresAt().isBefore(before) && codes.remove(hash, code);
        });
  }

  /** How many codes are held (for tests and monitoring). */
  public int size() {
    return codes.size();
  }
}
