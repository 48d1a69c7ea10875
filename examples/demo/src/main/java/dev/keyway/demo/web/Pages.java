package dev.keyway.demo.web;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;
import dev.keyway.authorize.ConsentPrompt;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
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
    MustacheFactory factory = new DefaultMustacheFactory("templates");
    this.signIn = factory.compile("signin.mustache");
    this.consent = factory.compile("consent.mustache");
    this.error = factory.compile("error.mustache");
    this.home = factory.compile("home.mustache");
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
    return error(e.status(), "This authorization request cannot be completed", message, e.code().wireName());
  }

  /** A generic error page. */
  public OAuthResponse error(int status, String heading, String message, String code) {
    Map<String, Object> model = page(heading);
    model.put("heading", heading);
    model.put("message", message);
    model.put("code", code);
    return OAuthResponse.html(status, render(error, model));
  }

  /** The start page. */
  public OAuthResponse home(String hostName, String userName, String csrfToken, String authorizeUrl) {
    Map<String, Object> model = page("Start");
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
    Map<String, Object> model = new HashMap<>();
    model.put("title", title);
    return model;
  }

  private static String render(Mustache template, Map<String, Object> model) {
    StringWriter out = new StringWriter();
    try {
      template.execute(out, model).flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
