package dev.keyway.resource;

import dev.keyway.ErrorCode;
import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;
import dev.keyway.spi.OAuthRequest;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * RFC 6750 token extraction and challenges for {@link JwtBearerValidator}: only the {@code
 * Authorization: Bearer} header is read (a token in the query or the form body is ignored, OAuth
 * 2.1 §5.1); no header answers 401 with a bare challenge (§3.1), a malformed or repeated header
 * 400 {@code invalid_request}, a bad token 401 {@code invalid_token}, a missing scope 403 {@code
 * insufficient_scope}.
 */
final class JwtChallenges {

  /** The RFC 6750 §2.1 {@code b64token} syntax. */
  private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  /** What the request presented. */
  sealed interface Presented {}

  /** A syntactically valid bearer token. */
  record Token(String value) implements Presented {
    @Override
    public String toString() {
      return "Token[redacted]";
    }
  }

  /** No usable token: answer {@code response}. */
  record Missing(OAuthResponse response) implements Presented {}

  private final String realm;

  JwtChallenges(String realm) {
    this.realm = realm.replace("\"", "").replace("\\", "");
  }

  Presented extract(OAuthRequest request) {
    List<String> headers = request.headers("Authorization");
    if (headers.isEmpty()) {
      return new Missing(unauthenticated());
    }
    if (headers.size() > 1) {
      return new Missing(invalidRequest("Only one Authorization header is allowed").response());
    }
    String header = headers.get(0);
    if (header.length() < 6 || !header.regionMatches(true, 0, "Bearer", 0, 6)) {
      return new Missing(unauthenticated());
    }
    if (header.length() < 8 || header.charAt(6) != ' ' || !B64TOKEN.matcher(header.substring(7)).matches()) {
      return new Missing(invalidRequest("The Authorization header is not a valid Bearer credential").response());
    }
    return new Token(header.substring(7));
  }

  BearerResult.Rejected invalidToken() {
    String challenge = "Bearer realm=\"" + realm + "\", error=\"invalid_token\"";
    return new BearerResult.Rejected(
        OAuthError.of(ErrorCode.INVALID_TOKEN, "The access token is invalid or expired")
            .withChallenge(challenge)
            .toJsonResponse());
  }

  BearerResult.Rejected insufficientScope(Set<String> required) {
    String scope = String.join(" ", new TreeSet<>(required));
    String challenge = "Bearer realm=\"" + realm + "\", error=\"insufficient_scope\", scope=\"" + scope + "\"";
    return new BearerResult.Rejected(
        OAuthError.of(ErrorCode.INSUFFICIENT_SCOPE, "The access token lacks a required scope")
            .withChallenge(challenge)
            .toJsonResponse());
  }

  private BearerResult.Rejected invalidRequest(String description) {
    String challenge = "Bearer realm=\"" + realm + "\", error=\"invalid_request\"";
    return new BearerResult.Rejected(
        OAuthError.invalidRequest(description).withChallenge(challenge).toJsonResponse());
  }

  private OAuthResponse unauthenticated() {
    return OAuthResponse.empty(401).withHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
  }
}
