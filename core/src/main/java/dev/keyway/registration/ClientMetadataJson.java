package dev.keyway.registration;

import dev.keyway.Secret;
import dev.keyway.client.ClientMetadata;
import dev.keyway.client.FieldError;
import dev.keyway.internal.Json;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Client metadata on the wire (RFC 7591 §2, §3.2.1): from a parsed JSON object to {@link
 * ClientMetadata}, and from a stored {@link Client} to the client information response. Metadata
 * Keyway does not understand is ignored, as RFC 7591 §2 requires; metadata it understands but
 * cannot honour ({@code private_key_jwt}, {@code implicit}) is refused.
 */
final class ClientMetadataJson {

  /** Fields only the server sets; an update request must not carry them (RFC 7592 §2.2). */
  static final List<String> SERVER_ASSIGNED =
      List.of(
          "registration_access_token",
          "registration_client_uri",
          "client_secret_expires_at",
          "client_id_issued_at");

  private ClientMetadataJson() {}

  /** Either metadata or the field errors that kept it from being read. */
  record Parsed(ClientMetadata metadata, List<FieldError> errors) {}

  /**
   * Reads the metadata of a registration or update request, applying RFC 7591's defaults for
   * omitted fields ({@code grant_types} {@code ["authorization_code"]}, {@code
   * token_endpoint_auth_method} {@code client_secret_basic}); a JSON {@code null} counts as
   * omitted.
   *
   * @param owner the owner to record on the client, or null
   */
  static Parsed parse(Map<String, Object> json, String owner) {
    List<FieldError> errors = new ArrayList<>();
    ClientMetadata.Builder b = ClientMetadata.builder().owner(owner);

    b.clientName(string(json, "client_name", errors));
    b.logoUri(string(json, "logo_uri", errors));
    b.homepageUri(string(json, "client_uri", errors));
    List<String> redirects = strings(json, FieldError.REDIRECT_URIS, errors);
    b.redirectUris(redirects == null ? List.of() : redirects);

    String method = string(json, "token_endpoint_auth_method", errors);
    Optional<ClientAuthMethod> auth =
        ClientAuthMethod.fromWireName(method == null ? "client_secret_basic" : method);
    if (auth.isEmpty() || auth.get() == ClientAuthMethod.PRIVATE_KEY_JWT) {
      errors.add(
          new FieldError(
              "token_endpoint_auth_method",
              "Supported methods are client_secret_basic, client_secret_post and none"));
    } else if (auth.get() == ClientAuthMethod.NONE) {
      b.publicClient();
    } else {
      b.confidential().authMethods(auth.get());
    }

    Set<GrantType> grants = grantTypes(json, errors);
    b.grantTypes(grants);
    checkResponseTypes(json, grants, errors);

    String scope = string(json, "scope", errors);
    if (scope != null) {
      List<String> tokens = List.of(scope.split(" ", -1));
      if (tokens.contains("")) {
        errors.add(new FieldError("scope", "Must be scope names separated by single spaces"));
      } else {
        b.scopes(new LinkedHashSet<>(tokens));
      }
    }
    return errors.isEmpty()
        ? new Parsed(b.build(), List.of())
        : new Parsed(null, List.copyOf(errors));
  }

  /**
   * The client information response (RFC 7591 §3.2.1, RFC 7592 §3).
   *
   * @param clientSecret the secret to show, only in the response that created it; else null
   * @param registrationAccessToken the current registration access token
   */
  static String write(
      Client client, URI configurationUri, Secret clientSecret, Secret registrationAccessToken) {
    Json.ObjectWriter out = Json.object().put("client_id", client.clientId());
    if (clientSecret != null) {
      out.put("client_secret", clientSecret.reveal()).put("client_secret_expires_at", 0L);
    }
    out.put("client_id_issued_at", client.createdAt().getEpochSecond())
        .put("registration_access_token", registrationAccessToken.reveal())
        .put("registration_client_uri", configurationUri.toString());
    if (!client.displayName().equals(client.clientId())) {
      out.put("client_name", client.displayName());
    }
    out.put("redirect_uris", client.redirectUris());
    List<String> grants = new ArrayList<>();
    for (GrantType g : GrantType.values()) {
      if (client.allows(g)) {
        grants.add(g.wireName());
      }
    }
    out.put("grant_types", grants)
        .put(
            "response_types",
            client.allows(GrantType.AUTHORIZATION_CODE) ? List.of("code") : List.of())
        .put("token_endpoint_auth_method", authMethod(client).wireName());
    if (!client.allowedScopes().isEmpty()) {
      out.put("scope", String.join(" ", new TreeSet<>(client.allowedScopes())));
    }
    if (client.homepageUri() != null) {
      out.put("client_uri", client.homepageUri().toString());
    }
    if (client.logoUri() != null) {
      out.put("logo_uri", client.logoUri().toString());
    }
    return out.toString();
  }

  private static ClientAuthMethod authMethod(Client client) {
    if (client.isPublic()) {
      return ClientAuthMethod.NONE;
    }
    if (client.authMethods().size() == 1) {
      return client.authMethods().iterator().next();
    }
    return ClientAuthMethod.CLIENT_SECRET_BASIC;
  }

  private static Set<GrantType> grantTypes(Map<String, Object> json, List<FieldError> errors) {
    List<String> names = strings(json, "grant_types", errors);
    if (names == null) {
      return EnumSet.of(GrantType.AUTHORIZATION_CODE);
    }
    Set<GrantType> grants = EnumSet.noneOf(GrantType.class);
    for (String name : names) {
      Optional<GrantType> grant = GrantType.fromWireName(name);
      if (grant.isEmpty()) {
        errors.add(
            new FieldError(
                "grant_types",
                "Supported grant types are authorization_code, refresh_token and client_credentials"));
        break;
      }
      grants.add(grant.get());
    }
    return grants;
  }

  /**
   * RFC 7591 §2.1: {@code code} goes with {@code authorization_code}, and nothing else exists here.
   */
  private static void checkResponseTypes(
      Map<String, Object> json, Set<GrantType> grants, List<FieldError> errors) {
    List<String> types = strings(json, "response_types", errors);
    if (types == null) {
      return; // derived from the grant types
    }
    if (!Set.of("code").containsAll(types)) {
      errors.add(new FieldError("response_types", "Only the code response type is supported"));
    } else if (types.contains("code") != grants.contains(GrantType.AUTHORIZATION_CODE)) {
      errors.add(
          new FieldError(
              "response_types",
              "The code response type goes with the authorization_code grant type"));
    }
  }

  private static String string(Map<String, Object> json, String field, List<FieldError> errors) {
    Object value = json.get(field);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    errors.add(new FieldError(field, "Must be a string"));
    return null;
  }

  private static List<String> strings(
      Map<String, Object> json, String field, List<FieldError> errors) {
    Object value = json.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
      return list.stream().map(String.class::cast).toList();
    }
    errors.add(new FieldError(field, "Must be an array of strings"));
    return null;
  }
}
