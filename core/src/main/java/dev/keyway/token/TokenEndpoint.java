package dev.keyway.token;

import dev.keyway.OAuthResponse;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.OAuthRequest;

/** TODO(bootstrap): being implemented on its own branch. */
public final class TokenEndpoint {

  @SuppressWarnings("UnusedVariable") // bootstrap stub: the token branch replaces this class
  private final ServerContext ctx;

  @SuppressWarnings("exports") // API debt: internal type in a public signature (docs/contributing.md)
  public TokenEndpoint(ServerContext ctx) {
    this.ctx = ctx;
  }

  public OAuthResponse handle(OAuthRequest request) {
    return OAuthResponse.empty(501);
  }
}
