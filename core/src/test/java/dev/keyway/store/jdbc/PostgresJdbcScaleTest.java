package dev.keyway.store.jdbc;

/** {@link JdbcScaleCases} on PostgreSQL. */
class PostgresJdbcScaleTest extends JdbcScaleCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres("scale");
  }

  /** The catalogue's 10^5 expired rows. */
  @Override
  protected int expiredRows() {
    return 100_000;
  }
}
