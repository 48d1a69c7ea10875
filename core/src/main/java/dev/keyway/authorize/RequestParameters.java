package dev.keyway.authorize;

import dev.keyway.OAuthError;
import dev.keyway.internal.FormDecoder;
import dev.keyway.internal.Parameters;
import dev.keyway.spi.OAuthRequest;
import java.util.List;
import java.util.Locale;

/**
 * Reads the parameters of a request to the authorization endpoint: the query of a {@code GET}, or
 * the {@code application/x-www-form-urlencoded} body of a {@code POST} (RFC 6749 §3.1), decoded
 * strictly by {@link FormDecoder}. Anything that cannot be read one unambiguous way is refused.
 */
final class RequestParameters {

  private static final String FORM = "application/x-www-form-urlencoded";

  private RequestParameters() {}

  /** The outcome of reading: the parameters, or why they could not be read. */
  sealed interface Result permits Decoded, Rejected {}

  /** The decoded parameters. */
  record Decoded(Parameters params) implements Result {}

  /** The request could not be read; {@code error} is shown to the user. */
  record Rejected(OAuthError error) implements Result {}

  /** A {@code GET}'s query or a {@code POST}'s form body; any other method is refused. */
  static Result queryOrForm(OAuthRequest request, int maxBodyBytes) {
    if (request.method().equals("GET")) {
      try {
        return new Decoded(FormDecoder.decode(request.rawQuery().orElse(null)));
      } catch (FormDecoder.MalformedFormException e) {
        return new Rejected(
            OAuthError.invalidRequest("The request parameters are not valid form encoding"));
      }
    }
    if (request.method().equals("POST")) {
      return form(request, maxBodyBytes);
    }
    return new Rejected(
        OAuthError.invalidRequest("The authorization endpoint accepts GET and POST only"));
  }

  /** A {@code POST}'s form body; the query string, if any, is not read. */
  static Result form(OAuthRequest request, int maxBodyBytes) {
    if (!request.method().equals("POST")) {
      return new Rejected(OAuthError.invalidRequest("This request must be a POST"));
    }
    List<String> contentTypes = request.headers("Content-Type");
    if (contentTypes.size() != 1 || !isForm(contentTypes.get(0))) {
      return new Rejected(
          OAuthError.invalidRequest("The request body must be application/x-www-form-urlencoded"));
    }
    byte[] body = request.body();
    if (request.bodyTooLarge() || body.length > maxBodyBytes) {
      return new Rejected(OAuthError.invalidRequest("The request body is too large"));
    }
    try {
      return new Decoded(FormDecoder.decode(body));
    } catch (FormDecoder.MalformedFormException e) {
      return new Rejected(
          OAuthError.invalidRequest("The request parameters are not valid form encoding"));
    }
  }

  private static boolean isForm(String contentType) {
    int semicolon = contentType.indexOf(';');
    String mediaType = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return mediaType.trim().toLowerCase(Locale.ROOT).equals(FORM);
  }
}
