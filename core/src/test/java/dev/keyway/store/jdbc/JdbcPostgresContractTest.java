package dev.keyway.store.jdbc;

/** {@link JdbcContractCases} on PostgreSQL (its own schema; see TestDatabase). */
class JdbcPostgresContractTest extends JdbcContractCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres("contract");
  }

  /**
   * Scaled down from 10^4: these tests use PGSimpleDataSource without a pool, so each of the 10^4
   * rotations would open a new server process (about 30 ms each, five minutes in all).
   * JdbcScaleTest runs the full 10^4 on PostgreSQL by seeding the family in one statement.
   */
  @Override
  protected int tokenFanOut(int contractDefault) {
    return 300;
  }
}
