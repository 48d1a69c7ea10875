package dev.keyway.grant;

import dev.keyway.OAuthError;
import dev.keyway.token.TokenResponse;
import java.util.Objects;

/** What a {@link Grant} decided: tokens were issued, or the request was refused. */
public sealed interface GrantOutcome {

  /** Tokens were issued and stored; send {@code response} (RFC 6749 §5.1). */
  record Issued(TokenResponse response) implements GrantOutcome {
    public Issued {
      Objects.requireNonNull(response, "response");
    }
  }

  /** The request was refused and nothing was issued; send {@code error} (RFC 6749 §5.2). */
  record Refused(OAuthError error) implements GrantOutcome {
    public Refused {
      Objects.requireNonNull(error, "error");
    }
  }
}
