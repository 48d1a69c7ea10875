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
import org.junit.jupiter.api.TestInstance;

/**
 * Every store contract against the JDBC stores, each test on freshly cleaned tables. Run on H2 and
 * on PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcContractCases {

  protected abstract TestDatabase openDatabase();

  /** How many tokens the token contract's fan-out cases create; the contract's own by default. */
  protected int tokenFanOut(int contractDefault) {
    return contractDefault;
  }

  private TestDatabase db;

  @BeforeAll
  void startDatabase() {
    db = openDatabase();
  }

  @AfterAll
  void stopDatabase() {
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

    @Override
    protected int fanOut() {
      return tokenFanOut(super.fanOut());
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
