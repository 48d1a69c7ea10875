package dev.keyway.demo.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A client's redirect endpoint for tests: answers {@code GET /callback} with a small page and
 * records every request URI, so a browser test lands somewhere real after authorization.
 */
public final class CallbackServer implements AutoCloseable {

  private final HttpServer server;
  private final BlockingQueue<URI> received = new LinkedBlockingQueue<>();

  public CallbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/callback",
        exchange -> {
          received.add(exchange.getRequestURI());
          byte[] body =
              "<!doctype html><title>Callback</title><h1 id=\"callback\">Callback received</h1>"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html;charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /**
   * {@code http://localhost:<port>/callback}: the exact-match redirect URI for confidential
   * clients.
   */
  public String localhostUri() {
    return "http://localhost:" + server.getAddress().getPort() + "/callback";
  }

  /** {@code http://127.0.0.1:<port>/callback}: matches demo-public's loopback registration. */
  public String loopbackUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/callback";
  }

  /** Requests seen so far, oldest first. */
  public BlockingQueue<URI> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
