package dev.keyway.demo.web;

import dev.keyway.OAuthResponse;
import dev.keyway.demo.DemoUser;
import dev.keyway.demo.DemoUsers;
import dev.keyway.spi.OAuthRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sign-in form's {@code POST /signin}: checks the session's CSRF token, then the credentials;
 * on success replaces the session with a new, signed-in one and sends the user back where they came
 * from (a local path only).
 */
final class SignInForm {

  /** Shown for any wrong username or password, so the page does not tell which one was wrong. */
  static final String BAD_CREDENTIALS = "Incorrect username or password.";

  /** Shown when the form's CSRF token does not match the session's (or there is no session). */
  static final String EXPIRED_FORM = "Your sign-in form expired. Please sign in again.";

  private final Sessions sessions;
  private final DemoUsers users;
  private final Pages pages;

  SignInForm(Sessions sessions, DemoUsers users, Pages pages) {
    this.sessions = sessions;
    this.users = users;
    this.pages = pages;
  }

  OAuthResponse submit(OAuthRequest request, boolean secure) {
    Forms form = Forms.parse(request.body());
    String returnTo = safeReturnTo(form.single("return_to").orElse("/"));
    Optional<Sessions.Session> session = sessions.find(request);
    if (session.isEmpty() || !session.get().csrfMatches(form.single("csrf_token").orElse(null))) {
      Sessions.Started fresh = sessions.start(null);
      return pages
          .signIn(403, fresh.session().csrfToken(), returnTo, null, EXPIRED_FORM)
          .withHeader(
              "Set-Cookie",
              Cookies.session(Sessions.COOKIE, fresh.id(), Sessions.TTL.toSeconds(), secure));
    }
    String username = form.single("username").orElse(null);
    Optional<DemoUser> user = users.authenticate(username, form.single("password").orElse(null));
    if (user.isEmpty()) {
      return pages.signIn(200, session.get().csrfToken(), returnTo, username, BAD_CREDENTIALS);
    }
    sessions.end(request);
    Sessions.Started signedIn = sessions.start(user.get().id());
    return seeOther(returnTo)
        .withHeader(
            "Set-Cookie",
            Cookies.session(Sessions.COOKIE, signedIn.id(), Sessions.TTL.toSeconds(), secure));
  }

  /**
   * {@code returnTo} when it is a path on this site ({@code /...}, not {@code //host} nor {@code
   * /\host}, printable ASCII only); otherwise {@code /}. Stops the sign-in page from being used as
   * an open redirector.
   */
  static String safeReturnTo(String returnTo) {
    if (returnTo == null
        || !returnTo.startsWith("/")
        || returnTo.startsWith("//")
        || returnTo.startsWith("/\\")
        || returnTo.length() > 4096) {
      return "/";
    }
    for (int i = 0; i < returnTo.length(); i++) {
      char c = returnTo.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '\\') {
        return "/";
      }
    }
    return returnTo;
  }

  /** A {@code 303 See Other} to a local path: the browser follows it with a GET. */
  static OAuthResponse seeOther(String location) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Location", location);
    headers.put("Cache-Control", "no-store");
    headers.put("Referrer-Policy", "no-referrer");
    return new OAuthResponse(303, headers, "");
  }
}
