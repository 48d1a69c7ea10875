package dev.keyway.store.jdbc;

import static dev.keyway.store.jdbc.JdbcTestFamilies.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyway.spi.client.Client;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.PendingAuthorization;
import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.store.contract.ContractFixtures;
import dev.keyway.store.jdbc.JdbcTestFamilies.Family;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * RL-05: the database refuses connections. Every store method fails with a {@link
 * JdbcStoreException} whose message names the operation and SQLState but none of the values it was
 * given. Nothing is listening on port 1 of the loopback address, so no database is needed.
 */
class JdbcUnavailableTest {

  static Stream<Arguments> unreachable() {
    PGSimpleDataSource pg = new PGSimpleDataSource();
    pg.setURL("jdbc:postgresql://127.0.0.1:1/keyway");
    pg.setConnectTimeout(5);
    DataSource refusing =
        (DataSource)
            Proxy.newProxyInstance(
                JdbcUnavailableTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  throw new SQLException("Connection refused", "08001");
                });
    return Stream.of(
        Arguments.of("PostgreSQL driver, port closed", pg),
        Arguments.of("any DataSource whose getConnection fails", refusing));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unreachable")
  void everyOperationFailsWithAJdbcStoreExceptionThatLeaksNoValue(String name, DataSource ds) {
    JdbcClientStore clients = new JdbcClientStore(ds);
    JdbcAuthorizationCodeStore codes = new JdbcAuthorizationCodeStore(ds);
    JdbcPendingAuthorizationStore pending = new JdbcPendingAuthorizationStore(ds);
    JdbcTokenStore tokens = new JdbcTokenStore(ds);
    JdbcConsentStore consents = new JdbcConsentStore(ds);
    Family f = JdbcTestFamilies.family("subject-value", "client-value");
    AuthorizationCodeRecord code = JdbcTestFamilies.code();
    PendingAuthorization p =
        new PendingAuthorization(
            ContractFixtures.newHash(),
            "subject-value",
            "client-value",
            "https://app.example.com/cb",
            true,
            Set.of("read"),
            "state-value",
            null,
            null,
            null,
            NOW,
            NOW.plusSeconds(60));
    Client client = Client.builder("client-value").createdAt(NOW).build();

    List<ThrowingCallable> calls =
        List.of(
            () -> clients.findById("client-value"),
            () -> clients.save(client),
            () -> clients.delete("client-value"),
            () -> clients.findByOwner("subject-value"),
            () -> codes.save(code),
            () -> codes.find(code.codeHash()),
            () -> codes.redeem(code.codeHash(), NOW),
            () -> codes.purgeExpired(NOW, 10),
            () -> pending.save(p),
            () -> pending.find(p.idHash(), NOW),
            () -> pending.take(p.idHash(), NOW),
            () -> pending.purgeExpired(NOW, 10),
            () -> tokens.createGrant(f.grant(), f.accessToken(), f.refreshToken()),
            () -> tokens.findAccessToken(f.accessToken().tokenHash()),
            () -> tokens.findRefreshToken(f.rt()),
            () -> tokens.findGrant(f.grantId()),
            () ->
                tokens.rotate(
                    f.rt(),
                    JdbcTestFamilies.successorOf(f.refreshToken()),
                    JdbcTestFamilies.accessTokenOf(f.refreshToken()),
                    NOW),
            () -> tokens.revokeAccessToken(f.accessToken().tokenHash()),
            () -> tokens.revokeGrant(f.grantId()),
            () -> tokens.revokeGrants("subject-value", "client-value"),
            () -> tokens.revokeGrantsOfSubject("subject-value"),
            () -> tokens.revokeAllOfClient("client-value"),
            () -> tokens.findActiveGrantsOfSubject("subject-value", NOW),
            () -> tokens.purgeExpired(NOW, 10),
            () -> consents.find("subject-value", "client-value"),
            () ->
                consents.save(
                    new ConsentRecord("subject-value", "client-value", Set.of("read"), NOW)),
            () -> consents.revoke("subject-value", "client-value"),
            () -> consents.findBySubject("subject-value"),
            () -> consents.revokeAllOfClient("client-value"));

    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call)
          .isInstanceOfSatisfying(
              JdbcStoreException.class,
              e -> {
                assertThat(e.getMessage())
                    .startsWith("JDBC store operation '")
                    .doesNotContain("subject-value")
                    .doesNotContain("client-value")
                    .doesNotContain("state-value")
                    .doesNotContain(code.codeHash().value())
                    .doesNotContain(f.rt().value());
                assertThat(e.sqlState()).as("the driver's SQLState").isNotNull();
              });
    }
  }
}
