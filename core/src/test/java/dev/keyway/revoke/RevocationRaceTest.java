package dev.keyway.revoke;

import static dev.keyway.endpointtest.Fixture.C1_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.endpointtest.Fixture;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import dev.keyway.spi.token.RotateResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RL-08: a refresh racing the revocation of the same refresh token leaves no token of the family
 * active.
 */
class RevocationRaceTest {

  @Test
  @DisplayName(
      "RL-08 refresh racing revocation: whichever wins, no token of the family is active afterwards")
  void rl08RefreshRacingRevocation() throws Exception {
    Fixture f = Fixture.create();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int i = 0; i < 200; i++) {
        Fixture.Family fam = f.grant("c1", "alice", "read");
        String newAt = SecureTokens.newToken();
        String newRt = SecureTokens.newToken();
        Instant now = f.clock.instant();
        CountDownLatch start = new CountDownLatch(1);
        Future<RotateResult> refresh =
            pool.submit(
                () -> {
                  start.await();
                  return f.tokens.rotate(
                      Hashing.tokenHash(fam.refreshToken()),
                      Fixture.refreshToken(
                          newRt, fam.grantId(), "c1", "alice", Set.of("read"), now),
                      Fixture.accessToken(newAt, fam.grantId(), "c1", "alice", Set.of("read"), now),
                      now);
                });
        Future<Integer> revoke =
            pool.submit(
                () -> {
                  start.await();
                  return f.revokeAs("c1", C1_SECRET, "token=" + fam.refreshToken()).status();
                });
        start.countDown();

        assertThat(revoke.get()).isEqualTo(200);
        assertThat(refresh.get())
            .isInstanceOfAny(RotateResult.Rotated.class, RotateResult.Revoked.class);
        List<String> family =
            new ArrayList<>(List.of(fam.accessToken(), fam.refreshToken(), newAt, newRt));
        for (String token : family) {
          assertThat(f.isActive(token))
              .as("iteration %d: no token of the family survives", i)
              .isFalse();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
