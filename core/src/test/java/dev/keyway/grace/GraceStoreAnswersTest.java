package dev.keyway.grace;

import static dev.keyway.grace.GraceServer.refresh;
import static dev.keyway.token.fixture.Checks.assertError;
import static dev.keyway.token.fixture.Checks.assertTokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.internal.Hashing;
import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.GrantState;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.RefreshTokenState;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.testing.MutableClock;
import dev.keyway.token.fixture.Reply;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A retry inside the grace window when the store's records no longer back the pair it would answer
 * with: a purged or revoked successor, a vanished grant, a rotation without its trail. The engine
 * answers from what the store holds, never from what it derived: it refuses, or treats the retry as
 * reuse and revokes the family.
 */
class GraceStoreAnswersTest {

  private static final Duration WINDOW = Duration.ofSeconds(10);

  /** The token store, answering one call of a method with a given first argument differently. */
  private static final class Answering {
    private String method;
    private Object argument;
    private Function<Object, Object> answer;

    void once(String method, Object argument, Function<Object, Object> answer) {
      this.method = method;
      this.argument = argument;
      this.answer = answer;
    }

    TokenStore wrap(TokenStore real) {
      return (TokenStore)
          Proxy.newProxyInstance(
              TokenStore.class.getClassLoader(),
              new Class<?>[] {TokenStore.class},
              (proxy, m, args) -> {
                if (answer != null
                    && m.getName().equals(method)
                    && args != null
                    && args[0].equals(argument)) {
                  Function<Object, Object> once = answer;
                  answer = null;
                  return once.apply(m.invoke(real, args));
                }
                try {
                  return m.invoke(real, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }

  private final Answering answering = new Answering();
  private GraceServer as;
  private Reply first;
  private Reply second;

  @BeforeEach
  void rotateOnceInsideTheWindow() {
    MutableClock clock = new MutableClock(GraceServer.START);
    GraceServer.Stores memory = GraceServer.Stores.inMemory(clock).withFixtureClients(c -> c);
    as =
        new GraceServer(
            clock,
            new GraceServer.Stores(
                memory.clients(), memory.codes(), answering.wrap(memory.tokens())),
            GraceServer.window(WINDOW));
    first = as.firstTokens("c1");
    second = as.send(refresh("c1", first.refreshToken()));
    assertTokens(second);
    as.clock.advance(Duration.ofSeconds(1));
  }

  private TokenHash successor() {
    return Hashing.tokenHash(second.refreshToken());
  }

  private void assertRefusedAndNothingRevoked(Reply retry) {
    assertError(retry, 400, "invalid_grant");
    assertThat(as.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.ACTIVE);
    assertThat(as.refreshToken(second.refreshToken()).orElseThrow().state())
        .isEqualTo(RefreshTokenState.ACTIVE);
  }

  @Test
  void anUntouchedRetryGetsThePairAgain() {
    Reply retry = as.send(refresh("c1", first.refreshToken()));

    assertTokens(retry);
    assertThat(retry.refreshToken()).isEqualTo(second.refreshToken());
  }

  @Test
  @DisplayName("RF-06 a retry whose successor was purged is refused; nothing is revoked")
  void successorPurgedThenRefused() {
    answering.once("findRefreshToken", successor(), found -> Optional.empty());

    assertRefusedAndNothingRevoked(as.send(refresh("c1", first.refreshToken())));
  }

  @Test
  @DisplayName("RF-06 a retry whose successor the store reports revoked is refused")
  void successorRevokedThenRefused() {
    answering.once(
        "findRefreshToken",
        successor(),
        found -> ((Optional<?>) found).map(r -> ((RefreshTokenRecord) r).revoked()));

    assertRefusedAndNothingRevoked(as.send(refresh("c1", first.refreshToken())));
  }

  @Test
  @DisplayName("RF-09 a retry whose grant is gone is refused")
  void grantGoneThenRefused() {
    String grantId = as.refreshToken(first.refreshToken()).orElseThrow().grantId();
    answering.once("findGrant", grantId, found -> Optional.empty());

    assertRefusedAndNothingRevoked(as.send(refresh("c1", first.refreshToken())));
  }

  @Test
  @DisplayName("RF-02 a rotated token whose rotation left no trail is reuse: the family is revoked")
  void rotationWithoutTrailThenReuse() {
    TokenHash presented = Hashing.tokenHash(first.refreshToken());
    answering.once(
        "findRefreshToken",
        presented,
        found ->
            ((Optional<?>) found)
                .map(
                    r -> {
                      RefreshTokenRecord t = (RefreshTokenRecord) r;
                      return new RefreshTokenRecord(
                          t.tokenHash(),
                          t.grantId(),
                          t.clientId(),
                          t.subject(),
                          t.scopes(),
                          t.issuedAt(),
                          t.expiresAt(),
                          RefreshTokenState.ROTATED,
                          null,
                          null);
                    }));

    assertError(as.send(refresh("c1", first.refreshToken())), 400, "invalid_grant");

    assertThat(as.grantOf(first.refreshToken()).state()).isEqualTo(GrantState.REVOKED);
  }
}
