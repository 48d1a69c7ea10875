package dev.keyway.internal;

import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;
import dev.keyway.spi.OAuthRequest;
import java.util.List;
import java.util.Locale;

/**
 * The front door shared by the token, revocation and introspection endpoints: a request must be a
 * {@code POST} (RFC 6749 §3.2; otherwise 405 with {@code Allow: POST}), carry a form body ({@code
 * application/x-www-form-urlencoded}, UTF-8) no larger than the configured limit (413), send no
 * parameters in the query string (they would be silently merged by many frameworks, and credentials
 * there leak into logs: RFC 6749 §2.3.1), and repeat no parameter (§3.2).
 */
public final class FormPost {

  private static final String FORM = "application/x-www-form-urlencoded";

  private FormPost() {}

  /** The outcome of reading a form POST. */
  public sealed interface Result {}

  /** The decoded parameters of a well-formed request. */
  public record Accepted(Parameters parameters) implements Result {}

  /** The request was refused; send {@code response}. */
  public record Refused(OAuthResponse response) implements Result {}

  /** Applies every check in order and decodes the body. */
  public static Result read(OAuthRequest request, int maxBodyBytes) {
    if (!"POST".equals(request.method())) {
      return new Refused(
          OAuthError.invalidRequest("This endpoint accepts POST only")
              .withStatus(405)
              .toJsonResponse()
              .withHeader("Allow", "POST"));
    }
    byte[] body = request.body();
    if (request.bodyTooLarge() || body.length > maxBodyBytes) {
      return refused(OAuthError.invalidRequest("The request body is too large").withStatus(413));
    }
    if (!isFormContentType(request.headers("content-type"))) {
      return refused(
          OAuthError.invalidRequest("The body must be application/x-www-form-urlencoded (UTF-8)"));
    }
    if (request.rawQuery().isPresent()) {
      return refused(
          OAuthError.invalidRequest("Parameters must be sent in the request body, not the URL"));
    }
    Parameters params;
    try {
      params = FormDecoder.decode(body);
    } catch (FormDecoder.MalformedFormException e) {
      return refused(OAuthError.invalidRequest(e.getMessage()));
    }
    if (params.anyRepeated().isPresent()) {
      return refused(OAuthError.invalidRequest("A parameter is included more than once"));
    }
    return new Accepted(params);
  }

  private static Refused refused(OAuthError error) {
    return new Refused(error.toJsonResponse());
  }

  /** True for exactly one Content-Type header naming the form media type, charset UTF-8 if any. */
  public static boolean isFormContentType(List<String> values) {
    if (values.size() != 1) {
      return false;
    }
    String value = values.get(0);
    if (value.equalsIgnoreCase(FORM)) {
      return true; // the usual header, without parameters
    }
    String[] parts = value.split(";", -1);
    if (!parts[0].trim().toLowerCase(Locale.ROOT).equals(FORM)) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=")) {
        String charset = p.substring("charset=".length()).replace("\"", "");
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          return false;
        }
      }
    }
    return true;
  }
}
