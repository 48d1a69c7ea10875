package dev.keyway.store.jdbc;

/** {@link JdbcScaleCases} on H2 (in memory, PostgreSQL mode). */
class H2JdbcScaleTest extends JdbcScaleCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2("scale");
  }

  /**
   * Scaled down from the catalogue's 10^5 (which PostgresJdbcScaleTest sweeps in seconds): H2
   * evaluates {@code DELETE ... WHERE key IN (SELECT ... LIMIT n)} in time growing with n squared,
   * so 10^5 rows take about 100 s here; 5,000 rows in batches of 250 take a few seconds.
   */
  @Override
  protected int expiredRows() {
    return 5_000;
  }

  @Override
  protected int purgeLimit() {
    return 250;
  }
}
