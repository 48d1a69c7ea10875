package dev.keyway.demo.web;

import dev.keyway.OAuthResponse;
import dev.keyway.host.AuthorizedApps;
import dev.keyway.spi.OAuthRequest;
import java.util.Map;
import java.util.Objects;

/**
 * The signed-in user's "Authorized apps" page, over {@link AuthorizedApps}:
 *
 * <pre>
 * GET  /account/apps              the apps the user authorized: name, scopes in plain words, first and last use
 * POST /account/apps/revoke       revoke one app (field client_id): all its tokens, and the remembered consent
 * POST /account/apps/revoke-all   sign out of every app
 * </pre>
 *
 * Pages need a signed-in user (others are sent to sign in); every post needs the session's CSRF
 * token (otherwise 403 and nothing changes). A successful post answers {@code 303} back to the
 * list.
 */
final class AuthorizedAppsRoutes {

  /** The page's path. */
  static final String PATH = "/account/apps";

  /** The messages a finished action shows on the list, by the {@code notice} query value. */
  private static final Map<String, String> NOTICES =
      Map.of(
          "revoked",
              "Access removed. That app's tokens no longer work, and it has to ask you again.",
          "revoked-all", "You are signed out of every app. Their tokens no longer work.");

  private final AuthorizedApps apps;
  private final PageAccess access;
  private final AppViews views;
  private final Pages pages;

  AuthorizedAppsRoutes(AuthorizedApps apps, PageAccess access, AppViews views, Pages pages) {
    this.apps = Objects.requireNonNull(apps, "apps");
    this.access = Objects.requireNonNull(access, "access");
    this.views = Objects.requireNonNull(views, "views");
    this.pages = Objects.requireNonNull(pages, "pages");
  }

  /** True for the paths this class answers. */
  static boolean owns(String path) {
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  OAuthResponse handle(OAuthRequest request) {
    String method = request.method();
    switch (request.path()) {
      case PATH:
        return method.equals("GET") ? list(request) : pages.methodNotAllowed("GET");
      case PATH + "/revoke":
        return method.equals("POST") ? revoke(request) : pages.methodNotAllowed("POST");
      case PATH + "/revoke-all":
        return method.equals("POST") ? revokeAll(request) : pages.methodNotAllowed("POST");
      default:
        return pages.notFound();
    }
  }

  private OAuthResponse list(OAuthRequest request) {
    String notice =
        Forms.parse(request.rawQuery().orElse("")).single("notice").map(NOTICES::get).orElse(null);
    return access.page(request, who -> views.authorizedApps(who, apps.list(who.userId()), notice));
  }

  private OAuthResponse revoke(OAuthRequest request) {
    Forms form = Forms.parse(request.body());
    return access.post(
        request,
        form,
        who -> {
          String clientId = form.single("client_id").orElse(null);
          if (clientId == null) {
            return pages.error(
                400,
                "Which app?",
                "The form did not say which app to revoke. Nothing was changed.",
                null);
          }
          apps.revoke(who.userId(), clientId);
          return SignInForm.seeOther(PATH + "?notice=revoked");
        });
  }

  private OAuthResponse revokeAll(OAuthRequest request) {
    return access.post(
        request,
        Forms.parse(request.body()),
        who -> {
          apps.revokeAllOfUser(who.userId());
          return SignInForm.seeOther(PATH + "?notice=revoked-all");
        });
  }
}
