package dev.keyway.grant;

import dev.keyway.internal.Parameters;
import dev.keyway.spi.client.Client;

/**
 * One grant type of the token endpoint (RFC 6749 §4.1.3, §4.4.2, §6). The endpoint has already
 * checked the request's form, authenticated the client and made sure the client may use this grant
 * type; a grant only validates its own parameters, performs its state transition through the stores
 * and mints the tokens.
 *
 * <p>Implementations are small final classes, thread-safe and stateless per request. Not part of
 * the API: hosts reach grants only through {@code AuthorizationServer.token}.
 */
public interface Grant {

  /**
   * Exchanges the request for tokens, or refuses it. Never throws for a protocol error; a store
   * failure propagates as a {@link RuntimeException} for the endpoint to turn into {@code
   * server_error}.
   *
   * @param client the authenticated (or, for a public client, identified) client
   * @param params the decoded form parameters, none repeated
   */
  GrantOutcome exchange(Client client, Parameters params);
}
