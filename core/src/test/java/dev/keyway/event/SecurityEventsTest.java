package dev.keyway.event;

import static dev.keyway.endpointtest.Fixture.C1_SECRET;
import static dev.keyway.endpointtest.Fixture.post;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.endpointtest.Fixture;
import dev.keyway.host.AuthorizedApps;
import dev.keyway.revoke.RevocationEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Security events published by revocation, introspection and the host API, and what gets logged.
 */
class SecurityEventsTest {

  @Test
  @DisplayName(
      "flows publish typed events with identifiers, in order, and none carries a token or secret")
  void flowsPublishEvents() {
    Fixture f = Fixture.create();
    Fixture.Family one = f.grant("c1", "alice", "read");
    Fixture.Family two = f.grant("c1", "bob", "read");
    Fixture.Family three = f.grant("c2", "carol", "read");

    f.revokeAs("c1", C1_SECRET, "token=" + one.accessToken());
    f.revokeAs("c1", C1_SECRET, "token=" + two.refreshToken());
    f.revokeAs("c1", "not-the-secret", "token=" + one.refreshToken());
    f.server.introspect(post("/i", "token=" + three.accessToken() + "&client_id=p1"));
    f.server.authorizedApps().revoke("carol", "c2");

    List<SecurityEvent> events = f.events.events();
    assertThat(events).hasSize(5);
    assertThat(events.get(0))
        .isEqualTo(
            new SecurityEvent.Revoked(
                Fixture.START,
                "c1",
                "alice",
                one.grantId(),
                "access_token",
                RevocationEndpoint.REASON));
    assertThat(events.get(1))
        .isEqualTo(
            new SecurityEvent.Revoked(
                Fixture.START, "c1", "bob", two.grantId(), "grant", RevocationEndpoint.REASON));
    assertThat(events.get(2))
        .isInstanceOfSatisfying(
            SecurityEvent.ClientAuthenticationFailed.class,
            e -> {
              assertThat(e.clientId()).isEqualTo("c1");
              assertThat(e.method()).isEqualTo("client_secret_basic");
            });
    assertThat(events.get(3))
        .isInstanceOfSatisfying(
            SecurityEvent.ClientAuthenticationFailed.class,
            e -> {
              assertThat(e.clientId()).isEqualTo("p1");
              assertThat(e.method()).isEqualTo("none");
            });
    assertThat(events.get(4))
        .isEqualTo(
            new SecurityEvent.Revoked(
                Fixture.START,
                "c2",
                "carol",
                null,
                "grants",
                AuthorizedApps.REASON_USER_REVOKED_APP));
    List<String> secrets = secretsOf(one, two, three);
    secrets.addAll(List.of("not-the-secret", C1_SECRET));
    for (SecurityEvent e : events) {
      for (String secret : secrets) {
        assertThat(e.toString()).doesNotContain(secret);
      }
    }
  }

  @Test
  @DisplayName(
      "the default logging listener's output names what happened and never contains a token or secret")
  void loggingListenerNeverLogsSecrets() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Fixture f = Fixture.create(b -> b.events(new LoggingEventListener()));
    Fixture.Family one = f.grant("c1", "alice", "read");
    Fixture.Family two = f.grant("c1", "bob", "read");
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      f.revokeAs("c1", C1_SECRET, "token=" + one.accessToken());
      f.revokeAs("c1", C1_SECRET, "token=" + two.refreshToken() + "&token_type_hint=refresh_token");
      f.revokeAs("c1", "not-the-secret", "token=" + one.refreshToken());
      f.introspectAs("c1", "wrong-" + C1_SECRET, "token=" + two.accessToken());
      f.server.revoke(
          post("/r", "token=" + one.refreshToken() + "&client_id=c1&client_secret=also-wrong"));
      f.server
          .bearerTokens()
          .validate(Fixture.resourceRequest("Bearer " + one.accessToken()), Set.of("write"));
      f.server.authorizedApps().revokeAllOfUser("alice");
      LoggingEventListener direct = new LoggingEventListener();
      direct.onEvent(
          new SecurityEvent.RefreshTokenReuseDetected(Fixture.START, "c1", "alice", one.grantId()));
      direct.onEvent(
          new SecurityEvent.CodeReplayDetected(Fixture.START, "c1", "alice", one.grantId()));
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(log)
        .contains("Revoked")
        .contains("ClientAuthenticationFailed")
        .contains("RefreshTokenReuseDetected")
        .contains("CodeReplayDetected")
        .contains(one.grantId());
    List<String> secrets = secretsOf(one, two);
    secrets.addAll(List.of(C1_SECRET, "not-the-secret", "also-wrong"));
    for (String secret : secrets) {
      assertThat(log).doesNotContain(secret);
    }
  }

  private static List<String> secretsOf(Fixture.Family... families) {
    List<String> out = new ArrayList<>();
    for (Fixture.Family fam : families) {
      out.add(fam.accessToken());
      out.add(fam.refreshToken());
    }
    return out;
  }
}
