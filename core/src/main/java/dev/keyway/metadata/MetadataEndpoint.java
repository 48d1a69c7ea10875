package dev.keyway.metadata;

import dev.keyway.OAuthResponse;
import dev.keyway.ServerSettings;
import dev.keyway.client.ClientAssertionVerifier;
import dev.keyway.internal.Json;
import dev.keyway.internal.ServerContext;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.ClientAuthMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The authorization server metadata document (RFC 8414 §2, §3), served at {@code
 * /.well-known/oauth-authorization-server}. It is written once, from the server's settings and the
 * features the engine implements, so it cannot disagree with what the server does. It holds no
 * secret and may be cached.
 */
public final class MetadataEndpoint {

  /** How long clients may cache the document, in seconds. */
  static final int MAX_AGE_SECONDS = 3600;

  /**
   * The token-endpoint client authentication methods {@link dev.keyway.client.ClientAuthenticator}
   * accepts.
   */
  static final List<ClientAuthMethod> TOKEN_AUTH_METHODS =
      List.of(
          ClientAuthMethod.CLIENT_SECRET_BASIC,
          ClientAuthMethod.CLIENT_SECRET_POST,
          ClientAuthMethod.PRIVATE_KEY_JWT,
          ClientAuthMethod.NONE);

  /** Introspection requires a client that proves its identity: no {@code none}. */
  static final List<ClientAuthMethod> INTROSPECTION_AUTH_METHODS =
      List.of(
          ClientAuthMethod.CLIENT_SECRET_BASIC,
          ClientAuthMethod.CLIENT_SECRET_POST,
          ClientAuthMethod.PRIVATE_KEY_JWT);

  private final OAuthResponse response;

  @SuppressWarnings(
      "exports") // API debt: internal type in a public signature (docs/contributing.md)
  public MetadataEndpoint(ServerContext ctx) {
    String document = document(ctx.settings());
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", OAuthResponse.JSON_UTF8);
    headers.put("Cache-Control", "public, max-age=" + MAX_AGE_SECONDS);
    this.response = new OAuthResponse(200, headers, document);
  }

  /** The metadata document: 200, JSON, cacheable. */
  public OAuthResponse handle() {
    return response;
  }

  static String document(ServerSettings s) {
    Json.ObjectWriter json =
        Json.object()
            .put("issuer", s.issuerString())
            .put("authorization_endpoint", s.authorizationEndpoint().toString())
            .put("token_endpoint", s.tokenEndpoint().toString());
    if (s.registrationEndpoint() != null) {
      json.put("registration_endpoint", s.registrationEndpoint().toString());
    }
    if (s.jwksUri() != null) {
      json.put("jwks_uri", s.jwksUri().toString());
    }
    if (!s.scopesSupported().isEmpty()) {
      json.put("scopes_supported", new TreeSet<>(s.scopesSupported()));
    }
    List<String> pkceMethods = new ArrayList<>(List.of("S256"));
    if (s.allowPlainPkce()) {
      pkceMethods.add("plain");
    }
    return json.put("response_types_supported", List.of("code"))
        .put("response_modes_supported", List.of("query"))
        .put(
            "grant_types_supported",
            Arrays.stream(GrantType.values()).map(GrantType::wireName).toList())
        .put("token_endpoint_auth_methods_supported", wireNames(TOKEN_AUTH_METHODS))
        .put(
            "token_endpoint_auth_signing_alg_values_supported",
            ClientAssertionVerifier.supportedAlgorithms())
        .put("revocation_endpoint", s.revocationEndpoint().toString())
        .put("revocation_endpoint_auth_methods_supported", wireNames(TOKEN_AUTH_METHODS))
        .put(
            "revocation_endpoint_auth_signing_alg_values_supported",
            ClientAssertionVerifier.supportedAlgorithms())
        .put("introspection_endpoint", s.introspectionEndpoint().toString())
        .put("introspection_endpoint_auth_methods_supported", wireNames(INTROSPECTION_AUTH_METHODS))
        .put(
            "introspection_endpoint_auth_signing_alg_values_supported",
            ClientAssertionVerifier.supportedAlgorithms())
        .put("code_challenge_methods_supported", pkceMethods)
        .put("authorization_response_iss_parameter_supported", true)
        .toString();
  }

  private static List<String> wireNames(List<ClientAuthMethod> methods) {
    return methods.stream().map(ClientAuthMethod::wireName).toList();
  }
}
