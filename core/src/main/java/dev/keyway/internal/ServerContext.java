package dev.keyway.internal;

import dev.keyway.ServerSettings;
import dev.keyway.event.SecurityEvent;
import dev.keyway.event.SecurityEventListener;
import dev.keyway.jwk.SigningKeys;
import dev.keyway.spi.client.AssertionReplayStore;
import dev.keyway.spi.client.ClientStore;
import dev.keyway.spi.client.SecretHasher;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.PendingAuthorizationStore;
import dev.keyway.spi.consent.ConsentStore;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.spi.user.UserAuthenticator;
import dev.keyway.token.TokenIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything an endpoint needs, wired once by the builder: settings, clock, stores and
 * collaborators. Not part of the API.
 *
 * <p>{@code signingKeys} is {@code null} when the server signs no JWTs; {@code assertionReplays}
 * remembers used {@code private_key_jwt} assertion ids.
 *
 * @param refreshGraceKey the key of the refresh grace window, or {@code null} when none is
 *     configured (then no client has a grace window)
 */
public record ServerContext(
    ServerSettings settings,
    Clock clock,
    ClientStore clients,
    AuthorizationCodeStore codes,
    PendingAuthorizationStore pendingAuthorizations,
    TokenStore tokens,
    ConsentStore consents,
    UserAuthenticator users,
    SecretHasher secretHasher,
    TokenIssuer tokenIssuer,
    SecurityEventListener events,
    SigningKeys signingKeys,
    AssertionReplayStore assertionReplays,
    RefreshGraceKey refreshGraceKey) {

  private static final Logger LOG = LoggerFactory.getLogger(ServerContext.class);

  public ServerContext {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(codes, "codes");
    Objects.requireNonNull(pendingAuthorizations, "pendingAuthorizations");
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(consents, "consents");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(secretHasher, "secretHasher");
    Objects.requireNonNull(tokenIssuer, "tokenIssuer");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(assertionReplays, "assertionReplays");
    if (settings.refreshGraceWindow().compareTo(Duration.ZERO) > 0 && refreshGraceKey == null) {
      throw new IllegalArgumentException("a refresh grace window needs a refresh grace key");
    }
  }

  /** The refresh grace key, if one is configured. */
  public Optional<RefreshGraceKey> graceKey() {
    return Optional.ofNullable(refreshGraceKey);
  }

  /** The current instant by the configured clock. */
  public Instant now() {
    return clock.instant();
  }

  /** Delivers an event; a failing listener is logged and never breaks the request. */
  public void publish(SecurityEvent event) {
    try {
      events.onEvent(event);
    } catch (RuntimeException e) {
      LOG.error("Security event listener failed on {}", event.getClass().getSimpleName(), e);
    }
  }
}
