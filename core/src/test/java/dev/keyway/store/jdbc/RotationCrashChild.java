package dev.keyway.store.jdbc;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.RefreshTokenRecord;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The child JVM of {@link PostgresCrashTest} (RL-15): starts a rotation of the given refresh token,
 * stops it inside its transaction just before the last insert (the grant row is locked, the old
 * token is already marked ROTATED and the successor inserted, none of it committed), prints {@code
 * BLOCKED <successor hash> <access token hash>}, and waits to be killed.
 *
 * <p>Arguments: the PostgreSQL schema and the refresh token hash. The connection settings come from
 * the same environment variables the tests use.
 */
public final class RotationCrashChild {

  private RotationCrashChild() {}

  public static void main(String[] args) throws Exception {
    DataSource plain = TestDatabase.plainPostgres(args[0]);
    TokenHash presented = TokenHash.of(args[1]);
    RefreshTokenRecord current =
        new JdbcTokenStore(plain).findRefreshToken(presented).orElseThrow();
    RefreshTokenRecord successor = JdbcTestFamilies.successorOf(current);
    AccessTokenRecord accessToken = JdbcTestFamilies.accessTokenOf(current);

    FaultyDataSource faulty = new FaultyDataSource(plain);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    faulty.blockWhen(sql -> sql.startsWith("INSERT INTO keyway_access_token"), inside, never);
    JdbcTokenStore store = new JdbcTokenStore(faulty.dataSource());
    Thread rotation =
        new Thread(() -> store.rotate(presented, successor, accessToken, JdbcTestFamilies.NOW));
    rotation.setDaemon(true);
    rotation.start();
    if (!inside.await(60, TimeUnit.SECONDS)) {
      System.out.println("NOT-REACHED");
      System.exit(2);
    }
    System.out.println("BLOCKED " + successor.tokenHash() + " " + accessToken.tokenHash());
    System.out.flush();
    never.await(150, TimeUnit.SECONDS); // killed long before; exits on its own if the parent died
    System.exit(3);
  }
}
