package dev.keyway.client;

import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks {@link ClientMetadata} field by field and collects every problem, so a developer sees all
 * of them at once. Field names follow RFC 7591 §2.
 */
final class MetadataValidator {

  private static final Set<ClientAuthMethod> SECRET_METHODS =
      Set.of(ClientAuthMethod.CLIENT_SECRET_BASIC, ClientAuthMethod.CLIENT_SECRET_POST);

  private final Set<String> scopesSupported;

  /**
   * @param scopesSupported the server's scopes; when empty, any well-formed scope is accepted
   */
  MetadataValidator(Set<String> scopesSupported) {
    this.scopesSupported = Set.copyOf(scopesSupported);
  }

  /**
   * Every problem with {@code metadata}; empty when it may be stored.
   *
   * @param existing the stored client when this is an update, or null for a registration
   */
  List<FieldError> validate(ClientMetadata metadata, Client existing) {
    List<FieldError> errors = new ArrayList<>();
    checkName(metadata.clientName(), errors);
    checkType(metadata, existing, errors);
    checkGrantTypes(metadata, errors);
    checkRedirectUris(metadata, errors);
    checkScopes(metadata.scopes(), errors);
    checkWebUri("logo_uri", metadata.logoUri(), errors);
    checkWebUri("client_uri", metadata.homepageUri(), errors);
    checkOwner(metadata.owner(), errors);
    return List.copyOf(errors);
  }

  private static void checkName(String name, List<FieldError> errors) {
    if (name == null) {
      return;
    }
    if (name.isBlank()) {
      errors.add(new FieldError("client_name", "Must not be blank"));
    } else if (name.length() > ClientRegistry.MAX_NAME_LENGTH) {
      errors.add(
          new FieldError(
              "client_name",
              "Must be at most " + ClientRegistry.MAX_NAME_LENGTH + " characters long"));
    } else if (hasControlOrFormatCharacter(name)) {
      errors.add(
          new FieldError(
              "client_name", "Must not contain control or invisible formatting characters"));
    }
  }

  private static void checkType(ClientMetadata m, Client existing, List<FieldError> errors) {
    String field = "token_endpoint_auth_method";
    if (existing != null && existing.type() != m.type()) {
      errors.add(
          new FieldError(
              field, "A client cannot change between confidential and public; register a new one"));
      return;
    }
    if (m.isPublic()) {
      if (!m.authMethods().isEmpty() && !m.authMethods().equals(Set.of(ClientAuthMethod.NONE))) {
        errors.add(new FieldError(field, "A public client authenticates with none only"));
      }
      return;
    }
    if (m.authMethods().contains(ClientAuthMethod.NONE)) {
      errors.add(
          new FieldError(
              field,
              "A confidential client must authenticate: client_secret_basic or client_secret_post"));
    } else if (!SECRET_METHODS.containsAll(m.authMethods())) {
      errors.add(
          new FieldError(
              field,
              "Only client_secret_basic and client_secret_post are supported for registered apps"));
    }
  }

  private static void checkGrantTypes(ClientMetadata m, List<FieldError> errors) {
    Set<GrantType> grants = m.grantTypes();
    if (grants.isEmpty()) {
      errors.add(new FieldError("grant_types", "At least one grant type is required"));
      return;
    }
    if (m.isPublic() && grants.contains(GrantType.CLIENT_CREDENTIALS)) {
      errors.add(
          new FieldError("grant_types", "client_credentials is for confidential clients only"));
    }
    if (grants.contains(GrantType.REFRESH_TOKEN)
        && !grants.contains(GrantType.AUTHORIZATION_CODE)) {
      errors.add(
          new FieldError("grant_types", "refresh_token is only issued with authorization_code"));
    }
  }

  private static void checkRedirectUris(ClientMetadata m, List<FieldError> errors) {
    List<String> uris = m.redirectUris();
    if (uris.isEmpty()) {
      if (m.grantTypes().contains(GrantType.AUTHORIZATION_CODE)) {
        errors.add(
            new FieldError(
                FieldError.REDIRECT_URIS,
                "At least one redirect URI is required for the authorization_code grant"));
      }
      return;
    }
    if (uris.size() > ClientRegistry.MAX_REDIRECT_URIS) {
      errors.add(
          new FieldError(
              FieldError.REDIRECT_URIS,
              "At most " + ClientRegistry.MAX_REDIRECT_URIS + " redirect URIs may be registered"));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < uris.size(); i++) {
      String field = FieldError.REDIRECT_URIS + "[" + i + "]";
      Optional<String> problem = RedirectUriRules.checkRedirectUri(uris.get(i));
      if (problem.isPresent()) {
        errors.add(new FieldError(field, problem.get()));
      } else if (!seen.add(uris.get(i))) {
        errors.add(new FieldError(field, "Is listed more than once"));
      }
    }
  }

  private void checkScopes(Set<String> scopes, List<FieldError> errors) {
    if (scopes.size() > ClientRegistry.MAX_SCOPES) {
      errors.add(
          new FieldError("scope", "At most " + ClientRegistry.MAX_SCOPES + " scopes are allowed"));
      return;
    }
    boolean malformed = false;
    boolean unknown = false;
    for (String scope : scopes) {
      if (!isScopeToken(scope)) {
        malformed = true;
      } else if (!scopesSupported.isEmpty() && !scopesSupported.contains(scope)) {
        unknown = true;
      }
    }
    if (malformed) {
      errors.add(
          new FieldError(
              "scope",
              "Each scope must be 1 to "
                  + ClientRegistry.MAX_SCOPE_LENGTH
                  + " characters allowed by RFC 6749 section 3.3"));
    }
    if (unknown) {
      errors.add(new FieldError("scope", "One or more scopes are not offered by this server"));
    }
  }

  private static void checkWebUri(String field, String uri, List<FieldError> errors) {
    if (uri != null) {
      RedirectUriRules.checkWebUri(uri)
          .ifPresent(problem -> errors.add(new FieldError(field, problem)));
    }
  }

  private static void checkOwner(String owner, List<FieldError> errors) {
    if (owner == null) {
      return;
    }
    if (owner.isEmpty()
        || owner.length() > ClientRegistry.MAX_OWNER_LENGTH
        || hasControlOrFormatCharacter(owner)) {
      errors.add(
          new FieldError(
              "owner",
              "Must be 1 to "
                  + ClientRegistry.MAX_OWNER_LENGTH
                  + " characters without control characters"));
    }
  }

  /** RFC 6749 §3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}. */
  private static boolean isScopeToken(String scope) {
    if (scope == null || scope.isEmpty() || scope.length() > ClientRegistry.MAX_SCOPE_LENGTH) {
      return false;
    }
    for (int i = 0; i < scope.length(); i++) {
      char c = scope.charAt(i);
      if (!(c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E))) {
        return false;
      }
    }
    return true;
  }

  /** Control characters and Unicode format characters (bidi overrides, zero-width joiners). */
  private static boolean hasControlOrFormatCharacter(String s) {
    return s.codePoints()
        .anyMatch(
            cp ->
                Character.isISOControl(cp)
                    || Character.getType(cp) == Character.FORMAT
                    || cp == 0x2028
                    || cp == 0x2029);
  }
}
