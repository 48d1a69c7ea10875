package dev.keyway.grant;

import dev.keyway.internal.ServerContext;
import dev.keyway.spi.GrantType;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Wires the grants the token endpoint dispatches to. Not part of the API. */
public final class Grants {

  private Grants() {}

  /** One {@link Grant} per supported {@link GrantType}, sharing one server context. */
  public static Map<GrantType, Grant> create(ServerContext ctx) {
    TokenMint mint = new TokenMint(ctx);
    Map<GrantType, Grant> grants = new EnumMap<>(GrantType.class);
    grants.put(GrantType.AUTHORIZATION_CODE, new AuthorizationCodeGrant(ctx, mint));
    grants.put(GrantType.REFRESH_TOKEN, new RefreshTokenGrant(ctx, mint));
    grants.put(GrantType.CLIENT_CREDENTIALS, new ClientCredentialsGrant(ctx, mint));
    return Collections.unmodifiableMap(grants);
  }
}
