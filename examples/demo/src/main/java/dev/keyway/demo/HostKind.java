package dev.keyway.demo;

import dev.keyway.demo.jdk.JdkHost;
import dev.keyway.demo.servlet.JettyHost;
import java.io.IOException;
import java.time.Clock;

/** The two ways the demo can be hosted; both serve the same {@link dev.keyway.demo.web.DemoApp}. */
public enum HostKind {
  /** Embedded Jetty 12, through a jakarta servlet (the default). */
  JETTY("Jetty 12 servlet host"),
  /** The JDK's own {@code com.sun.net.httpserver}, with no web framework at all. */
  JDK("JDK HttpServer host");

  private final String displayName;

  HostKind(String displayName) {
    this.displayName = displayName;
  }

  /** A name for people, for example {@code Jetty 12 servlet host}. */
  public String displayName() {
    return displayName;
  }

  /**
   * Binds the port, builds the demo for the resulting issuer and starts serving.
   *
   * @throws java.net.BindException (possibly as the cause of the thrown exception) when the port is
   *     taken
   */
  public DemoHost start(DemoConfig config, Clock clock) throws IOException {
    return start(config, DemoStores.open(config, clock), clock);
  }

  /**
   * As {@link #start(DemoConfig, Clock)}, on stores the caller opened and closes after the host.
   *
   * @throws java.net.BindException (possibly as the cause of the thrown exception) when the port is
   *     taken
   */
  public DemoHost start(DemoConfig config, DemoStores stores, Clock clock) throws IOException {
    return this == JETTY
        ? JettyHost.start(config, stores, clock)
        : JdkHost.start(config, stores, clock);
  }
}
