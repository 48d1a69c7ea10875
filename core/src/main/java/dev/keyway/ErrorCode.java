package dev.keyway;

/**
 * The error codes Keyway answers with, by their wire names: RFC 6749 §4.1.2.1 and §5.2, RFC 7009
 * §2.2.1, RFC 6750 §3.1 and RFC 7591 §3.2.2.
 */
public enum ErrorCode {
  INVALID_REQUEST("invalid_request", 400),
  INVALID_CLIENT("invalid_client", 401),
  INVALID_GRANT("invalid_grant", 400),
  UNAUTHORIZED_CLIENT("unauthorized_client", 400),
  UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
  INVALID_SCOPE("invalid_scope", 400),
  ACCESS_DENIED("access_denied", 403),
  UNSUPPORTED_RESPONSE_TYPE("unsupported_response_type", 400),
  UNSUPPORTED_TOKEN_TYPE("unsupported_token_type", 400),
  SERVER_ERROR("server_error", 500),
  TEMPORARILY_UNAVAILABLE("temporarily_unavailable", 503),
  INVALID_TOKEN("invalid_token", 401),
  INSUFFICIENT_SCOPE("insufficient_scope", 403),
  INVALID_REDIRECT_URI("invalid_redirect_uri", 400),
  INVALID_CLIENT_METADATA("invalid_client_metadata", 400);

  private final String wireName;
  private final int defaultStatus;

  ErrorCode(String wireName, int defaultStatus) {
    this.wireName = wireName;
    this.defaultStatus = defaultStatus;
  }

  /** The {@code error} value on the wire, for example {@code invalid_grant}. */
  public String wireName() {
    return wireName;
  }

  /** The HTTP status this error usually travels with. */
  public int defaultStatus() {
    return defaultStatus;
  }
}
