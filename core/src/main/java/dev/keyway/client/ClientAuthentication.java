package dev.keyway.client;

import dev.keyway.OAuthError;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import java.util.Objects;

/** The outcome of authenticating the client of a token, revocation or introspection request. */
public sealed interface ClientAuthentication {

  /** The client proved its identity (or, for a public client, identified itself) this way. */
  record Authenticated(Client client, ClientAuthMethod method) implements ClientAuthentication {
    public Authenticated {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(method, "method");
    }
  }

  /**
   * Authentication failed or was malformed: {@code invalid_client} (401, with a Basic challenge
   * when Basic was tried) or {@code invalid_request} (two methods at once). The description never
   * says which part was wrong.
   */
  record Failed(OAuthError error) implements ClientAuthentication {
    public Failed {
      Objects.requireNonNull(error, "error");
    }
  }
}
