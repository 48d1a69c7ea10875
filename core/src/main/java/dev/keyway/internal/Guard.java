package dev.keyway.internal;

import dev.keyway.OAuthError;
import dev.keyway.OAuthResponse;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of an endpoint: an unexpected exception (a store outage, a bug) becomes a JSON
 * {@code server_error} with status 500 and {@code no-store}, and is logged with its cause for
 * operators. Nothing of it reaches the client: no stack trace, no message.
 */
public final class Guard {

  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

  private Guard() {}

  /** Runs the endpoint, turning any {@link RuntimeException} into {@code server_error}. */
  public static OAuthResponse json(String endpoint, Supplier<OAuthResponse> handler) {
    try {
      return handler.get();
    } catch (RuntimeException e) {
      LOG.error("{} endpoint failed", endpoint, e);
      return OAuthError.serverError().toJsonResponse();
    }
  }

  /**
   * Like {@link #json(String, Supplier)} for a handler that takes the request as its argument, so
   * that an endpoint can keep one handler in a field instead of capturing the request in a new
   * lambda per call.
   */
  public static <T> OAuthResponse json(
      String endpoint, T request, Function<T, OAuthResponse> handler) {
    try {
      return handler.apply(request);
    } catch (RuntimeException e) {
      LOG.error("{} endpoint failed", endpoint, e);
      return OAuthError.serverError().toJsonResponse();
    }
  }
}
