package dev.keyway.store.jdbc;

/** {@link JdbcGraceWindowCases} on PostgreSQL ({@code KEYWAY_TEST_POSTGRES_URL}). */
class PostgresJdbcGraceWindowTest extends JdbcGraceWindowCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres("grace");
  }
}
