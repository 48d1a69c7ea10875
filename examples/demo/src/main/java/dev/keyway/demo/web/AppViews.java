package dev.keyway.demo.web;

import com.github.mustachejava.Mustache;
import dev.keyway.OAuthResponse;
import dev.keyway.Secret;
import dev.keyway.demo.DemoClients;
import dev.keyway.host.AuthorizedApp;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientSecret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The HTML of the "Authorized apps" and "Developer settings → OAuth apps" pages. Like {@link
 * Pages}, every value is escaped by the template engine and pages carry Keyway's {@link
 * OAuthResponse#html} headers. The one exception to "no script at all" is the page that shows a new
 * client secret: its copy button runs one small inline script, allowed by its SHA-256 hash in that
 * page's content security policy and by nothing else.
 */
final class AppViews {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /** The content security policy of the page that shows a new secret: the copy script, by hash. */
  final String secretPagePolicy;

  private final Mustache authorizedApps = Templates.compile("account-apps.mustache");
  private final Mustache developerApps = Templates.compile("dev-apps.mustache");
  private final Mustache appForm = Templates.compile("dev-app-form.mustache");
  private final Mustache app = Templates.compile("dev-app.mustache");
  private final Mustache rotate = Templates.compile("dev-app-rotate.mustache");
  private final Mustache delete = Templates.compile("dev-app-delete.mustache");
  private final String copyScript;

  AppViews() {
    this.copyScript = resource("templates/copy-secret.js");
    this.secretPagePolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-"
            + sha256Base64(copyScript)
            + "'; frame-ancestors 'none'";
  }

  /** {@code /account/apps}: the apps the user authorized, each with a revoke button. */
  OAuthResponse authorizedApps(PageAccess.SignedIn who, List<AuthorizedApp> apps, String notice) {
    Map<String, Object> model = Templates.pageWithNav("Authorized apps");
    model.put("userName", who.user().name());
    model.put("csrfToken", who.csrfToken());
    model.put("notice", notice);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (AuthorizedApp a : apps) {
      rows.add(
          Map.of(
              "clientId", a.clientId(),
              "name", a.displayName(),
              "scopes", scopes(a.scopes()),
              "firstUsed", when(a.firstUsedAt()),
              "lastUsed", when(a.lastUsedAt())));
    }
    model.put("apps", rows);
    model.put("hasApps", !rows.isEmpty());
    return OAuthResponse.html(200, Templates.render(authorizedApps, model));
  }

