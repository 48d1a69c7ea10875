package dev.keyway.store.jdbc;

/** {@link ServerInstancesCases} on PostgreSQL (skipped locally without it, a failure on CI). */
class PostgresServerInstancesTest extends ServerInstancesCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.postgres("servers");
  }
}
