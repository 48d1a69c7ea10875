package dev.keyway.demo.servlet;

import dev.keyway.OAuthResponse;
import dev.keyway.demo.web.DemoApp;
import dev.keyway.spi.OAuthRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * Converts between the servlet API and Keyway's neutral request and response. This is all the glue
 * a servlet host needs; see {@code docs/integration-servlet.md} for a line-by-line reading.
 */
public final class ServletAdapter {

  private ServletAdapter() {}

  /**
   * Copies the method, the raw path and query, every header and at most {@code maxBodyBytes} of the
   * raw body. Never calls {@code getParameter}: it would merge query and body and hide duplicates,
   * which Keyway must see to reject them.
   */
  public static OAuthRequest toOAuthRequest(HttpServletRequest request, int maxBodyBytes)
      throws IOException {
    OAuthRequest.Builder builder =
        OAuthRequest.builder(request.getMethod())
            .path(request.getRequestURI())
            .rawQuery(request.getQueryString());
    for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
        builder.header(name, values.nextElement());
      }
    }
    builder.body(request.getInputStream(), maxBodyBytes);
    if (request.isSecure()) {
      builder.attribute(DemoApp.SECURE_ATTRIBUTE, Boolean.TRUE);
    }
    return builder.build();
  }

  /** Writes status, headers and the UTF-8 body. */
  public static void write(OAuthResponse response, HttpServletResponse servletResponse)
      throws IOException {
    servletResponse.setStatus(response.status());
    response.headers().forEach(servletResponse::setHeader);
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    servletResponse.setContentLength(body.length);
    servletResponse.getOutputStream().write(body);
  }
}
