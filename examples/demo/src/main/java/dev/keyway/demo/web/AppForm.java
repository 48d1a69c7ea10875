package dev.keyway.demo.web;

import dev.keyway.client.ClientMetadata;
import dev.keyway.client.FieldError;
import dev.keyway.spi.client.Client;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The form that creates or edits an OAuth app: what the developer typed (kept as typed, to show it
 * again), the metadata it means, and the errors of each field. Field errors come from {@link
 * dev.keyway.client.ClientRegistry} (by their RFC 7591 names) plus the few checks of the form
 * itself (an app type was chosen, at least one scope).
 */
final class AppForm {

  /** The name field ({@code client_name}). */
  static final String NAME = "client_name";

  /** The redirect URIs textarea, one per line ({@code redirect_uris}). */
  static final String REDIRECT_URIS = "redirect_uris";

  /** The app type radio buttons. */
  static final String TYPE = "type";

  /** The scope checkboxes. */
  static final String SCOPE = "scope";

  /** Errors that belong to no field of the form. */
  static final String OTHER = "";

  private final String name;
  private final String redirectUrisText;
  private final boolean isPublic;
  private final Set<String> scopes;

  /**
   * The redirect URIs (non-blank lines, trimmed) and, for each, its line number in the textarea.
   */
  private final List<String> redirectUris = new ArrayList<>();

  private final List<Integer> lineNumbers = new ArrayList<>();
  private final Map<String, List<String>> errors = new LinkedHashMap<>();

  private AppForm(String name, String redirectUrisText, boolean isPublic, Set<String> scopes) {
    this.name = name;
    this.redirectUrisText = redirectUrisText;
    this.isPublic = isPublic;
    this.scopes = scopes;
    String[] lines = redirectUrisText.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        redirectUris.add(lines[i].strip());
        lineNumbers.add(i + 1);
      }
    }
  }

  /** An empty form for a new app: confidential, asking for {@code profile}. */
  static AppForm blank() {
    return new AppForm("", "", false, new LinkedHashSet<>(List.of("profile")));
  }

  /** The form for editing {@code client}, filled with what is stored. */
  static AppForm of(Client client) {
    return new AppForm(
        client.displayName(),
        String.join("\n", client.redirectUris()),
        client.isPublic(),
        new LinkedHashSet<>(client.allowedScopes()));
  }

  /**
   * What was posted. For an edit ({@code existing} not null) the type is the stored one; for a new
   * app a missing or unknown type is an error of the type field.
   */
  static AppForm parse(Forms form, Client existing) {
    String type = form.single(TYPE).orElse("");
    boolean isPublic = existing != null ? existing.isPublic() : type.equals("public");
    AppForm parsed =
        new AppForm(
            form.single(NAME).orElse("").strip(),
            form.single(REDIRECT_URIS).orElse(""),
            isPublic,
            new LinkedHashSet<>(form.all(SCOPE)));
    if (existing == null && !type.equals("public") && !type.equals("confidential")) {
      parsed.error(TYPE, "Choose the type of app.");
    }
    if (parsed.scopes.isEmpty()) {
      parsed.error(SCOPE, "Choose at least one scope.");
    }
    return parsed;
  }

  /** The metadata of a new app owned by {@code owner}. */
  ClientMetadata newApp(String owner) {
    ClientMetadata.Builder b =
        ClientMetadata.builder()
            .clientName(name)
            .redirectUris(redirectUris)
            .scopes(scopes)
            .owner(owner);
    return (isPublic ? b.publicClient() : b.confidential()).build();
  }

  /** {@code existing}'s metadata with this form's name, redirect URIs and scopes. */
  ClientMetadata edited(Client existing) {
    return ClientMetadata.from(existing).toBuilder()
        .clientName(name)
        .redirectUris(redirectUris)
        .scopes(scopes)
        .build();
  }

  /** Files each registry error under its form field; a redirect URI error names its line. */
  void addAll(List<FieldError> fieldErrors) {
    for (FieldError e : fieldErrors) {
      String field = e.field();
      if (field.equals(NAME)) {
        error(NAME, e.message());
      } else if (field.startsWith(REDIRECT_URIS + "[")) {
        error(REDIRECT_URIS, "Line " + lineOf(field) + ": " + e.message());
      } else if (field.equals(REDIRECT_URIS)) {
        error(REDIRECT_URIS, e.message());
      } else if (field.equals("scope")) {
        error(SCOPE, e.message());
      } else if (field.equals("token_endpoint_auth_method")) {
        error(TYPE, e.message());
      } else {
        error(OTHER, e.message());
      }
    }
  }

  void error(String field, String message) {
    errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** The messages of one field, in order. */
  List<String> errors(String field) {
    return List.copyOf(errors.getOrDefault(field, List.of()));
  }

  String name() {
    return name;
  }

  String redirectUrisText() {
    return redirectUrisText;
  }

  boolean isPublic() {
    return isPublic;
  }

  Set<String> scopes() {
    return scopes;
  }

  /** The textarea line of {@code redirect_uris[i]}. */
  private int lineOf(String field) {
    try {
      int i = Integer.parseInt(field.substring(REDIRECT_URIS.length() + 1, field.length() - 1));
      return i >= 0 && i < lineNumbers.size() ? lineNumbers.get(i) : i + 1;
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return 0;
    }
  }
}
