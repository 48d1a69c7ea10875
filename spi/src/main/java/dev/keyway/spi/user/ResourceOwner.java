package dev.keyway.spi.user;

import java.time.Instant;
import java.util.Objects;

/**
 * The signed-in user, as the host knows them.
 *
 * @param subject a stable, unique, never reassigned identifier (becomes the token's {@code sub})
 * @param displayName a name to show on pages, or {@code null}
 * @param authTime when the user authenticated, or {@code null} if unknown
 */
public record ResourceOwner(String subject, String displayName, Instant authTime) {

  public ResourceOwner {
    Objects.requireNonNull(subject, "subject");
    if (subject.isEmpty()) {
      throw new IllegalArgumentException("subject must not be empty");
    }
  }
}
