package dev.keyway.demo.servlet;

import dev.keyway.demo.web.DemoApp;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * One servlet for every route: adapts the request, lets {@link DemoApp} answer, writes the answer.
 */
public final class KeywayServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient DemoApp app;

  /** A servlet that serves {@code app} on every path it is mapped to. */
  public KeywayServlet(DemoApp app) {
    this.app = app;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    int maxBody = app.server().settings().maxBodyBytes();
    ServletAdapter.write(app.handle(ServletAdapter.toOAuthRequest(request, maxBody)), response);
  }
}
