package dev.keyway.demo.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;

/**
 * Drives the demo like a person with a browser (sign in, consent) and like a client (token
 * requests, the protected resource), over plain HTTP, asserting each hop on the way.
 */
public final class OAuthFlow {

  private final URI base;
  private final HttpUserAgent browser = new HttpUserAgent();

  public OAuthFlow(URI base) {
    this.base = base;
  }

  public HttpUserAgent browser() {
    return browser;
  }

  /**
   * Opens {@code authorizePathAndQuery}, signs in through the form, answers the consent page with
   * {@code decision}, and returns the URI the user agent is finally sent to (the client's
   * callback).
   */
  public URI authorize(
      String authorizePathAndQuery, String username, String password, String decision) {
    HttpResponse<String> first = browser.get(base.resolve(authorizePathAndQuery));
    assertThat(first.statusCode()).as("authorization request before sign-in").isEqualTo(302);
    URI signIn = HttpUserAgent.location(first);
    assertThat(signIn.getPath()).isEqualTo("/signin");

    HttpResponse<String> page = browser.get(signIn);
    assertThat(page.statusCode()).isEqualTo(200);
    HttpResponse<String> signedIn =
        browser.postForm(
            base.resolve("/signin"),
            Query.form(
                "csrf_token",
                HttpUserAgent.hiddenField(page.body(), "csrf_token"),
                "return_to",
                HttpUserAgent.hiddenField(page.body(), "return_to"),
                "username",
                username,
                "password",
                password));
    assertThat(signedIn.statusCode()).as("sign-in").isEqualTo(303);

    HttpResponse<String> consent = browser.get(HttpUserAgent.location(signedIn));
    assertThat(consent.statusCode()).as("consent page").isEqualTo(200);
    HttpResponse<String> decided =
        browser.postForm(
            base.resolve("/oauth2/authorize"),
            Query.form(
                "consent_id",
                HttpUserAgent.hiddenField(consent.body(), "consent_id"),
                "decision",
                decision));
    assertThat(decided.statusCode()).as("consent decision").isEqualTo(302);
    return HttpUserAgent.location(decided);
  }

  /**
   * For a browser already signed in: opens {@code authorizePathAndQuery}, answers the consent page
   * with {@code decision}, and returns where the user agent is sent.
   */
  public URI consent(String authorizePathAndQuery, String decision) {
    HttpResponse<String> consent = browser.get(base.resolve(authorizePathAndQuery));
    assertThat(consent.statusCode()).as("consent page").isEqualTo(200);
    HttpResponse<String> decided =
        browser.postForm(
            base.resolve("/oauth2/authorize"),
            Query.form(
                "consent_id",
                HttpUserAgent.hiddenField(consent.body(), "consent_id"),
                "decision",
                decision));
    assertThat(decided.statusCode()).as("consent decision").isEqualTo(302);
    return HttpUserAgent.location(decided);
  }

  /** POSTs a form to the token endpoint and returns the response. */
  public HttpResponse<String> token(String form) {
    return browser.postForm(base.resolve("/api/oauth2/token"), form);
  }

  /** Calls {@code GET /api/me} with a bearer token. */
  public HttpResponse<String> me(String accessToken) {
    return browser.get(base.resolve("/api/me"), "Authorization", "Bearer " + accessToken);
  }

  /** Parses a JSON object body. */
  public static Map<String, Object> json(String body) {
    try {
      return JSONObjectUtils.parse(body);
    } catch (ParseException e) {
      throw new AssertionError("not a JSON object: " + body.length() + " chars", e);
    }
  }
}
