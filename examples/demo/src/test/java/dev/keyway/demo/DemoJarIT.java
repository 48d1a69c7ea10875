package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.demo.support.HttpUserAgent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged jar, started the way README tells a newcomer to: it prints what it serves, serves
 * it, refuses a taken port with a clear message and a non-zero status, and stops cleanly on
 * SIGTERM. Runs in the integration-test phase, after the jar is built.
 */
class DemoJarIT {

  private static final String END_OF_BANNER = "Press Ctrl-C to stop.";

  @ParameterizedTest
  @ValueSource(strings = {"--jetty", "--jdk"})
  @DisplayName("java -jar keyway-demo.jar: banner, pages, port taken, graceful SIGTERM")
  void theJarRunsAsDocumented(String host) throws Exception {
    Path jar = Path.of(System.getProperty("demo.jar", "target/keyway-demo.jar"));
    assertThat(jar).isRegularFile();

    Process demo = start(jar, host, "0");
    try {
      BlockingQueue<String> out = lines(demo.getInputStream());
      StringBuilder banner = new StringBuilder();
      String line;
      while ((line = out.poll(60, TimeUnit.SECONDS)) != null && !line.equals(END_OF_BANNER)) {
        banner.append(line).append('\n');
      }
      assertThat(line).as("banner ended; printed so far:\n%s", banner).isEqualTo(END_OF_BANNER);
      assertThat(banner.toString())
          .contains("Store: in memory")
          .contains("alice / wonderland")
          .contains("bob   / builder")
          .containsPattern("demo-client +confidential +client_secret=jar-test-secret\n")
          .containsPattern(
              "other-client +confidential +client_secret=[A-Za-z0-9_-]{43}   \\(generated")
          .containsPattern("demo-public +public +no secret")
          .containsPattern("demo-resource-server +resource server +client_secret=")
          .contains("http://localhost:3000/callback");
      String issuer =
          banner
              .toString()
              .lines()
              .filter(l -> l.startsWith("Issuer: "))
              .findFirst()
              .orElseThrow()
              .substring(8);
      int port = URI.create(issuer).getPort();

      HttpUserAgent browser = new HttpUserAgent();
      HttpResponse<String> home = browser.get(URI.create(issuer + "/"));
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.body()).contains("Keyway demo server");
      assertThat(browser.get(URI.create(issuer + "/.well-known/oauth-authorization-server")).body())
          .contains("\"issuer\":\"" + issuer + "\"");

      Process second = start(jar, host, String.valueOf(port));
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isEqualTo(2);
      assertThat(new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
          .contains("port " + port)
          .contains("already in use");

      // SIGTERM through the handle: Process.destroy() would also close our end of stdout.
      assertThat(demo.toHandle().destroy()).isTrue();
      assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
      StringBuilder rest = new StringBuilder();
      while ((line = out.poll(10, TimeUnit.SECONDS)) != null) {
        rest.append(line).append('\n');
        if (line.equals("Stopped.")) {
          break;
        }
      }
      assertThat(rest.toString()).contains("Stopping the Keyway demo...").contains("Stopped.");
    } finally {
      demo.destroyForcibly();
    }
  }

  private static Process start(Path jar, String host, String port) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-jar", jar.toString(), host));
    pb.environment().put("PORT", port);
    pb.environment().put("DEMO_CLIENT_SECRET", "jar-test-secret");
    pb.environment().remove("OTHER_CLIENT_SECRET");
    pb.environment().remove("ISSUER");
    pb.environment()
        .remove("KEYWAY_JDBC_URL"); // in memory here; DemoJarPostgresIT runs it on PostgreSQL
    pb.environment().remove("DEMO_REDIRECT_URIS");
    pb.environment().remove("DEMO_ALICE_PASSWORD");
    pb.environment().remove("DEMO_BOB_PASSWORD");
    Files.createDirectories(Path.of("target"));
    return pb.start();
  }

  /** Reads a stream's lines on a daemon thread, so the test can wait for them with a bound. */
  private static BlockingQueue<String> lines(InputStream in) {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                  queue.add(l);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "demo-stdout");
    reader.setDaemon(true);
    reader.start();
    return queue;
  }
}
