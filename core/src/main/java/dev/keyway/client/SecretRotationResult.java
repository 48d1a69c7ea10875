package dev.keyway.client;

import dev.keyway.Secret;
import dev.keyway.spi.client.Client;
import java.util.Objects;

/** The outcome of {@link ClientRegistry#rotateSecret}. */
public sealed interface SecretRotationResult {

  /**
   * A new secret was added. Earlier secrets keep working until the expiry the caller chose (or
   * their own earlier one); several may be active at once.
   *
   * @param client the stored client, with every active secret's hash and expiry
   * @param clientSecret the only copy of the new secret: show it now
   */
  record Rotated(Client client, Secret clientSecret) implements SecretRotationResult {
    public Rotated {
      Objects.requireNonNull(client, "client");
      Objects.requireNonNull(clientSecret, "clientSecret");
    }
  }

  /**
   * The client already has {@link ClientRegistry#MAX_ACTIVE_SECRETS} usable secrets; nothing
   * changed. Rotate with an earlier expiry for the old secrets, or retire them first.
   */
  record TooManySecrets(int max) implements SecretRotationResult {}

  /** The client is public and has no secret to rotate; nothing changed. */
  record NotConfidential() implements SecretRotationResult {}

  /** No client has this id. */
  record NotFound() implements SecretRotationResult {}
}
