package dev.keyway.store.jdbc;

/** {@link JdbcContractCases} on H2 (in memory, PostgreSQL mode). */
class JdbcH2ContractTest extends JdbcContractCases {
  @Override
  protected TestDatabase openDatabase() {
    return TestDatabase.h2("contract");
  }
}
