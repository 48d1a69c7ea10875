package dev.keyway.revoke;

import dev.keyway.OAuthResponse;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.OAuthRequest;

/** TODO(bootstrap): being implemented on its own branch. */
public final class RevocationEndpoint {

  private final ServerContext ctx;

  public RevocationEndpoint(ServerContext ctx) {
    this.ctx = ctx;
  }

  public OAuthResponse handle(OAuthRequest request) {
    return OAuthResponse.empty(501);
  }
}
