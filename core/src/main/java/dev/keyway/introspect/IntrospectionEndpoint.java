package dev.keyway.introspect;

import dev.keyway.OAuthResponse;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.OAuthRequest;

/** TODO(bootstrap): being implemented on its own branch. */
public final class IntrospectionEndpoint {

  private final ServerContext ctx;

  public IntrospectionEndpoint(ServerContext ctx) {
    this.ctx = ctx;
  }

  public OAuthResponse handle(OAuthRequest request) {
    return OAuthResponse.empty(501);
  }
}
