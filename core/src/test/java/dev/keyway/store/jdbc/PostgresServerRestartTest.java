package dev.keyway.store.jdbc;

/** {@link ServerRestartCases} on PostgreSQL (skipped locally without it, a failure on CI). */
class PostgresServerRestartTest extends ServerRestartCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres("restart");
  }
}
