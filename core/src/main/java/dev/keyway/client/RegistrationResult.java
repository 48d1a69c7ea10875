package dev.keyway.client;

import dev.keyway.Secret;
import dev.keyway.spi.client.Client;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The outcome of registering an app with {@link ClientRegistry}. */
public sealed interface RegistrationResult {

  /**
   * The app was stored. {@code clientSecret} is the only copy of a confidential app's secret: the
   * store holds just its hash, so show it to the developer now (it cannot be retrieved later, only
   * replaced by {@link ClientRegistry#rotateSecret}).
   *
   * @param client the stored client, with its generated {@code client_id}
   * @param clientSecret the new secret of a confidential app; empty for a public app
   * @param registrationAccessToken the token for RFC 7592 self-management, when one was issued
   *     ({@link ClientRegistry#registerDynamically}); also shown only once
   */
  record Registered(
      Client client, Optional<Secret> clientSecret, Optional<Secret> registrationAccessToken)
      implements RegistrationResult {
    public Registered {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(clientSecret, "clientSecret");
      Objects.requireNonNull(registrationAccessToken, "registrationAccessToken");
    }
  }

  /**
   * The metadata was refused and nothing was stored.
   *
   * @param errors one entry per problem, never empty
   */
  record Rejected(List<FieldError> errors) implements RegistrationResult {
    public Rejected {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("a rejection names at least one field");
      }
    }
  }
}
