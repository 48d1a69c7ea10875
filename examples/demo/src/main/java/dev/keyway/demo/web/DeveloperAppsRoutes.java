package dev.keyway.demo.web;

import dev.keyway.OAuthResponse;
import dev.keyway.Secret;
import dev.keyway.client.ClientMetadata;
import dev.keyway.client.ClientRegistry;
import dev.keyway.client.RegistrationResult;
import dev.keyway.client.SecretRotationResult;
import dev.keyway.client.UpdateResult;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * "Developer settings → OAuth apps": a signed-in user creates and manages their own apps through
 * {@link ClientRegistry}.
 *
 * <pre>
 * GET  /developer/apps              my apps              POST /developer/apps          create
 * GET  /developer/apps/new          the create form
 * GET  /developer/apps/{id}         one app (a new secret is shown here, once)
 * GET  /developer/apps/{id}/edit    the edit form        POST                         save
 * GET  /developer/apps/{id}/rotate  the rotation form    POST                         rotate the secret
 *                                                        POST /developer/apps/{id}/retire  end the overlap
 * GET  /developer/apps/{id}/delete  the confirmation     POST                         delete
 * </pre>
 *
 * <p>Only the owner sees or changes an app: for anyone else, and for the demo's own clients (which
 * have no owner), every app path answers 404 exactly as for an unknown id. Every post needs the
 * session's CSRF token (otherwise 403, checked before anything else). A new or rotated secret is
 * held in the session that asked for it and shown on the app's page on the next visit only.
 */
final class DeveloperAppsRoutes {

  /** The list's path. */
  static final String PATH = "/developer/apps";

  private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
  private static final String HOLD_PREFIX = "client-secret:";

  /** How long the current secrets keep working after a rotation, by form value. */
  private static final Map<String, Duration> OVERLAPS = new LinkedHashMap<>();

  private static final Map<String, String> OVERLAP_LABELS = new LinkedHashMap<>();

  /** The overlap chosen when the form opens. */
  private static final String DEFAULT_OVERLAP = "24h";

  static {
    overlap("0", Duration.ZERO, "No longer: it stops working now (the secret leaked)");
    overlap("1h", Duration.ofHours(1), "1 more hour");
    overlap("24h", Duration.ofHours(24), "24 more hours");
    overlap("7d", Duration.ofDays(7), "7 more days");
  }

  private static final Map<String, String> NOTICES =
      Map.of(
          "created", "App created.",
          "updated", "Changes saved.",
          "rotated",
              "New secret created. An older secret that still works is listed below with the time it stops.",
          "retired", "Only the newest secret works now.",
          "deleted", "The app was deleted. Its tokens no longer work.");

  private final ClientRegistry registry;
  private final Sessions sessions;
  private final PageAccess access;
  private final AppViews views;
  private final Pages pages;
  private final Clock clock;

  DeveloperAppsRoutes(
      ClientRegistry registry,
      Sessions sessions,
      PageAccess access,
      AppViews views,
      Pages pages,
      Clock clock) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.access = Objects.requireNonNull(access, "access");
    this.views = Objects.requireNonNull(views, "views");
    this.pages = Objects.requireNonNull(pages, "pages");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** True for the paths this class answers. */
  static boolean owns(String path) {
    return path.equals(PATH) || path.startsWith(PATH + "/");
  }

