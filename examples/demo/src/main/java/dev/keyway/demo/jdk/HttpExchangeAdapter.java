package dev.keyway.demo.jdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.keyway.OAuthResponse;
import dev.keyway.demo.web.DemoApp;
import dev.keyway.spi.OAuthRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Converts between the JDK's {@link HttpExchange} and Keyway's neutral request and response. */
public final class HttpExchangeAdapter {

  private HttpExchangeAdapter() {}

  /**
   * Copies the method, the raw path and query, every header and at most {@code maxBodyBytes} of
   * body.
   */
  public static OAuthRequest toOAuthRequest(HttpExchange exchange, int maxBodyBytes)
      throws IOException {
    URI uri = exchange.getRequestURI();
    OAuthRequest.Builder builder =
        OAuthRequest.builder(exchange.getRequestMethod())
            .path(uri.getRawPath())
            .rawQuery(uri.getRawQuery());
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      for (String value : header.getValue()) {
        builder.header(header.getKey(), value);
      }
    }
    try (InputStream body = exchange.getRequestBody()) {
      builder.body(body, maxBodyBytes);
    }
    if (exchange instanceof HttpsExchange) {
      builder.attribute(DemoApp.SECURE_ATTRIBUTE, Boolean.TRUE);
    }
    return builder.build();
  }

  /** Writes status, headers and the UTF-8 body, then ends the exchange. */
  public static void write(OAuthResponse response, HttpExchange exchange) throws IOException {
    response.headers().forEach(exchange.getResponseHeaders()::set);
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    boolean noBody = body.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    // -1 tells the JDK server there is no body; 0 would mean "chunked".
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
    exchange.close();
  }
}
