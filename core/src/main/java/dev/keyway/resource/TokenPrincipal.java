package dev.keyway.resource;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Who a valid access token speaks for, as a resource server sees it.
 *
 * @param subject the resource owner ({@code sub}), or the client id for client credentials
 * @param clientId the client the token was issued to
 * @param scopes the token's scopes
 * @param expiresAt when the token expires
 */
public record TokenPrincipal(
    String subject, String clientId, Set<String> scopes, Instant expiresAt) {

  public TokenPrincipal {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(clientId, "clientId");
    scopes = Set.copyOf(scopes);
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
