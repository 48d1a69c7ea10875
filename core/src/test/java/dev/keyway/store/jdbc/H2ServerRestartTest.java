package dev.keyway.store.jdbc;

/** {@link ServerRestartCases} on a named in-memory H2 database, which outlives the dropped pool. */
class H2ServerRestartTest extends ServerRestartCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2("restart");
  }
}
