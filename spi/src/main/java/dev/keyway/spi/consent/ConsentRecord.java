package dev.keyway.spi.consent;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A remembered consent: this user allowed this client these scopes. A later request for a subset of
 * them skips the consent screen.
 */
public record ConsentRecord(
    String subject, String clientId, Set<String> scopes, Instant grantedAt) {

  public ConsentRecord {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(clientId, "clientId");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(grantedAt, "grantedAt");
  }

  /** True when every requested scope has been consented to. */
  public boolean covers(Set<String> requested) {
    return scopes.containsAll(requested);
  }
}
