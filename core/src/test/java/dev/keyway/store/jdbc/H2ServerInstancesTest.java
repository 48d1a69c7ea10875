package dev.keyway.store.jdbc;

/** {@link ServerInstancesCases} on one named in-memory H2 database reached through two pools. */
class H2ServerInstancesTest extends ServerInstancesCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2("servers");
  }
}
