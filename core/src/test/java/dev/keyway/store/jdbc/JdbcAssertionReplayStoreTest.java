package dev.keyway.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.internal.Hashing;
import dev.keyway.spi.client.AssertionReplayStore;
import dev.keyway.store.contract.AssertionReplayStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/** The assertion replay store contract on H2 and on PostgreSQL (see TestDatabase). */
class JdbcAssertionReplayStoreTest {

  static TestDatabase h2;
  static TestDatabase postgres;

  @BeforeAll
  static void start() {
    h2 = TestDatabase.h2("assertions");
    JdbcAssertionReplayStore.createSchema(h2.newDataSource());
    JdbcAssertionReplayStore.createSchema(h2.newDataSource()); // idempotent
  }

  @AfterAll
  static void stop() {
    if (h2 != null) {
      h2.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  static AssertionReplayStore fresh(TestDatabase db) {
    TestDatabase.execute(db.newDataSource(), "DELETE FROM keyway_used_assertion");
    return new JdbcAssertionReplayStore(db.newDataSource());
  }

  @Nested
  class OnH2 extends AssertionReplayStoreContract {
    @Override
    protected AssertionReplayStore newStore() {
      return fresh(h2);
    }

    @Test
    void onlyTheHashIsStored() throws SQLException {
      newStore().markUsed(Hashing.tokenHash("the-raw-jti"), "c1", NOW.plusSeconds(60), NOW);
      try (Connection c = h2.newDataSource().getConnection();
          ResultSet rs =
              c.createStatement()
                  .executeQuery("SELECT client_id, jti_hash FROM keyway_used_assertion")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("jti_hash")).isEqualTo(Hashing.tokenHash("the-raw-jti").value());
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Nested
  class OnPostgres extends AssertionReplayStoreContract {
    @Override
    protected AssertionReplayStore newStore() {
      if (postgres == null) {
        postgres = TestDatabase.postgres("assertions");
        JdbcAssertionReplayStore.createSchema(postgres.newDataSource());
      }
      return fresh(postgres);
    }
  }

  @Test
  void aDatabaseFailureIsAStoreExceptionThatNamesNoValue() throws Exception {
    DataSource failing = Mockito.mock(DataSource.class);
    Mockito.when(failing.getConnection())
        .thenThrow(new SQLException("connection refused", "08001"));
    JdbcAssertionReplayStore store = new JdbcAssertionReplayStore(failing);
    assertThatThrownBy(
            () ->
                store.markUsed(
                    Hashing.tokenHash("x"),
                    "client-7",
                    AssertionReplayStoreContract.NOW.plusSeconds(60),
                    AssertionReplayStoreContract.NOW))
        .isInstanceOf(JdbcStoreException.class)
        .hasMessageNotContaining("client-7")
        .hasMessageContaining("08001");
  }
}