  /** {@code /developer/apps}: the developer's own apps. */
  OAuthResponse developerApps(List<Client> apps, String notice) {
    Map<String, Object> model = Templates.pageWithNav("OAuth apps");
    model.put("notice", notice);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Client c : apps) {
      rows.add(
          Map.of(
              "clientId", c.clientId(),
              "name", c.displayName(),
              "typeLabel", typeLabel(c),
              "created", when(c.createdAt())));
    }
    model.put("apps", rows);
    return OAuthResponse.html(200, Templates.render(developerApps, model));
  }

  /**
   * The form that creates an app ({@code editing} null) or edits one, with what was submitted and
   * every error next to its field.
   */
  OAuthResponse appForm(int status, PageAccess.SignedIn who, AppForm form, Client editing) {
    Map<String, Object> model =
        Templates.pageWithNav(editing == null ? "New OAuth app" : "Edit " + editing.displayName());
    model.put("heading", editing == null ? "New OAuth app" : "Edit " + editing.displayName());
    model.put("csrfToken", who.csrfToken());
    model.put(
        "action",
        editing == null ? "/developer/apps" : "/developer/apps/" + editing.clientId() + "/edit");
    model.put(
        "cancelUrl", editing == null ? "/developer/apps" : "/developer/apps/" + editing.clientId());
    model.put("submitLabel", editing == null ? "Create app" : "Save changes");
    model.put("editing", editing != null);
    model.put("typeLabel", editing == null ? null : typeLabel(editing));
    model.put("name", form.name());
    model.put("redirectUris", form.redirectUrisText());
    model.put("confidential", !form.isPublic());
    model.put("public", form.isPublic());
    List<Map<String, Object>> scopes = new ArrayList<>();
    for (String scope : DemoClients.SCOPES) {
      scopes.add(
          Map.of(
              "name",
              scope,
              "description",
              Pages.describe(scope),
              "checked",
              form.scopes().contains(scope)));
    }
    model.put("scopes", scopes);
    putErrors(model, "name", form.errors(AppForm.NAME));
    putErrors(model, "redirect", form.errors(AppForm.REDIRECT_URIS));
    putErrors(model, "type", form.errors(AppForm.TYPE));
    putErrors(model, "scope", form.errors(AppForm.SCOPE));
    model.put("formErrors", form.errors(AppForm.OTHER));
    model.put("hasErrors", form.hasErrors());
    return OAuthResponse.html(status, Templates.render(appForm, model));
  }

  /**
   * {@code /developer/apps/{id}}: one app. {@code secret}, when not null, is a secret shown now for
   * the only time.
   */
  OAuthResponse app(
      PageAccess.SignedIn who,
      Client client,
      Instant now,
      String authorizeUrl,
      Secret secret,
      String notice) {
    Map<String, Object> model = Templates.pageWithNav(client.displayName());
    model.put("csrfToken", who.csrfToken());
    model.put("notice", notice);
    model.put("name", client.displayName());
    model.put("clientId", client.clientId());
    model.put("typeLabel", typeLabel(client));
    model.put("confidential", !client.isPublic());
    model.put("public", client.isPublic());
    model.put("redirectUris", client.redirectUris());
    model.put("scopes", scopes(client.allowedScopes()));
    model.put("created", when(client.createdAt()));
    model.put("authorizeUrl", authorizeUrl);
    List<Map<String, Object>> secrets = new ArrayList<>();
    for (ClientSecret s : client.secrets()) {
      if (s.isUsableAt(now)) {
        secrets.add(
            s.expiresAt() == null
                ? Map.of("created", when(s.createdAt()))
                : Map.of("created", when(s.createdAt()), "until", when(s.expiresAt())));
      }
    }
    model.put("secrets", secrets);
    model.put("severalSecrets", secrets.size() > 1);
    if (secret == null) {
      return OAuthResponse.html(200, Templates.render(app, model));
    }
    model.put("secret", secret.reveal());
    model.put("copyScript", copyScript);
    return OAuthResponse.html(200, Templates.render(app, model))
        .withHeader("Content-Security-Policy", secretPagePolicy);
  }

  /** The rotation form: how long the current secrets keep working. */
  OAuthResponse rotate(
      int status,
      PageAccess.SignedIn who,
      Client client,
      Map<String, String> overlaps,
      String selected,
      String error) {
    Map<String, Object> model =
        Templates.pageWithNav("Rotate the secret of " + client.displayName());
    model.put("csrfToken", who.csrfToken());
    model.put("clientId", client.clientId());
    model.put("name", client.displayName());
    model.put("severalSecrets", client.secrets().size() > 1);
    model.put("error", error);
    List<Map<String, Object>> options = new ArrayList<>();
    overlaps.forEach(
        (value, label) ->
            options.add(Map.of("value", value, "label", label, "checked", value.equals(selected))));
    model.put("overlaps", options);
    return OAuthResponse.html(status, Templates.render(rotate, model));
  }

  /** The confirmation step before deleting an app. */
  OAuthResponse confirmDelete(PageAccess.SignedIn who, Client client) {
    Map<String, Object> model = Templates.pageWithNav("Delete " + client.displayName());
    model.put("csrfToken", who.csrfToken());
    model.put("clientId", client.clientId());
    model.put("name", client.displayName());
    return OAuthResponse.html(200, Templates.render(delete, model));
  }

  /** An instant as people read it, in UTC. */
  static String when(Instant instant) {
    return WHEN.format(instant);
  }

  private static String typeLabel(Client client) {
    return client.isPublic()
        ? "Native or single-page app (public, PKCE required)"
        : "Server-side app (confidential)";
  }

  /** Scopes in a stable order, each with its plain words. */
  private static List<Map<String, String>> scopes(Collection<String> scopes) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String scope : new TreeSet<>(scopes)) {
      out.add(Map.of("name", scope, "description", Pages.describe(scope)));
    }
    return out;
  }

  private static void putErrors(Map<String, Object> model, String prefix, List<String> errors) {
    model.put(prefix + "Errors", errors);
    model.put(prefix + "Invalid", !errors.isEmpty());
  }

  private static String resource(String name) {
    try (InputStream in = AppViews.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256Base64(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
