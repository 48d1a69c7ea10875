package dev.keyway.token;

import dev.keyway.OAuthResponse;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.OAuthRequest;

/** TODO(bootstrap): being implemented on its own branch. */
public final class TokenEndpoint {

  private final ServerContext ctx;

  public TokenEndpoint(ServerContext ctx) {
    this.ctx = ctx;
  }

  public OAuthResponse handle(OAuthRequest request) {
    return OAuthResponse.empty(501);
  }
}
