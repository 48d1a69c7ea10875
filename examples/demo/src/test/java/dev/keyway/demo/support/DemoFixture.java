package dev.keyway.demo.support;

import dev.keyway.demo.DemoConfig;
import dev.keyway.demo.DemoHost;
import dev.keyway.demo.HostKind;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A demo server on a free port with known secrets, and the redirect URIs a test can land on. Close
 * it after the test.
 */
public final class DemoFixture implements AutoCloseable {

  public static final String DEMO_CLIENT_SECRET = "demo-client-secret-for-tests";
  public static final String OTHER_CLIENT_SECRET = "other-client-secret-for-tests";
  public static final String RESOURCE_SERVER_SECRET = "resource-server-secret-for-tests";
  public static final String ALICE_PASSWORD = "wonderland";

  private final DemoHost host;
  private final CallbackServer callback;

  private DemoFixture(DemoHost host, CallbackServer callback) {
    this.host = host;
    this.callback = callback;
  }

  /** Starts the given host with the callback server's localhost URI registered for every client. */
  public static DemoFixture start(HostKind kind) throws IOException {
    return start(kind, Clock.systemUTC());
  }

  /** As {@link #start(HostKind)}, with every expiry measured by {@code clock}. */
  public static DemoFixture start(HostKind kind, Clock clock) throws IOException {
    CallbackServer callback = new CallbackServer();
    Map<String, String> env = new HashMap<>();
    env.put("PORT", "0");
    env.put("DEMO_CLIENT_SECRET", DEMO_CLIENT_SECRET);
    env.put("OTHER_CLIENT_SECRET", OTHER_CLIENT_SECRET);
    env.put("RESOURCE_SERVER_SECRET", RESOURCE_SERVER_SECRET);
    env.put("DEMO_REDIRECT_URIS", callback.localhostUri());
    try {
      return new DemoFixture(kind.start(DemoConfig.fromEnvironment(env), clock), callback);
    } catch (IOException | RuntimeException e) {
      callback.close();
      throw e;
    }
  }

  /** The base URL, for example {@code http://localhost:41234}. */
  public URI base() {
    return URI.create("http://localhost:" + host.port());
  }

  /** The issuer, as the server reports it in {@code iss}. */
  public String issuer() {
    return host.app().server().settings().issuerString();
  }

  public DemoHost host() {
    return host;
  }

  public CallbackServer callback() {
    return callback;
  }

  @Override
  public void close() {
    host.close();
    callback.close();
  }
}
