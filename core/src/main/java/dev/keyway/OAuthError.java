package dev.keyway;

import dev.keyway.internal.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * A protocol error: the RFC error code, a human-readable description, the HTTP status, and, when
 * the client used HTTP Basic, the {@code WWW-Authenticate} challenge to send back.
 *
 * <p>The description is always one of Keyway's own fixed sentences, never an echo of request input,
 * and is restricted to the characters RFC 6749 §5.2 allows ({@code %x20-21 / %x23-5B / %x5D-7E});
 * any other character is replaced by {@code ?}. Internal details (a store's exception, which part
 * of a credential was wrong) go to the log, never here.
 *
 * @param code the error code
 * @param description the {@code error_description}, or {@code null}
 * @param status the HTTP status
 * @param wwwAuthenticate the {@code WWW-Authenticate} header value, or {@code null}
 */
public record OAuthError(ErrorCode code, String description, int status, String wwwAuthenticate) {

  public OAuthError {
    Objects.requireNonNull(code, "code");
    description = description == null ? null : sanitize(description);
  }

  /** An error with the code's usual status. */
  public static OAuthError of(ErrorCode code, String description) {
    return new OAuthError(code, description, code.defaultStatus(), null);
  }

  public static OAuthError invalidRequest(String description) {
    return of(ErrorCode.INVALID_REQUEST, description);
  }

  public static OAuthError invalidGrant(String description) {
    return of(ErrorCode.INVALID_GRANT, description);
  }

  public static OAuthError invalidScope(String description) {
    return of(ErrorCode.INVALID_SCOPE, description);
  }

  public static OAuthError unauthorizedClient(String description) {
    return of(ErrorCode.UNAUTHORIZED_CLIENT, description);
  }

  /** {@code server_error}, 500: something failed inside; the cause belongs in the log. */
  public static OAuthError serverError() {
    return of(ErrorCode.SERVER_ERROR, "The server could not complete the request");
  }

  /** The same error with another HTTP status. */
  public OAuthError withStatus(int newStatus) {
    return new OAuthError(code, description, newStatus, wwwAuthenticate);
  }

  /** The same error carrying a {@code WWW-Authenticate} challenge. */
  public OAuthError withChallenge(String challenge) {
    return new OAuthError(code, description, status, challenge);
  }

  /** The challenge, if any. */
  public Optional<String> challenge() {
    return Optional.ofNullable(wwwAuthenticate);
  }

  /**
   * The JSON error response of RFC 6749 §5.2: {@code {"error":...,"error_description":...}} with
   * {@code Cache-Control: no-store}, {@code Pragma: no-cache} and the challenge header if set.
   */
  public OAuthResponse toJsonResponse() {
    Json.ObjectWriter body = Json.object().put("error", code.wireName());
    if (description != null) {
      body.put("error_description", description);
    }
    OAuthResponse response = OAuthResponse.json(status, body.toString());
    return wwwAuthenticate == null
        ? response
        : response.withHeader("WWW-Authenticate", wwwAuthenticate);
  }

  private static String sanitize(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed =
          (c >= 0x20 && c <= 0x21) || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
      sb.append(allowed ? c : '?');
    }
    return sb.toString();
  }
}
