package dev.keyway.spi.code;

import dev.keyway.spi.TokenHash;
import java.time.Instant;
import java.util.Optional;

/**
 * Holds {@link PendingAuthorization authorization requests awaiting consent}. Thread-safe; safe
 * when several servers share it. Entries have a short lifetime and are purged, so abandoned
 * requests cannot exhaust memory or a table.
 */
public interface PendingAuthorizationStore {

  /** Stores a pending request. */
  void save(PendingAuthorization pending);

  /** The pending request with this id hash if it exists and {@code now} is before its expiry. */
  Optional<PendingAuthorization> find(TokenHash idHash, Instant now);

  /**
   * Atomically removes and returns the pending request if it exists and has not expired. Of any
   * number of concurrent calls for one id, at most one receives it (a JDBC store: {@code DELETE ...
   * WHERE id_hash = ? AND expires_at > ?} checked by row count, after reading the row).
   */
  Optional<PendingAuthorization> take(TokenHash idHash, Instant now);

  /**
   * Removes at most {@code limit} entries that expired before {@code before}; returns the count.
   */
  int purgeExpired(Instant before, int limit);
}
