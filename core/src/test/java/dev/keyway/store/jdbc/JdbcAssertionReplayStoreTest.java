package dev.keyway.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.internal.Hashing;
import dev.keyway.spi.client.AssertionReplayStore;
import dev.keyway.store.contract.AssertionReplayStoreContract;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class JdbcAssertionReplayStoreTest extends AssertionReplayStoreContract {

  private DataSource dataSource;

  @Override
  protected AssertionReplayStore newStore() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:assertions-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource = h2;
    createSchema(h2);
    return new JdbcAssertionReplayStore(h2);
  }

  static void createSchema(DataSource ds) {
    try (InputStream in = JdbcAssertionReplayStore.class.getClassLoader()
            .getResourceAsStream(JdbcAssertionReplayStore.SCHEMA_RESOURCE);
        Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
      for (String statement : sql.split(";")) {
        if (!statement.isBlank()) {
          st.execute(statement);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void onlyTheHashIsStored() throws Exception {
    AssertionReplayStore store = newStore();
    store.markUsed(Hashing.tokenHash("the-raw-jti"), "c1", NOW.plusSeconds(60), NOW);
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT client_id, jti_hash FROM keyway_used_assertion")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("jti_hash")).isEqualTo(Hashing.tokenHash("the-raw-jti").value()).doesNotContain("the-raw-jti");
    }
  }

  @Test
  void aDatabaseFailureIsThrownAsUncheckedAndLeaksNoJti() throws Exception {
    DataSource failing = Mockito.mock(DataSource.class);
    Mockito.when(failing.getConnection()).thenThrow(new SQLException("connection refused"));
    JdbcAssertionReplayStore store = new JdbcAssertionReplayStore(failing);
    assertThatThrownBy(() -> store.markUsed(Hashing.tokenHash("x"), "c1", NOW.plusSeconds(60), NOW))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("x");
  }
}
