package dev.keyway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keyway.demo.support.HttpUserAgent;
import dev.keyway.demo.support.OAuthFlow;
import dev.keyway.demo.support.Query;
import dev.keyway.demo.support.SeedForms;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar on PostgreSQL ({@code KEYWAY_JDBC_URL}), as processes: a full code flow, a
 * second instance on the same database while the first runs, and a restart. Uses the test
 * PostgreSQL of {@code KEYWAY_TEST_POSTGRES_URL} (with {@code _USER} and {@code _PASSWORD}), in a
 * schema of its own that it drops afterwards; skipped locally without it, a failure when {@code
 * CI=true}.
 */
class DemoJarPostgresIT {

  private static final String END_OF_BANNER = "Press Ctrl-C to stop.";
  private static final String SECRET = "jar-pg-secret";
  private static final String CALLBACK = "http://localhost:3000/callback";
  private static final String AUTHORIZE =
      "/oauth2/authorize?client_id=demo-client&redirect_uri="
          + CALLBACK
          + "&response_type=code&scope=profile";

  private final List<Demo> running = new ArrayList<>();

  @Test
  @DisplayName(
      "RL-13 java -jar keyway-demo.jar on PostgreSQL: full flow, a second instance shares the state, a restart keeps it")
  void theJarRunsOnPostgres() throws Exception {
    String baseUrl = System.getenv("KEYWAY_TEST_POSTGRES_URL");
    if (baseUrl == null || baseUrl.isBlank()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(
            "KEYWAY_TEST_POSTGRES_URL is not set: CI must run the demo on PostgreSQL (see .ci/run)");
      }
      Assumptions.abort(
          "KEYWAY_TEST_POSTGRES_URL is not set; the demo's PostgreSQL test is skipped");
    }
    String schema = "keyway_demo_it_" + UUID.randomUUID().toString().substring(0, 8);
    execute(baseUrl, "CREATE SCHEMA " + schema);
    String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    try {
      Demo a = start("--jetty", url);
      assertThat(a.banner).contains("Store: PostgreSQL at " + baseUrl.split("\\?")[0]);
      assertThat(count(url, "keyway_client")).as("demo clients seeded").isEqualTo(4);

      // A full flow on a: sign in, consent, code, tokens, the protected resource.
      Map<String, Object> alice = exchange(a, code(new OAuthFlow(a.base), "alice", "wonderland"));
      String at1 = (String) alice.get("access_token");
      String rt1 = (String) alice.get("refresh_token");
      assertThat(a.flow().me(at1).statusCode()).isEqualTo(200);
      assertThat(count(url, "keyway_access_token WHERE token_hash = '" + sha256(at1) + "'"))
          .as("the token is in PostgreSQL, by hash")
          .isEqualTo(1);

      // b starts on the same database while a runs: seeding leaves it as it was; state is shared.
      Demo b = start("--jdk", url);
      assertThat(count(url, "keyway_client")).isEqualTo(4);
      assertThat(b.flow().me(at1).statusCode()).as("a's token on b").isEqualTo(200);
      Map<String, Object> refreshed = json(b.flow().token(refreshForm(rt1)), 200);
      String at2 = (String) refreshed.get("access_token");
      assertThat(a.flow().me(at2).statusCode()).as("b's token on a").isEqualTo(200);
      assertThat(json(a.flow().token(refreshForm(rt1)), 400).get("error"))
          .as("reuse, seen by a")
          .isEqualTo("invalid_grant");
      assertThat(b.flow().me(at2).statusCode())
          .as("the family is revoked for b too")
          .isEqualTo(401);

      OAuthFlow bob = new OAuthFlow(b.base);
      Map<String, Object> bobs = exchange(b, code(bob, "bob", "builder"));
      HttpResponse<String> again =
          bob.browser().get(b.base.resolve(AUTHORIZE)); // consent remembered
      assertThat(again.statusCode()).isEqualTo(302);
      String pendingCode = Query.params(HttpUserAgent.location(again)).get("code");

      a.stop();
      b.stop();
      Demo c = start("--jetty", url);
      assertThat(count(url, "keyway_client"))
          .as("restart: still the four demo clients")
          .isEqualTo(4);
      assertThat(c.flow().me((String) bobs.get("access_token")).statusCode()).isEqualTo(200);
      assertThat(json(c.flow().token(refreshForm((String) bobs.get("refresh_token"))), 200))
          .containsKey("access_token");
      assertThat(json(c.flow().token(codeForm(pendingCode)), 200))
          .as("a code from before the restart")
          .containsKey("access_token");
      assertThat(json(c.flow().token(codeForm(pendingCode)), 400).get("error"))
          .as("exactly once")
          .isEqualTo("invalid_grant");
      c.stop();
    } finally {
      running.forEach(d -> d.process.destroyForcibly());
      execute(baseUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static String code(OAuthFlow flow, String user, String password) {
    URI landed = flow.authorize(AUTHORIZE, user, password, "allow");
    assertThat(landed.toString()).startsWith(CALLBACK + "?");
    return Query.params(landed).get("code");
  }

  private static Map<String, Object> exchange(Demo demo, String code) {
    Map<String, Object> tokens = json(demo.flow().token(codeForm(code)), 200);
    assertThat(tokens).containsKeys("access_token", "refresh_token");
    return tokens;
  }

  private static String codeForm(String code) {
    return SeedForms.codeExchange("demo-client", SECRET, code, CALLBACK);
  }

  private static String refreshForm(String refreshToken) {
    return SeedForms.refresh("demo-client", SECRET, refreshToken);
  }

  private static Map<String, Object> json(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as("status of %s", response.uri()).isEqualTo(status);
    return OAuthFlow.json(response.body());
  }

  /** The base64url SHA-256 of a token, as the stores key it. */
  private static String sha256(String token) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(
        url,
        System.getenv("KEYWAY_TEST_POSTGRES_USER"),
        System.getenv("KEYWAY_TEST_POSTGRES_PASSWORD"));
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = connect(url);
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static long count(String url, String tableAndWhere) throws SQLException {
    try (Connection c = connect(url);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + tableAndWhere)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private Demo start(String host, String jdbcUrl) throws Exception {
    Path jar = Path.of(System.getProperty("demo.jar", "target/keyway-demo.jar"));
    assertThat(jar).isRegularFile();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-jar", jar.toString(), host));
    pb.environment().put("PORT", "0");
    pb.environment().put("DEMO_CLIENT_SECRET", SECRET);
    pb.environment().put("OTHER_CLIENT_SECRET", "other-" + SECRET);
    pb.environment().put("RESOURCE_SERVER_SECRET", "rs-" + SECRET);
    pb.environment().put("KEYWAY_JDBC_URL", jdbcUrl);
    putOrRemove(pb, "KEYWAY_JDBC_USER", System.getenv("KEYWAY_TEST_POSTGRES_USER"));
    putOrRemove(pb, "KEYWAY_JDBC_PASSWORD", System.getenv("KEYWAY_TEST_POSTGRES_PASSWORD"));
    List.of("ISSUER", "DEMO_REDIRECT_URIS", "DEMO_ALICE_PASSWORD", "DEMO_BOB_PASSWORD")
        .forEach(pb.environment()::remove);
    Demo demo = new Demo(pb.start());
    running.add(demo);
    demo.readBanner();
    return demo;
  }

  private static void putOrRemove(ProcessBuilder pb, String name, String value) {
    if (value == null || value.isEmpty()) {
      pb.environment().remove(name);
    } else {
      pb.environment().put(name, value);
    }
  }

  /** One demo process: its stdout lines, its banner and its base URL. */
  private static final class Demo {
    final Process process;
    final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    String banner;
    URI base;

    Demo(Process process) {
      this.process = process;
      Thread reader = new Thread(() -> read(process.getInputStream()), "demo-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    private void read(InputStream in) {
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          out.add(l);
        }
      } catch (IOException e) {
        // the process ended
      }
    }

    void readBanner() throws Exception {
      StringBuilder b = new StringBuilder();
      String line;
      while ((line = out.poll(60, TimeUnit.SECONDS)) != null && !line.equals(END_OF_BANNER)) {
        b.append(line).append('\n');
      }
      String stderr =
          process.isAlive()
              ? ""
              : new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(line)
          .as("banner ended; printed so far:\n%s%s", b, stderr)
          .isEqualTo(END_OF_BANNER);
      banner = b.toString();
      base =
          URI.create(
              banner
                  .lines()
                  .filter(l -> l.startsWith("Issuer: "))
                  .findFirst()
                  .orElseThrow()
                  .substring(8));
    }

    /** A fresh client/browser for this instance. */
    OAuthFlow flow() {
      return new OAuthFlow(base);
    }

    void stop() throws Exception {
      assertThat(process.toHandle().destroy()).isTrue();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
      StringBuilder rest = new StringBuilder();
      String line;
      while ((line = out.poll(10, TimeUnit.SECONDS)) != null && !line.equals("Stopped.")) {
        rest.append(line).append('\n');
      }
      assertThat(line).as("after SIGTERM:\n%s", rest).isEqualTo("Stopped.");
    }
  }
}
