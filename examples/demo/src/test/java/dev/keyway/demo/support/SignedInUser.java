package dev.keyway.demo.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A person signed in to the demo over HTTP, for the account and developer pages: keeps the session
 * cookie, knows the session's CSRF token and posts it with every form.
 */
public final class SignedInUser {

  private static final Pattern SECRET_FIELD =
      Pattern.compile("id=\"client-secret\" value=\"([^\"]*)\"");

  /**
   * An app just created through the developer pages.
   *
   * @param clientId its client id
   * @param secret its secret as the page showed it once; null for a public app
   * @param page the app's page as first shown (with the secret)
   */
  public record CreatedApp(String clientId, String secret, HttpResponse<String> page) {
    @Override
    public String toString() {
      return "CreatedApp[" + clientId + "]";
    }
  }

  private final URI base;
  private final HttpUserAgent agent;
  private final String csrf;

  private SignedInUser(URI base, HttpUserAgent agent, String csrf) {
    this.base = base;
    this.agent = agent;
    this.csrf = csrf;
  }

  /**
   * Signs in through the sign-in form and reads the new session's CSRF token off the start page.
   */
  public static SignedInUser signIn(URI base, String username, String password) {
    HttpUserAgent agent = new HttpUserAgent();
    return new SignedInUser(base, agent, signInWith(agent, base, username, password));
  }

  /** A user agent that is already signed in (for example by {@link OAuthFlow#authorize}). */
  public static SignedInUser of(URI base, HttpUserAgent agent) {
    HttpResponse<String> home = agent.get(base.resolve("/"));
    return new SignedInUser(base, agent, HttpUserAgent.hiddenField(home.body(), "csrf_token"));
  }

  private static String signInWith(
      HttpUserAgent agent, URI base, String username, String password) {
    HttpResponse<String> page = agent.get(base.resolve("/signin"));
    HttpResponse<String> r =
        agent.postForm(
            base.resolve("/signin"),
            Query.form(
                "csrf_token",
                HttpUserAgent.hiddenField(page.body(), "csrf_token"),
                "return_to",
                "/",
                "username",
                username,
                "password",
                password));
    assertThat(r.statusCode()).as("sign-in as %s", username).isEqualTo(303);
    return HttpUserAgent.hiddenField(agent.get(base.resolve("/")).body(), "csrf_token");
  }

  public HttpUserAgent agent() {
    return agent;
  }

  /** The session's CSRF token. */
  public String csrf() {
    return csrf;
  }

  public HttpResponse<String> get(String pathAndQuery) {
    return agent.get(base.resolve(pathAndQuery));
  }

  /** Posts a form with the session's CSRF token first, then the given name/value pairs. */
  public HttpResponse<String> post(String path, String... namesAndValues) {
    String[] all = new String[namesAndValues.length + 2];
    all[0] = "csrf_token";
    all[1] = csrf;
    System.arraycopy(namesAndValues, 0, all, 2, namesAndValues.length);
    return postRaw(path, Query.form(all));
  }

  /** Posts exactly {@code form}, without adding the CSRF token. */
  public HttpResponse<String> postRaw(String path, String form) {
    return agent.postForm(base.resolve(path), form);
  }

  /**
   * Creates an app through {@code POST /developer/apps}, follows the redirect to its page and reads
   * the secret shown there.
   */
  public CreatedApp createApp(String name, String redirectUris, String type, String... scopes) {
    List<String> fields =
        new ArrayList<>(List.of("client_name", name, "redirect_uris", redirectUris, "type", type));
    for (String scope : scopes) {
      fields.add("scope");
      fields.add(scope);
    }
    HttpResponse<String> created = post("/developer/apps", fields.toArray(String[]::new));
    assertThat(created.statusCode()).as("app created").isEqualTo(303);
    String location = created.headers().firstValue("Location").orElseThrow();
    Matcher id = Pattern.compile("^/developer/apps/([^/?]+)\\?notice=created$").matcher(location);
    assertThat(id.matches()).as("redirect to the app's page: %s", location).isTrue();
    HttpResponse<String> page = get(location);
    assertThat(page.statusCode()).isEqualTo(200);
    return new CreatedApp(id.group(1), shownSecret(page.body()), page);
  }

  /** The secret shown on an app's page, or null when none is shown. */
  public static String shownSecret(String html) {
    Matcher m = SECRET_FIELD.matcher(html);
    return m.find() ? HttpUserAgent.unescape(m.group(1)) : null;
  }
}
