package dev.keyway.token;

import dev.keyway.OAuthResponse;
import dev.keyway.Secret;
import dev.keyway.internal.Json;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A successful access token response (RFC 6749 §5.1): {@code {"access_token":…,"token_type":
 * "Bearer","expires_in":N,"refresh_token":…,"scope":"a b"}}, sent with status 200, {@code
 * Cache-Control: no-store} and {@code Pragma: no-cache}.
 *
 * <p>{@code scope} is always included when the token has scopes (§5.1 requires it whenever the
 * granted scope differs from the requested one; always sending it is simpler for clients), as the
 * scope tokens sorted and joined by single spaces. {@link #toString()} never prints a token.
 *
 * @param accessToken the access token
 * @param expiresIn the access token's lifetime in seconds, at least 1
 * @param refreshToken the refresh token, or {@code null} when none is issued
 * @param scopes the access token's scopes
 */
public record TokenResponse(
    Secret accessToken, long expiresIn, Secret refreshToken, Set<String> scopes) {

  private static final String HEAD = "{\"access_token\":\"";
  private static final String TYPE = "\",\"token_type\":\"Bearer\",\"expires_in\":";

  public TokenResponse {
    Objects.requireNonNull(accessToken, "accessToken");
    scopes = Set.copyOf(scopes);
    if (expiresIn < 1) {
      throw new IllegalArgumentException("expiresIn must be at least one second");
    }
  }

  /** The refresh token, if one was issued. */
  public Optional<Secret> refreshTokenIfIssued() {
    return Optional.ofNullable(refreshToken);
  }

  /** The JSON response of RFC 6749 §5.1 with status 200 and no-store caching headers. */
  public OAuthResponse toOAuthResponse() {
    String access = accessToken.reveal();
    String refresh = refreshToken == null ? null : refreshToken.reveal();
    String scope = scopes.isEmpty() ? null : formatScope(scopes);
    if (Json.isPlain(access)
        && (refresh == null || Json.isPlain(refresh))
        && (scope == null || Json.isPlain(scope))) {
      return OAuthResponse.json(200, plainJson(access, refresh, scope));
    }
    // Member names are constants; the values go through the escaping writer.
    StringBuilder json =
        new StringBuilder(
            96
                + access.length()
                + (refresh == null ? 0 : 20 + refresh.length())
                + (scope == null ? 0 : 12 + scope.length()));
    json.append("{\"access_token\":");
    Json.appendString(json, access);
    json.append(",\"token_type\":\"Bearer\",\"expires_in\":").append(expiresIn);
    if (refresh != null) {
      json.append(",\"refresh_token\":");
      Json.appendString(json, refresh);
    }
    if (scope != null) {
      json.append(",\"scope\":");
      Json.appendString(json, scope);
    }
    return OAuthResponse.json(200, json.append('}').toString());
  }

  /**
   * The same bytes as the escaping writer when no value needs escaping, in one concatenation: the
   * JDK sizes it exactly and builds the string without a second copy. One expression per shape.
   */
  private String plainJson(String access, String refresh, String scope) {
    if (refresh == null) {
      return scope == null
          ? HEAD + access + TYPE + expiresIn + "}"
          : HEAD + access + TYPE + expiresIn + ",\"scope\":\"" + scope + "\"}";
    }
    return scope == null
        ? HEAD + access + TYPE + expiresIn + ",\"refresh_token\":\"" + refresh + "\"}"
        : HEAD
            + access
            + TYPE
            + expiresIn
            + ",\"refresh_token\":\""
            + refresh
            + "\",\"scope\":\""
            + scope
            + "\"}";
  }

  /** The {@code scope} parameter value (RFC 6749 §3.3): the scopes sorted, joined by spaces. */
  public static String formatScope(Set<String> scopes) {
    if (scopes.size() == 1) {
      return scopes.iterator().next();
    }
    String[] sorted = scopes.toArray(new String[0]);
    Arrays.sort(sorted);
    return String.join(" ", sorted);
  }

  @Override
  public String toString() {
    return "TokenResponse[accessToken=[redacted], expiresIn="
        + expiresIn
        + ", refreshToken="
        + (refreshToken == null ? "none" : "[redacted]")
        + ", scopes="
        + formatScope(scopes)
        + "]";
  }
}
