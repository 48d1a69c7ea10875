package dev.keyway.demo.web;

import com.github.mustachejava.Mustache;
import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;
import dev.keyway.authorize.ConsentPrompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's HTML pages, rendered from mustache templates ({@code src/main/resources/templates}).
 * Every {@code {{value}}} is HTML-escaped by the template engine; no page is built by string
 * concatenation. Pages are sent with Keyway's {@link OAuthResponse#html} headers: no caching, no
 * framing, no referrer, and a content security policy that allows no script at all.
 */
public final class Pages {

  private static final Map<String, String> SCOPE_WORDS =
      Map.of(
          "profile", "See your user id and your name",
          "read", "Read your data",
          "write", "Create, change and delete your data");

  private final Mustache signIn;
  private final Mustache consent;
  private final Mustache error;
  private final Mustache home;

  /** Compiles every template once; rendering is thread-safe. */
  public Pages() {
    this.signIn = Templates.compile("signin.mustache");
    this.consent = Templates.compile("consent.mustache");
    this.error = Templates.compile("error.mustache");
    this.home = Templates.compile("home.mustache");
  }

  /**
   * The sign-in form.
   *
   * @param status the HTTP status
   * @param csrfToken the session's CSRF token, posted back as {@code csrf_token}
   * @param returnTo the local path to continue with after sign-in
   * @param username the username to prefill, or {@code null}
   * @param errorMessage a message to show above the form, or {@code null}
   */
  public OAuthResponse signIn(
      int status, String csrfToken, String returnTo, String username, String errorMessage) {
    Map<String, Object> model = page("Sign in");
    model.put("csrfToken", csrfToken);
    model.put("returnTo", returnTo);
    model.put("username", username);
    model.put("error", errorMessage);
    return OAuthResponse.html(status, render(signIn, model));
  }

  /** The consent page for Keyway's {@link ConsentPrompt}, posting to {@code /oauth2/authorize}. */
  public OAuthResponse consent(ConsentPrompt prompt, String userName) {
    Map<String, Object> model = page("Authorize " + prompt.clientName());
    model.put("clientName", prompt.clientName());
    model.put("userName", userName);
    model.put("redirectHost", prompt.redirectHost());
    model.put("consentId", prompt.consentId().reveal());
    List<Map<String, String>> scopes = new ArrayList<>();
    for (String scope : prompt.scopes()) {
      scopes.add(Map.of("name", scope, "description", describe(scope)));
    }
    model.put("scopes", scopes);
    return OAuthResponse.html(200, render(consent, model));
  }

  /**
   * The error page for an authorization request that cannot be trusted (unknown client,
   * unregistered redirect URI): shown to the user, never redirected.
   */
  public OAuthResponse authorizationError(OAuthError e) {
    String message =
        e.description() != null ? e.description() : "The application sent an invalid request.";
    return error(
        e.status(), "This authorization request cannot be completed", message, e.code().wireName());
  }

  /** A generic error page. */
  public OAuthResponse error(int status, String heading, String message, String code) {
    Map<String, Object> model = page(heading);
    model.put("heading", heading);
    model.put("message", message);
    model.put("code", code);
    return OAuthResponse.html(status, render(error, model));
  }

  /** 404: no page here (also for an app that is not the signed-in developer's). */
  public OAuthResponse notFound() {
    return error(404, "Page not found", "There is no page at this address.", null);
  }

  /** 405 with {@code Allow}. */
  public OAuthResponse methodNotAllowed(String allow) {
    return error(
            405, "Method not allowed", "This address does not accept that kind of request.", null)
        .withHeader("Allow", allow);
  }

  /**
   * 403 for a form post without the session's CSRF token (or without a session): nothing was done.
   */
  public OAuthResponse formExpired() {
    return error(
        403,
        "This form expired",
        "The form expired or was not sent from this site. Nothing was changed; please try again.",
        null);
  }

  /** The start page. */
  public OAuthResponse home(
      String hostName, String userName, String csrfToken, String authorizeUrl) {
    Map<String, Object> model = Templates.pageWithNav("Start");
    model.put("hostName", hostName);
    model.put("userName", userName);
    model.put("csrfToken", csrfToken);
    model.put("authorizeUrl", authorizeUrl);
    return OAuthResponse.html(200, render(home, model));
  }

  /** A scope in plain words. */
  static String describe(String scope) {
    String words = SCOPE_WORDS.get(scope);
    return words != null ? words : "Use the permission \u201c" + scope + "\u201d";
  }

  private static Map<String, Object> page(String title) {
    return Templates.page(title);
  }

  private static String render(Mustache template, Map<String, Object> model) {
    return Templates.render(template, model);
  }
}
