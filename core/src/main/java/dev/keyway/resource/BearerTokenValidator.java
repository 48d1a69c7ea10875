package dev.keyway.resource;

import dev.keyway.OAuthResponse;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.OAuthRequest;
import java.util.Set;

/** TODO(bootstrap): being implemented on its own branch. */
public final class BearerTokenValidator {

  private final ServerContext ctx;

  public BearerTokenValidator(ServerContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Validates the request's bearer token against the required scopes.
   *
   * @param request the resource request (its {@code Authorization} header)
   * @param requiredScopes every scope the route needs
   */
  public BearerResult validate(OAuthRequest request, Set<String> requiredScopes) {
    return new BearerResult.Rejected(OAuthResponse.empty(401));
  }
}