  OAuthResponse handle(OAuthRequest request) {
    String path = request.path();
    boolean get = request.method().equals("GET");
    boolean post = request.method().equals("POST");
    if (path.equals(PATH)) {
      return get ? list(request) : post ? create(request) : pages.methodNotAllowed("GET, POST");
    }
    if (path.equals(PATH + "/new")) {
      return get
          ? access.page(request, who -> views.appForm(200, who, AppForm.blank(), null))
          : pages.methodNotAllowed("GET");
    }
    String[] parts = path.substring(PATH.length() + 1).split("/", -1);
    if (parts.length > 2 || !CLIENT_ID.matcher(parts[0]).matches()) {
      return pages.notFound();
    }
    String id = parts[0];
    String action = parts.length == 2 ? parts[1] : "";
    switch (action) {
      case "":
        return get
            ? viewed(request, id, (who, app) -> show(request, who, app))
            : pages.methodNotAllowed("GET");
      case "edit":
        return get
            ? viewed(request, id, (who, app) -> views.appForm(200, who, AppForm.of(app), app))
            : post ? posted(request, id, this::update) : pages.methodNotAllowed("GET, POST");
      case "rotate":
        return get
            ? viewed(request, id, this::rotateForm)
            : post ? posted(request, id, this::rotate) : pages.methodNotAllowed("GET, POST");
      case "retire":
        return post ? posted(request, id, this::retire) : pages.methodNotAllowed("POST");
      case "delete":
        return get
            ? viewed(request, id, views::confirmDelete)
            : post ? posted(request, id, this::delete) : pages.methodNotAllowed("GET, POST");
      default:
        return pages.notFound();
    }
  }

  /** One action on an app of the signed-in developer, from a form post. */
  @FunctionalInterface
  private interface AppAction {
    OAuthResponse apply(OAuthRequest request, Forms form, PageAccess.SignedIn who, Client app);
  }

  /** A page about an app of the signed-in developer: sign-in first, then ownership. */
  private OAuthResponse viewed(
      OAuthRequest request,
      String id,
      BiFunction<PageAccess.SignedIn, Client, OAuthResponse> page) {
    return access.page(request, who -> ownApp(who, id, app -> page.apply(who, app)));
  }

  /** A form post about an app: CSRF first, then ownership, then the action. */
  private OAuthResponse posted(OAuthRequest request, String id, AppAction action) {
    Forms form = Forms.parse(request.body());
    return access.post(
        request, form, who -> ownApp(who, id, app -> action.apply(request, form, who, app)));
  }

  /** {@code then} with the app when the signed-in user owns it; 404 otherwise. */
  private OAuthResponse ownApp(
      PageAccess.SignedIn who, String id, Function<Client, OAuthResponse> then) {
    Optional<Client> app = registry.find(id).filter(c -> who.userId().equals(c.owner()));
    return app.isPresent() ? then.apply(app.get()) : pages.notFound();
  }

  private OAuthResponse list(OAuthRequest request) {
    return access.page(
        request, who -> views.developerApps(registry.findByOwner(who.userId()), notice(request)));
  }

  private OAuthResponse show(OAuthRequest request, PageAccess.SignedIn who, Client app) {
    Secret secret = sessions.takeOnce(request, HOLD_PREFIX + app.clientId()).orElse(null);
    return views.app(who, app, clock.instant(), authorizeUrl(app), secret, notice(request));
  }

  private OAuthResponse create(OAuthRequest request) {
    Forms form = Forms.parse(request.body());
    return access.post(
        request,
        form,
        who -> {
          AppForm submitted = AppForm.parse(form, null);
          ClientMetadata metadata = submitted.newApp(who.userId());
          if (submitted.hasErrors()) {
            submitted.addAll(registry.validate(metadata));
            return views.appForm(400, who, submitted, null);
          }
          RegistrationResult result = registry.register(metadata);
          if (result instanceof RegistrationResult.Rejected rejected) {
            submitted.addAll(rejected.errors());
            return views.appForm(400, who, submitted, null);
          } else if (result instanceof RegistrationResult.Registered registered) {
            String id = registered.client().clientId();
            registered
                .clientSecret()
                .ifPresent(secret -> sessions.holdOnce(request, HOLD_PREFIX + id, secret));
            return SignInForm.seeOther(PATH + "/" + id + "?notice=created");
          }
          throw new AssertionError(result);
        });
  }

