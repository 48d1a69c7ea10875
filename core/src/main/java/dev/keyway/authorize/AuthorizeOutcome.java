package dev.keyway.authorize;

import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;
import java.net.URI;
import java.util.Objects;

/**
 * What the host should do next with an authorization request: a small closed set.
 *
 * <ul>
 *   <li>{@link SignInRequired}: nobody is signed in; send the user to sign in, then back.
 *   <li>{@link ConsentRequired}: show the consent page for {@link ConsentPrompt}.
 *   <li>{@link Redirect}: send the user back to the client (with a code or an error).
 *   <li>{@link ShowError}: the client or redirect URI cannot be trusted; show an error page and
 *       never redirect.
 * </ul>
 *
 * <p>Every outcome can render itself as a plain {@link OAuthResponse} for hosts that do not bring
 * their own pages ({@link #toResponse()}).
 */
public sealed interface AuthorizeOutcome {

  /** A default HTTP rendering of this outcome. */
  OAuthResponse toResponse();

  /** Sign-in is needed first; {@code location} is the host's sign-in page with the return path. */
  record SignInRequired(URI location) implements AuthorizeOutcome {
    public SignInRequired {
      Objects.requireNonNull(location, "location");
    }

    @Override
    public OAuthResponse toResponse() {
      return OAuthResponse.redirect(location);
    }
  }

  /** The user must decide; render {@code prompt} and post the decision to {@code decide}. */
  record ConsentRequired(ConsentPrompt prompt) implements AuthorizeOutcome {
    public ConsentRequired {
      Objects.requireNonNull(prompt, "prompt");
    }

    @Override
    public OAuthResponse toResponse() {
      return DefaultPages.consent(prompt);
    }
  }

  /** Send the user agent to {@code location} with a 302 (a code or an error for the client). */
  record Redirect(URI location) implements AuthorizeOutcome {
    public Redirect {
      Objects.requireNonNull(location, "location");
    }

    @Override
    public OAuthResponse toResponse() {
      return OAuthResponse.redirect(location);
    }

    @Override
    public String toString() {
      return "Redirect[...]"; // the location carries the authorization code
    }
  }

  /** An error that must be shown to the user, never sent to an unverified redirect URI. */
  record ShowError(OAuthError error) implements AuthorizeOutcome {
    public ShowError {
      Objects.requireNonNull(error, "error");
    }

    @Override
    public OAuthResponse toResponse() {
      return DefaultPages.error(error);
    }
  }
}
