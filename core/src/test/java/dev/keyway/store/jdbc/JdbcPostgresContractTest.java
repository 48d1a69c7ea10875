package dev.keyway.store.jdbc;

import dev.keyway.spi.client.ClientStore;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.PendingAuthorizationStore;
import dev.keyway.spi.consent.ConsentStore;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.store.contract.AuthorizationCodeStoreContract;
import dev.keyway.store.contract.ClientStoreContract;
import dev.keyway.store.contract.ConsentStoreContract;
import dev.keyway.store.contract.PendingAuthorizationStoreContract;
import dev.keyway.store.contract.TokenStoreContract;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** Every store contract against the JDBC stores on Postgres (its own schema; see TestDatabase). */
class JdbcPostgresContractTest {

  static TestDatabase db;

  @BeforeAll
  static void startDatabase() {
    db = TestDatabase.postgres("contract");
  }

  @AfterAll
  static void stopDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Nested
  class Clients extends ClientStoreContract {
    @Override
    protected ClientStore newStore(Clock clock) {
      db.clean();
      return new JdbcClientStore(db.newDataSource());
    }
  }

  @Nested
  class Codes extends AuthorizationCodeStoreContract {
    @Override
    protected AuthorizationCodeStore newStore(Clock clock) {
      db.clean();
      return new JdbcAuthorizationCodeStore(db.newDataSource());
    }
  }

  @Nested
  class Pending extends PendingAuthorizationStoreContract {
    @Override
    protected PendingAuthorizationStore newStore(Clock clock) {
      db.clean();
      return new JdbcPendingAuthorizationStore(db.newDataSource());
    }
  }

  @Nested
  class Tokens extends TokenStoreContract {
    /**
     * Scaled down from 10^4: these tests use PGSimpleDataSource without a pool, so each of the 10^4
     * rotations would open a new server process (about 30 ms each, five minutes in all).
     * JdbcScaleTest runs the full 10^4 on PostgreSQL by seeding the family in one statement.
     */
    @Override
    protected int fanOut() {
      return 300;
    }

    @Override
    protected TokenStore newStore(Clock clock) {
      db.clean();
      return new JdbcTokenStore(db.newDataSource());
    }
  }

  @Nested
  class Consents extends ConsentStoreContract {
    @Override
    protected ConsentStore newStore(Clock clock) {
      db.clean();
      return new JdbcConsentStore(db.newDataSource());
    }
  }
}
