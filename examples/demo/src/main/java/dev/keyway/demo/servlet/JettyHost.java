package dev.keyway.demo.servlet;

import dev.keyway.demo.DemoConfig;
import dev.keyway.demo.DemoHost;
import dev.keyway.demo.DemoStores;
import dev.keyway.demo.DemoWiring;
import dev.keyway.demo.HostKind;
import dev.keyway.demo.web.DemoApp;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;

/** The demo on embedded Jetty 12: one {@link KeywayServlet} mapped to {@code /}. */
public final class JettyHost implements DemoHost {

  private static final long STOP_TIMEOUT_MS = 5_000;

  private final Server server;
  private final int port;
  private final DemoApp app;

  private JettyHost(Server server, int port, DemoApp app) {
    this.server = server;
    this.port = port;
    this.app = app;
  }

  /** Binds {@code config.port()} (failing fast when it is taken), then starts serving. */
  public static JettyHost start(DemoConfig config, DemoStores stores, Clock clock)
      throws IOException {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.bindAddress());
    connector.setPort(config.port());
    server.addConnector(connector);
    connector.open(); // binds now, so the issuer can name the real port
    int port = connector.getLocalPort();
    try {
      DemoApp app =
          DemoWiring.build(
              config, stores, config.issuerFor(port), clock, HostKind.JETTY.displayName());
      ServletContextHandler context = new ServletContextHandler();
      context.setContextPath("/");
      context.addServlet(new ServletHolder("keyway", new KeywayServlet(app)), "/");
      ErrorHandler errors = new ErrorHandler();
      errors.setShowStacks(false);
      errors.setShowMessageInTitle(false);
      server.setErrorHandler(errors);
      server.setHandler(new GracefulHandler(context));
      server.setStopTimeout(STOP_TIMEOUT_MS);
      server.start();
      return new JettyHost(server, port, app);
    } catch (Exception e) {
      stopQuietly(server);
      connector.close();
      if (e instanceof IOException io) {
        throw io;
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("Jetty did not start", e);
    }
  }

  @Override
  public int port() {
    return port;
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
    stopQuietly(server);
  }

  private static void stopQuietly(Server server) {
    try {
      server.stop();
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(JettyHost.class).warn("Jetty did not stop cleanly", e);
    }
  }
}
