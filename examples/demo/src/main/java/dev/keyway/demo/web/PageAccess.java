package dev.keyway.demo.web;

import dev.keyway.OAuthResponse;
import dev.keyway.demo.DemoUser;
import dev.keyway.demo.DemoUsers;
import dev.keyway.spi.OAuthRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gate in front of the pages only a signed-in user may use (authorized apps, developer
 * settings): who is signed in, and, for a form post, whether it carries the session's CSRF token.
 */
final class PageAccess {

  /**
   * A signed-in user on one request.
   *
   * @param user the user
   * @param session their session (its CSRF token goes into the page's forms)
   */
  record SignedIn(DemoUser user, Sessions.Session session) {
    SignedIn {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(session, "session");
    }

    /** The user's id: the subject of their tokens and the owner of their apps. */
    String userId() {
      return user.id();
    }

    /** The token every form of the page posts back as {@code csrf_token}. */
    String csrfToken() {
      return session.csrfToken();
    }
  }

  private final Sessions sessions;
  private final DemoUsers users;
  private final Pages pages;

  PageAccess(Sessions sessions, DemoUsers users, Pages pages) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.users = Objects.requireNonNull(users, "users");
    this.pages = Objects.requireNonNull(pages, "pages");
  }

  /**
   * A page (GET): {@code show} for the signed-in user; anyone else gets a {@code 303} to the
   * sign-in page, which comes back to this page afterwards.
   */
  OAuthResponse page(OAuthRequest request, Function<SignedIn, OAuthResponse> show) {
    Optional<SignedIn> who = signedIn(request);
    if (who.isPresent()) {
      return show.apply(who.get());
    }
    String here = request.path() + request.rawQuery().map(q -> "?" + q).orElse("");
    String returnTo = SignInForm.safeReturnTo(here);
    return SignInForm.seeOther(
        "/signin?return_to=" + URLEncoder.encode(returnTo, StandardCharsets.UTF_8));
  }

  /**
   * A form post: {@code act} for the signed-in user when the form's {@code csrf_token} is their
   * session's; otherwise {@code 403} and {@code act} never runs (no session, signed out, another
   * site's form, a form from an earlier session).
   */
  OAuthResponse post(OAuthRequest request, Forms form, Function<SignedIn, OAuthResponse> act) {
    Optional<SignedIn> who = signedIn(request);
    if (who.isEmpty() || !who.get().session().csrfMatches(form.single("csrf_token").orElse(null))) {
      return pages.formExpired();
    }
    return act.apply(who.get());
  }

  private Optional<SignedIn> signedIn(OAuthRequest request) {
    return sessions
        .find(request)
        .filter(s -> s.userId() != null)
        .flatMap(s -> users.byId(s.userId()).map(u -> new SignedIn(u, s)));
  }
}
