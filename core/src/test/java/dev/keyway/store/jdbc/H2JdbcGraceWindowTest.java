package dev.keyway.store.jdbc;

/** {@link JdbcGraceWindowCases} on H2 (PostgreSQL mode). */
class H2JdbcGraceWindowTest extends JdbcGraceWindowCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2("grace");
  }
}