  private OAuthResponse update(
      OAuthRequest request, Forms form, PageAccess.SignedIn who, Client app) {
    AppForm submitted = AppForm.parse(form, app);
    ClientMetadata metadata = submitted.edited(app);
    if (submitted.hasErrors()) {
      submitted.addAll(registry.validate(metadata));
      return views.appForm(400, who, submitted, app);
    }
    UpdateResult result = registry.update(app.clientId(), metadata);
    if (result instanceof UpdateResult.Rejected rejected) {
      submitted.addAll(rejected.errors());
      return views.appForm(400, who, submitted, app);
    } else if (result instanceof UpdateResult.Updated) {
      return SignInForm.seeOther(PATH + "/" + app.clientId() + "?notice=updated");
    } else if (result instanceof UpdateResult.NotFound) {
      return pages.notFound();
    }
    throw new AssertionError(result);
  }

  private OAuthResponse rotate(
      OAuthRequest request, Forms form, PageAccess.SignedIn who, Client app) {
    String choice = form.single("overlap").orElse("");
    Duration overlap = OVERLAPS.get(choice);
    if (overlap == null) {
      return rotateForm(
          400, who, app, DEFAULT_OVERLAP, "Choose how long the current secret keeps working.");
    }
    SecretRotationResult result = registry.rotateSecret(app.clientId(), overlap);
    if (result instanceof SecretRotationResult.Rotated rotated) {
      sessions.holdOnce(request, HOLD_PREFIX + app.clientId(), rotated.clientSecret());
      return SignInForm.seeOther(PATH + "/" + app.clientId() + "?notice=rotated");
    } else if (result instanceof SecretRotationResult.TooManySecrets tooMany) {
      return rotateForm(
          400,
          who,
          app,
          choice,
          "This app already has "
              + tooMany.max()
              + " working secrets. Stop the older ones first, or choose"
              + " \u201cno longer\u201d.");
    } else if (result instanceof SecretRotationResult.NotConfidential) {
      return noSecret();
    } else if (result instanceof SecretRotationResult.NotFound) {
      return pages.notFound();
    }
    throw new AssertionError(result);
  }

  private OAuthResponse retire(
      OAuthRequest request, Forms form, PageAccess.SignedIn who, Client app) {
    return registry.retirePreviousSecrets(app.clientId()).isPresent()
        ? SignInForm.seeOther(PATH + "/" + app.clientId() + "?notice=retired")
        : pages.notFound();
  }

  private OAuthResponse delete(
      OAuthRequest request, Forms form, PageAccess.SignedIn who, Client app) {
    registry.delete(app.clientId());
    return SignInForm.seeOther(PATH + "?notice=deleted");
  }

  private OAuthResponse noSecret() {
    return pages.error(
        400, "No secret to rotate", "This app is public: it has no client secret.", null);
  }

  /** The rotation form, for a confidential app. */
  private OAuthResponse rotateForm(PageAccess.SignedIn who, Client app) {
    return app.isPublic() ? noSecret() : rotateForm(200, who, app, DEFAULT_OVERLAP, null);
  }

  private OAuthResponse rotateForm(
      int status, PageAccess.SignedIn who, Client app, String selected, String error) {
    return views.rotate(status, who, app, OVERLAP_LABELS, selected, error);
  }

  /** An authorization request for the app, with its first redirect URI and all its scopes. */
  private static String authorizeUrl(Client app) {
    StringBuilder url =
        new StringBuilder("/oauth2/authorize?client_id=").append(encode(app.clientId()));
    if (!app.redirectUris().isEmpty()) {
      url.append("&redirect_uri=").append(encode(app.redirectUris().get(0)));
    }
    url.append("&response_type=code");
    if (!app.allowedScopes().isEmpty()) {
      url.append("&scope=").append(encode(String.join(" ", new TreeSet<>(app.allowedScopes()))));
    }
    return url.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String notice(OAuthRequest request) {
    return Forms.parse(request.rawQuery().orElse(""))
        .single("notice")
        .map(NOTICES::get)
        .orElse(null);
  }

  private static void overlap(String value, Duration duration, String label) {
    OVERLAPS.put(value, duration);
    OVERLAP_LABELS.put(value, label);
  }
}
