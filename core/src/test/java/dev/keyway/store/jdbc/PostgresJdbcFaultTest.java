package dev.keyway.store.jdbc;

/** {@link JdbcFaultCases} on PostgreSQL. */
class PostgresJdbcFaultTest extends JdbcFaultCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres("faults");
  }
}
