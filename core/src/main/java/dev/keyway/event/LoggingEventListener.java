package dev.keyway.event;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default listener: logs every event through slf4j (logger {@code dev.keyway.security}). Reuse
 * and replay, which mean a token was stolen or a client is broken, are warnings; failed client
 * authentication, revocation and refresh retries inside the grace window are info; routine issuance
 * and consent are debug.
 */
public final class LoggingEventListener implements SecurityEventListener {

  private static final Logger LOG = LoggerFactory.getLogger("dev.keyway.security");

  /** A listener that logs to {@code dev.keyway.security}. */
  public LoggingEventListener() {}

  @Override
  public void onEvent(SecurityEvent event) {
    if (event instanceof SecurityEvent.RefreshTokenReuseDetected
        || event instanceof SecurityEvent.CodeReplayDetected) {
      LOG.warn("{}", event);
    } else if (event instanceof SecurityEvent.ClientAuthenticationFailed
        || event instanceof SecurityEvent.Revoked
        || event instanceof SecurityEvent.RefreshTokenRetried) {
      LOG.info("{}", event);
    } else {
      LOG.debug("{}", event);
    }
  }
}
