package dev.keyway.demo.support;

import java.net.URI;
import java.net.http.HttpResponse;

/** What an OAuth client (or the demo's resource server) sends to the demo's API, over HTTP. */
public final class ClientCalls {

  private final URI base;
  private final HttpUserAgent http = new HttpUserAgent();

  public ClientCalls(URI base) {
    this.base = base;
  }

  /** Exchanges a code with {@code client_secret_post}. */
  public HttpResponse<String> exchange(
      String clientId, String secret, String code, String redirectUri) {
    return token(
        Query.form(
            "client_id",
            clientId,
            "client_secret",
            secret,
            "code",
            code,
            "grant_type",
            "authorization_code",
            "redirect_uri",
            redirectUri));
  }

  /** Refreshes with {@code client_secret_post}. */
  public HttpResponse<String> refresh(String clientId, String secret, String refreshToken) {
    return token(
        Query.form(
            "client_id",
            clientId,
            "client_secret",
            secret,
            "refresh_token",
            refreshToken,
            "grant_type",
            "refresh_token"));
  }

  public HttpResponse<String> token(String form) {
    return http.postForm(base.resolve("/api/oauth2/token"), form);
  }

  /**
   * Introspects {@code token} as {@code clientId}: 200 when the client authenticated (whatever the
   * token), 401 {@code invalid_client} when its secret does not work.
   */
  public HttpResponse<String> introspect(String clientId, String secret, String token) {
    return http.postForm(
        base.resolve("/api/oauth2/introspect"),
        Query.form("client_id", clientId, "client_secret", secret, "token", token));
  }

  /** Introspects {@code token} as the demo's resource server, which may introspect any token. */
  public HttpResponse<String> introspectAsResourceServer(String token) {
    return introspect("demo-resource-server", DemoFixture.RESOURCE_SERVER_SECRET, token);
  }

  /** {@code GET /api/me} with a bearer token. */
  public HttpResponse<String> me(String accessToken) {
    return http.get(base.resolve("/api/me"), "Authorization", "Bearer " + accessToken);
  }
}
