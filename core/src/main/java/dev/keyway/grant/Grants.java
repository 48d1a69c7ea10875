package dev.keyway.grant;

import dev.keyway.internal.ServerContext;
import dev.keyway.spi.GrantType;

/**
 * The grants the token endpoint dispatches to, one per {@link GrantType}, sharing one server
 * context. Immutable. Not part of the API.
 */
public final class Grants {

  private final Grant authorizationCode;
  private final Grant refreshToken;
  private final Grant clientCredentials;

  private Grants(ServerContext ctx) {
    TokenMint mint = new TokenMint(ctx);
    this.authorizationCode = new AuthorizationCodeGrant(ctx, mint);
    this.refreshToken = new RefreshTokenGrant(ctx, mint);
    this.clientCredentials = new ClientCredentialsGrant(ctx, mint);
  }

  /** Wires every grant to {@code ctx}. */
  public static Grants create(ServerContext ctx) {
    return new Grants(ctx);
  }

  /**
   * The grant of this type; never {@code null}. The switch is exhaustive: a grant type added to the
   * SPI without its grant here does not compile.
   */
  public Grant of(GrantType type) {
    return switch (type) {
      case AUTHORIZATION_CODE -> authorizationCode;
      case REFRESH_TOKEN -> refreshToken;
      case CLIENT_CREDENTIALS -> clientCredentials;
    };
  }
}
