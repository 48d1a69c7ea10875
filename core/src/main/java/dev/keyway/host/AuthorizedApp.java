package dev.keyway.host;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One app (client) a user has authorized, as an "authorized apps" page shows it.
 *
 * @param clientId the client
 * @param displayName its name for users (the client id when the client no longer exists)
 * @param scopes every scope the user granted it: of its live grants and its remembered consent
 * @param activeGrants how many live grants (token families) the app holds for this user
 * @param firstUsedAt when the user first authorized it, as far as what is stored tells
 * @param lastUsedAt the last issuance or refresh of a token, or the consent if none since
 */
public record AuthorizedApp(
    String clientId,
    String displayName,
    Set<String> scopes,
    int activeGrants,
    Instant firstUsedAt,
    Instant lastUsedAt) {

  public AuthorizedApp {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(displayName, "displayName");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(firstUsedAt, "firstUsedAt");
    Objects.requireNonNull(lastUsedAt, "lastUsedAt");
  }
}
