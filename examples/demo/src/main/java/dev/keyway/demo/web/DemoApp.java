package dev.keyway.demo.web;

import dev.keyway.AuthorizationServer;
import dev.keyway.OAuthResponse;
import dev.keyway.authorize.AuthorizeOutcome;
import dev.keyway.demo.DemoUser;
import dev.keyway.demo.DemoUsers;
import dev.keyway.resource.BearerResult;
import dev.keyway.spi.OAuthRequest;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo application, independent of any HTTP framework: it takes Keyway's neutral {@link
 * OAuthRequest} and answers with an {@link OAuthResponse}. Each host (Jetty servlet, JDK
 * HttpServer) only adapts its own request and response types to these two and calls {@link
 * #handle}.
 *
 * <p>Routes:
 *
 * <pre>
 * GET  /                                        start page
 * GET  /signin, POST /signin, POST /signout     the host's own sign-in (session cookie + CSRF token)
 * GET  /oauth2/authorize                        server.authorize  (authorization endpoint)
 * POST /oauth2/authorize                        server.decide     (the consent form)
 *      /api/oauth2/token                        server.token
 *      /api/oauth2/revoke                       server.revoke
 *      /api/oauth2/introspect                   server.introspect
 * GET  /.well-known/oauth-authorization-server  server.metadata
 * GET  /api/me                                  a protected resource (scope "profile")
 *      /account/apps...                         the user's authorized apps ({@link AuthorizedAppsRoutes})
 *      /developer/apps...                       the user's own OAuth apps ({@link DeveloperAppsRoutes})
 * </pre>
 */
public final class DemoApp {

  /**
   * The request attribute a host adapter sets to {@link Boolean#TRUE} when the request came over
   * https, so the session cookie gets {@code Secure}.
   */
  public static final String SECURE_ATTRIBUTE = "dev.keyway.demo.secure";

  private static final Logger LOG = LoggerFactory.getLogger(DemoApp.class);
  private static final Set<String> ME_SCOPES = Set.of("profile");

  private final AuthorizationServer server;
  private final Sessions sessions;
  private final DemoUsers users;
  private final Pages pages;
  private final SignInForm signInForm;
  private final AuthorizedAppsRoutes authorizedApps;
  private final DeveloperAppsRoutes developerApps;
  private final String hostName;
  private final String exampleAuthorizeUrl;
  private final boolean httpsIssuer;

  /**
   * @param server the authorization server
   * @param sessions the sessions its {@link SessionUserAuthenticator} reads
   * @param users the user directory
   * @param pages the page renderer
   * @param hostName the host's name, for the start page
   * @param exampleAuthorizeUrl an authorization request to link from the start page
   * @param clock the clock the server runs on (for the secrets' expiry shown to developers)
   */
  public DemoApp(
      AuthorizationServer server,
      Sessions sessions,
      DemoUsers users,
      Pages pages,
      String hostName,
      String exampleAuthorizeUrl,
      Clock clock) {
    this.server = Objects.requireNonNull(server, "server");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.users = Objects.requireNonNull(users, "users");
    this.pages = Objects.requireNonNull(pages, "pages");
    this.signInForm = new SignInForm(sessions, users, pages);
    this.hostName = Objects.requireNonNull(hostName, "hostName");
    this.exampleAuthorizeUrl = Objects.requireNonNull(exampleAuthorizeUrl, "exampleAuthorizeUrl");
    this.httpsIssuer = "https".equals(server.settings().issuer().getScheme());
    PageAccess access = new PageAccess(sessions, users, pages);
    AppViews views = new AppViews();
    this.authorizedApps = new AuthorizedAppsRoutes(server.authorizedApps(), access, views, pages);
    this.developerApps =
        new DeveloperAppsRoutes(
            server.clientRegistry(),
            sessions,
            access,
            views,
            pages,
            Objects.requireNonNull(clock, "clock"));
  }

  /** The authorization server behind this app. */
  public AuthorizationServer server() {
    return server;
  }

  /** Answers one request. Never throws: an unexpected failure is logged and becomes a 500 page. */
  public OAuthResponse handle(OAuthRequest request) {
    try {
      return route(request);
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure on {}", request, e);
      return pages.error(
          500, "Something went wrong", "The server could not complete the request.", null);
    }
  }

  private OAuthResponse route(OAuthRequest request) {
    String method = request.method();
    if (AuthorizedAppsRoutes.owns(request.path())) {
      return authorizedApps.handle(request);
    }
    if (DeveloperAppsRoutes.owns(request.path())) {
      return developerApps.handle(request);
    }
    switch (request.path()) {
      case "/":
        return method.equals("GET") ? home(request) : notAllowed("GET");
      case "/signin":
        return method.equals("GET")
            ? signInPage(request)
            : method.equals("POST")
                ? signInForm.submit(request, secure(request))
                : notAllowed("GET, POST");
      case "/signout":
        return method.equals("POST") ? signOut(request) : notAllowed("POST");
      case "/oauth2/authorize":
        return method.equals("GET")
            ? render(server.authorize(request))
            : method.equals("POST") ? render(server.decide(request)) : notAllowed("GET, POST");
      case "/api/oauth2/token":
        return server.token(request);
      case "/api/oauth2/revoke":
        return server.revoke(request);
      case "/api/oauth2/introspect":
        return server.introspect(request);
      case "/.well-known/oauth-authorization-server":
        return method.equals("GET") ? server.metadata() : notAllowed("GET");
      case "/api/me":
        return method.equals("GET") ? me(request) : notAllowed("GET");
      default:
        return request.path().startsWith("/api/")
            ? OAuthResponse.json(404, "{\"error\":\"not_found\"}")
            : pages.notFound();
    }
  }

  /** Turns what Keyway decided about an authorization request into a response. */
  private OAuthResponse render(AuthorizeOutcome outcome) {
    if (outcome instanceof AuthorizeOutcome.SignInRequired signIn) {
      return OAuthResponse.redirect(signIn.location());
    } else if (outcome instanceof AuthorizeOutcome.ConsentRequired consent) {
      String subject = consent.prompt().subject();
      String userName = users.byId(subject).map(DemoUser::name).orElse(subject);
      return pages.consent(consent.prompt(), userName);
    } else if (outcome instanceof AuthorizeOutcome.Redirect redirect) {
      return redirect.toResponse();
    } else if (outcome instanceof AuthorizeOutcome.ShowError error) {
      return pages.authorizationError(error.error());
    }
    throw new AssertionError(outcome);
  }

  private OAuthResponse signInPage(OAuthRequest request) {
    String returnTo =
        SignInForm.safeReturnTo(
            Forms.parse(request.rawQuery().orElse("")).single("return_to").orElse("/"));
    Optional<Sessions.Session> existing = sessions.find(request);
    if (existing.isPresent()) {
      return pages.signIn(200, existing.get().csrfToken(), returnTo, null, null);
    }
    Sessions.Started started = sessions.start(null);
    return pages
        .signIn(200, started.session().csrfToken(), returnTo, null, null)
        .withHeader(
            "Set-Cookie",
            Cookies.session(
                Sessions.COOKIE, started.id(), Sessions.TTL.toSeconds(), secure(request)));
  }

  private OAuthResponse signOut(OAuthRequest request) {
    Optional<Sessions.Session> session = sessions.find(request);
    String csrf = Forms.parse(request.body()).single("csrf_token").orElse(null);
    if (session.isEmpty() || !session.get().csrfMatches(csrf)) {
      return pages.error(
          403, "Sign-out failed", "The form expired or was not sent from this site.", null);
    }
    sessions.end(request);
    return SignInForm.seeOther("/")
        .withHeader("Set-Cookie", Cookies.expired(Sessions.COOKIE, secure(request)));
  }

  private OAuthResponse home(OAuthRequest request) {
    Optional<Sessions.Session> session = sessions.find(request).filter(s -> s.userId() != null);
    String userName = session.flatMap(s -> users.byId(s.userId())).map(DemoUser::name).orElse(null);
    String csrf = session.map(Sessions.Session::csrfToken).orElse(null);
    return pages.home(hostName, userName, csrf, exampleAuthorizeUrl);
  }

  /** The protected resource: who the access token speaks for. Needs scope {@code profile}. */
  private OAuthResponse me(OAuthRequest request) {
    BearerResult result = server.bearerTokens().validate(request, ME_SCOPES);
    if (result instanceof BearerResult.Rejected rejected) {
      return rejected.response();
    } else if (result instanceof BearerResult.Valid valid) {
      Optional<DemoUser> user = users.byId(valid.principal().subject());
      if (user.isEmpty()) {
        return OAuthResponse.json(404, "{\"error\":\"not_found\"}");
      }
      return OAuthResponse.json(
          200,
          "{\"id\":"
              + Json.string(user.get().id())
              + ",\"name\":"
              + Json.string(user.get().name())
              + "}");
    }
    throw new AssertionError(result);
  }

  private OAuthResponse notAllowed(String allow) {
    return pages.methodNotAllowed(allow);
  }

  private boolean secure(OAuthRequest request) {
    return httpsIssuer || request.attribute(SECURE_ATTRIBUTE, Boolean.class).orElse(false);
  }
}
