package dev.keyway.store.jdbc;

/** {@link JdbcFaultCases} on H2 (in memory, PostgreSQL mode). */
class H2JdbcFaultTest extends JdbcFaultCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2("faults");
  }
}
