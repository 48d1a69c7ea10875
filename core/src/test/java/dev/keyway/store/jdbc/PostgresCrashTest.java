package dev.keyway.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RotateResult;
import dev.keyway.store.jdbc.JdbcTestFamilies.Family;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RL-15 on PostgreSQL: a JVM killed ({@code destroyForcibly}, SIGKILL) while its rotation is inside
 * the transaction leaves nothing half-written; the database rolls the transaction back and the old
 * refresh token still works.
 */
class PostgresCrashTest {

  private static TestDatabase db;

  @BeforeAll
  static void open() {
    db = TestDatabase.postgres("crash");
  }

  @AfterAll
  static void close() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  @DisplayName(
      "RL-15 a process killed mid-rotation leaves the old refresh token usable and no successor")
  void processKilledInsideARotationTransactionWritesNothing() throws Exception {
    JdbcTokenStore tokens = new JdbcTokenStore(db.newDataSource());
    Family f = JdbcTestFamilies.stored(tokens, "alice", "c1");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                RotationCrashChild.class.getName(),
                db.location(),
                f.rt().value())
            .redirectErrorStream(true)
            .start();
    String blocked = null;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("BLOCKED ") || line.startsWith("NOT-REACHED")) {
          blocked = line;
          break;
        }
      }
      assertThat(blocked).as("the child reached the injected point").startsWith("BLOCKED ");
      String[] parts = blocked.split(" ");
      TokenHash successor = TokenHash.of(parts[1]);
      TokenHash accessToken = TokenHash.of(parts[2]);
      assertThat(tokens.findRefreshToken(successor)).as("uncommitted, so invisible").isEmpty();

      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

      RotateResult retry =
          tokens.rotate(
              f.rt(),
              JdbcTestFamilies.successorOf(f.refreshToken()),
              JdbcTestFamilies.accessTokenOf(f.refreshToken()),
              JdbcTestFamilies.NOW);
      assertThat(retry).as("the old token still rotates").isInstanceOf(RotateResult.Rotated.class);
      assertThat(((RotateResult.Rotated) retry).previous()).isEqualTo(f.refreshToken());
      assertThat(tokens.findRefreshToken(successor))
          .as("the killed rotation's successor")
          .isEmpty();
      assertThat(tokens.findAccessToken(accessToken))
          .as("the killed rotation's access token")
          .isEmpty();
      RefreshTokenRecord old = tokens.findRefreshToken(f.rt()).orElseThrow();
      assertThat(old.successorHash()).isNotEqualTo(successor);
      assertThat(db.count("keyway_refresh_token")).isEqualTo(2);
      assertThat(db.count("keyway_access_token")).isEqualTo(2);
    } finally {
      child.destroyForcibly();
    }
  }
}
