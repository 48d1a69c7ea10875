package dev.keyway.resource;

import dev.keyway.OAuthResponse;
import java.util.Objects;

/** The outcome of validating a bearer token for a protected resource (RFC 6750). */
public sealed interface BearerResult {

  /** The token is active and carries every required scope. */
  record Valid(TokenPrincipal principal) implements BearerResult {
    public Valid {
      Objects.requireNonNull(principal, "principal");
    }
  }

  /**
   * The request must be refused with {@code response}: 401 with a {@code WWW-Authenticate: Bearer}
   * challenge, 403 {@code insufficient_scope}, or 400 {@code invalid_request} (RFC 6750 §3).
   */
  record Rejected(OAuthResponse response) implements BearerResult {
    public Rejected {
      Objects.requireNonNull(response, "response");
    }
  }
}
