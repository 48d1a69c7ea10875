package dev.keyway.store.jdbc;

/**
 * {@link JdbcMultiInstanceCases} on one named in-memory H2 database reached through two
 * DataSources. The "restart" drops the store objects and the DataSource but not the JVM, which
 * keeps the database; the PostgreSQL run is the real restart case.
 */
class H2JdbcMultiInstanceTest extends JdbcMultiInstanceCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2("instances");
  }
}
