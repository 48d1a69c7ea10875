package dev.keyway.client;

import dev.keyway.Secret;
import dev.keyway.spi.client.Client;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The outcome of changing an app's metadata with {@link ClientRegistry#update}. */
public sealed interface UpdateResult {

  /**
   * The new metadata was stored. Secrets are never changed by an update.
   *
   * @param client the stored client
   * @param registrationAccessToken the replacement registration access token, when the update came
   *     through RFC 7592 ({@link ClientRegistry#updateDynamically}); the old one no longer works
   */
  record Updated(Client client, Optional<Secret> registrationAccessToken) implements UpdateResult {
    public Updated {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(registrationAccessToken, "registrationAccessToken");
    }
  }

  /**
   * The metadata was refused and nothing changed.
   *
   * @param errors one entry per problem, never empty
   */
  record Rejected(List<FieldError> errors) implements UpdateResult {
    public Rejected {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("a rejection names at least one field");
      }
    }
  }

  /** No client has this id. */
  record NotFound() implements UpdateResult {}
}
