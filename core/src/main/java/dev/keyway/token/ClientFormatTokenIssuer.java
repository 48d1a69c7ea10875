package dev.keyway.token;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientStore;
import dev.keyway.spi.token.AccessTokenFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues each client's access tokens in its own format: the client's {@link
 * Client#accessTokenFormat()} when set, otherwise the server's default. Presented tokens are told
 * apart by shape (a JWT has two dots, an opaque token none), so both formats stay valid whatever a
 * client's setting is today. The builder installs this when signing keys are configured.
 */
public final class ClientFormatTokenIssuer implements TokenIssuer {

  private final AccessTokenFormat serverDefault;
  private final TokenIssuer opaque;
  private final TokenIssuer jwt;
  private final ClientStore clients;

  /**
   * @param serverDefault the format of clients that have no override
   * @param opaque issues opaque tokens
   * @param jwt issues JWT access tokens
   * @param clients where clients' overrides are read when the caller does not pass the client
   */
  public ClientFormatTokenIssuer(
      AccessTokenFormat serverDefault, TokenIssuer opaque, TokenIssuer jwt, ClientStore clients) {
    this.serverDefault = Objects.requireNonNull(serverDefault, "serverDefault");
    this.opaque = Objects.requireNonNull(opaque, "opaque");
    this.jwt = Objects.requireNonNull(jwt, "jwt");
    this.clients = Objects.requireNonNull(clients, "clients");
  }

  /**
   * Reads the client's format from the store first; prefer {@link
   * #issueAccessToken(AccessTokenClaims, Client)}.
   */
  @Override
  public IssuedToken issueAccessToken(AccessTokenClaims claims) {
    return issue(
        claims, clients.findById(claims.clientId()).flatMap(Client::accessTokenFormatOverride));
  }

  @Override
  public IssuedToken issueAccessToken(AccessTokenClaims claims, Client client) {
    if (!client.clientId().equals(claims.clientId())) {
      throw new IllegalArgumentException("the claims are for another client");
    }
    return issue(claims, client.accessTokenFormatOverride());
  }

  /** The client's format's token with this id (refresh grace window). */
  @Override
  public Optional<IssuedToken> issueAccessTokenWithId(
      AccessTokenClaims claims, Client client, String tokenId) {
    if (!client.clientId().equals(claims.clientId())) {
      throw new IllegalArgumentException("the claims are for another client");
    }
    return switch (client.accessTokenFormatOverride().orElse(serverDefault)) {
      case JWT -> jwt.issueAccessTokenWithId(claims, client, tokenId);
      case OPAQUE -> opaque.issueAccessTokenWithId(claims, client, tokenId);
    };
  }

  private IssuedToken issue(AccessTokenClaims claims, Optional<AccessTokenFormat> override) {
    return switch (override.orElse(serverDefault)) {
      case JWT -> jwt.issueAccessToken(claims);
      case OPAQUE -> opaque.issueAccessToken(claims);
    };
  }

  @Override
  public Optional<TokenHash> keyOf(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    return presented.indexOf('.') >= 0 ? jwt.keyOf(presented) : opaque.keyOf(presented);
  }

  @Override
  public String toString() {
    return "ClientFormatTokenIssuer[default=" + serverDefault + "]";
  }
}
