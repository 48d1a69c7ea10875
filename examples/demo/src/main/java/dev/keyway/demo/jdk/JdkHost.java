package dev.keyway.demo.jdk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keyway.demo.DemoConfig;
import dev.keyway.demo.DemoHost;
import dev.keyway.demo.DemoStores;
import dev.keyway.demo.DemoWiring;
import dev.keyway.demo.HostKind;
import dev.keyway.demo.web.DemoApp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo on the JDK's built-in {@code com.sun.net.httpserver}: no web framework, one handler for
 * every path. Proves that Keyway needs nothing but a request and a response.
 */
public final class JdkHost implements DemoHost {

  private static final Logger LOG = LoggerFactory.getLogger(JdkHost.class);
  private static final int STOP_DELAY_SECONDS = 1;

  private final HttpServer server;
  private final ExecutorService executor;
  private final DemoApp app;

  private JdkHost(HttpServer server, ExecutorService executor, DemoApp app) {
    this.server = server;
    this.executor = executor;
    this.app = app;
  }

  /**
   * Binds {@code config.port()} (throwing {@link java.net.BindException} when it is taken) and
   * starts.
   */
  public static JdkHost start(DemoConfig config, DemoStores stores, Clock clock)
      throws IOException {
    InetSocketAddress address =
        new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.port());
    HttpServer server = HttpServer.create(address, 0);
    int port = server.getAddress().getPort();
    DemoApp app;
    try {
      app =
          DemoWiring.build(
              config, stores, config.issuerFor(port), clock, HostKind.JDK.displayName());
    } catch (RuntimeException e) {
      // A server that never started keeps its socket registered with an idle selector, so
      // stop() alone would not release the port: start it, then stop it at once.
      server.start();
      server.stop(0);
      throw e;
    }
    ExecutorService executor = Executors.newFixedThreadPool(16, threads());
    server.setExecutor(executor);
    server.createContext("/", exchange -> handle(app, exchange));
    server.start();
    return new JdkHost(server, executor, app);
  }

  private static void handle(DemoApp app, HttpExchange exchange) throws IOException {
    try {
      int maxBody = app.server().settings().maxBodyBytes();
      HttpExchangeAdapter.write(
          app.handle(HttpExchangeAdapter.toOAuthRequest(exchange, maxBody)), exchange);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Exchange failed", e);
      exchange.close();
    }
  }

  @Override
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public URI issuer() {
    return app.server().settings().issuer();
  }

  @Override
  public DemoApp app() {
    return app;
  }

  @Override
  public void close() {
    server.stop(STOP_DELAY_SECONDS);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(STOP_DELAY_SECONDS, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "keyway-demo-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
