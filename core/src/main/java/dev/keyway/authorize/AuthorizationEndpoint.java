package dev.keyway.authorize;

import dev.keyway.OAuthError;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.OAuthRequest;

/** TODO(bootstrap): being implemented on its own branch. */
public final class AuthorizationEndpoint {

  private final ServerContext ctx;

  public AuthorizationEndpoint(ServerContext ctx) {
    this.ctx = ctx;
  }

  public AuthorizeOutcome authorize(OAuthRequest request) {
    return new AuthorizeOutcome.ShowError(OAuthError.serverError());
  }

  public AuthorizeOutcome decide(OAuthRequest request) {
    return new AuthorizeOutcome.ShowError(OAuthError.serverError());
  }
}
