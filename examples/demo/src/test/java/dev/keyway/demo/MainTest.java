package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void aTakenPortIsAClearMessageAndANonZeroStatus() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String port = String.valueOf(taken.getLocalPort());
      for (String host : new String[] {"--jetty", "--jdk"}) {
        err.reset();
        assertThat(run(Map.of("PORT", port), host)).as(host).isEqualTo(Main.EXIT_CONFIG);
        assertThat(err.toString(StandardCharsets.UTF_8))
            .as(host)
            .contains("port " + port)
            .contains("already in use");
      }
      assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
  }

  @Test
  void badArgumentsAndSettingsAreRefused() {
    assertThat(run(Map.of(), "--tomcat")).isEqualTo(Main.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unknown argument '--tomcat'")
        .contains("usage:");
    err.reset();
    assertThat(run(Map.of("PORT", "eighty"))).isEqualTo(Main.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("PORT must be a number");
    err.reset();
    assertThat(run(Map.of("PORT", "0", "ISSUER", "https://auth.example.com/tenant")))
        .isEqualTo(Main.EXIT_CONFIG);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("ISSUER must be an origin");
  }

  @Test
  void aHostThatFailsAfterBindingReleasesThePort() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    for (String host : new String[] {"--jetty", "--jdk"}) {
      // Keyway refuses a plain-http issuer that is not local, after the port was bound.
      err.reset();
      Map<String, String> env =
          Map.of("PORT", String.valueOf(port), "ISSUER", "http://auth.example.com");
      assertThat(run(env, host)).as(host).isEqualTo(Main.EXIT_CONFIG);
      assertThat(err.toString(StandardCharsets.UTF_8)).as(host).contains("issuer must use https");
      try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
        assertThat(again.getLocalPort()).as(host).isEqualTo(port);
      } catch (java.net.BindException e) {
        throw new AssertionError(host + " kept port " + port + " bound", e);
      }
    }
  }
}
