package dev.keyway.store.jdbc;

/** {@link JdbcMultiInstanceCases} on PostgreSQL. */
class PostgresJdbcMultiInstanceTest extends JdbcMultiInstanceCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres("instances");
  }
}
