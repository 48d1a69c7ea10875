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

/** Every store contract against the JDBC stores on H2 (in memory, PostgreSQL mode). */
class JdbcH2ContractTest {

  static TestDatabase db;

  @BeforeAll
  static void startDatabase() {
    db = TestDatabase.h2("contract");
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
