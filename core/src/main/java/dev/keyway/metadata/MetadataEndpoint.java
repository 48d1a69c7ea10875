package dev.keyway.metadata;

import dev.keyway.OAuthResponse;
import dev.keyway.internal.ServerContext;

/** TODO(bootstrap): being implemented on its own branch. */
public final class MetadataEndpoint {

  private final ServerContext ctx;

  public MetadataEndpoint(ServerContext ctx) {
    this.ctx = ctx;
  }

  public OAuthResponse handle() {
    return OAuthResponse.empty(501);
  }
}
