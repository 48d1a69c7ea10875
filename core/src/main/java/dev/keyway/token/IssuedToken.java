package dev.keyway.token;

import dev.keyway.Secret;
import dev.keyway.spi.TokenHash;
import java.util.Objects;

/**
 * A newly minted token: the value for the client (wrapped, never printed) and the hash under which
 * the store keeps its state.
 */
public record IssuedToken(Secret value, TokenHash hash) {

  public IssuedToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(hash, "hash");
  }
}
