package dev.keyway.host;

import static dev.keyway.endpointtest.Fixture.START;
import static dev.keyway.endpointtest.Fixture.resourceRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.endpointtest.Fixture;
import dev.keyway.event.SecurityEvent;
import dev.keyway.resource.BearerResult;
import dev.keyway.spi.consent.ConsentRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The host's "authorized apps" API: listing, and revocation by app, by user and by client. */
class AuthorizedAppsTest {

  private final Fixture f = Fixture.create();
  private final AuthorizedApps apps = f.server.authorizedApps();

  /** Every token value of the families. */
  private static List<String> tokensOf(Fixture.Family... families) {
    List<String> out = new ArrayList<>();
    for (Fixture.Family fam : families) {
      out.add(fam.accessToken());
      out.add(fam.refreshToken());
    }
    return out;
  }

  private boolean passesValidation(String accessToken) {
    return f.server.bearerTokens().validate(resourceRequest("Bearer " + accessToken), Set.of())
        instanceof BearerResult.Valid;
  }

  private void assertAllDead(Fixture.Family... families) {
    for (String token : tokensOf(families)) {
      assertThat(f.isActive(token)).as("introspection of a revoked token").isFalse();
    }
    for (Fixture.Family fam : families) {
      assertThat(passesValidation(fam.accessToken())).as("validation of a revoked token").isFalse();
    }
  }

  private void assertAllAlive(Fixture.Family... families) {
    for (String token : tokensOf(families)) {
      assertThat(f.isActive(token)).as("introspection of an unaffected token").isTrue();
    }
    for (Fixture.Family fam : families) {
      assertThat(passesValidation(fam.accessToken()))
          .as("validation of an unaffected token")
          .isTrue();
    }
  }

  @Test
  @DisplayName(
      "list: one entry per app with a live grant or remembered consent, with scopes and first and last use")
  void listsAuthorizedApps() {
    f.consents.save(new ConsentRecord("alice", "c1", Set.of("read"), START));
    Fixture.Family c1a = f.grant("c1", "alice", "read");
    f.clock.advance(Duration.ofHours(2));
    f.grant("c1", "alice", "write");
    f.grant("c2", "alice", "read");
    Fixture.Family revoked = f.grant("c2", "alice", "write");
    f.tokens.revokeGrant(revoked.grantId());
    f.consents.save(new ConsentRecord("alice", "p1", Set.of("read"), START.plusSeconds(60)));
    f.grant("c1", "bob", "read");
    f.clock.advance(Duration.ofHours(3));
    f.refresh(c1a);
    Instant refreshedAt = f.clock.instant();

    List<AuthorizedApp> list = apps.list("alice");

    assertThat(list).extracting(AuthorizedApp::clientId).containsExactly("c1", "c2", "p1");
    AuthorizedApp c1 = list.get(0);
    assertThat(c1.displayName()).isEqualTo("App One");
    assertThat(c1.scopes()).containsExactlyInAnyOrder("read", "write");
    assertThat(c1.activeGrants()).isEqualTo(2);
    assertThat(c1.firstUsedAt()).isEqualTo(START);
    assertThat(c1.lastUsedAt()).isEqualTo(refreshedAt);
    AuthorizedApp c2 = list.get(1);
    assertThat(c2.scopes()).containsExactly("read");
    assertThat(c2.activeGrants()).isEqualTo(1);
    AuthorizedApp p1 = list.get(2);
    assertThat(p1.displayName()).isEqualTo("Public App");
    assertThat(p1.activeGrants()).isZero();
    assertThat(p1.firstUsedAt()).isEqualTo(START.plusSeconds(60));
    assertThat(p1.lastUsedAt()).isEqualTo(START.plusSeconds(60));
    assertThat(apps.list("nobody")).isEmpty();
  }

  @Test
  @DisplayName("list: a deleted client is still listed (so it can be revoked) under its client id")
  void deletedClientIsListedById() {
    f.grant("c2", "alice", "read");
    f.clients.delete("c2");

    assertThat(apps.list("alice"))
        .singleElement()
        .satisfies(a -> assertThat(a.displayName()).isEqualTo("c2"));
  }

  @Test
  @DisplayName(
      "revoke one app for one user: its grants, tokens and consent go; other apps and users are untouched")
  void revokeOneApp() {
    Fixture.Family a1 = f.grant("c1", "alice", "read");
    Fixture.Family a2 = f.refresh(f.grant("c1", "alice", "write"));
    Fixture.Family aliceC2 = f.grant("c2", "alice", "read");
    Fixture.Family bobC1 = f.grant("c1", "bob", "read");
    f.consents.save(new ConsentRecord("alice", "c1", Set.of("read", "write"), START));
    f.consents.save(new ConsentRecord("alice", "c2", Set.of("read"), START));
    f.consents.save(new ConsentRecord("bob", "c1", Set.of("read"), START));

    RevocationSummary summary = apps.revoke("alice", "c1");

    assertThat(summary).isEqualTo(new RevocationSummary(2, 1));
    assertAllDead(a1, a2);
    assertAllAlive(aliceC2, bobC1);
    assertThat(f.consents.find("alice", "c1")).isEmpty();
    assertThat(f.consents.find("alice", "c2")).isPresent();
    assertThat(f.consents.find("bob", "c1")).isPresent();
    assertThat(apps.list("alice")).extracting(AuthorizedApp::clientId).containsExactly("c2");
    assertThat(f.events.of(SecurityEvent.Revoked.class))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.subject()).isEqualTo("alice");
              assertThat(e.clientId()).isEqualTo("c1");
              assertThat(e.reason()).isEqualTo(AuthorizedApps.REASON_USER_REVOKED_APP);
            });
  }

  @Test
  @DisplayName(
      "revoke everything of a user: every grant with every client and every consent; other users untouched")
  void revokeAllOfUser() {
    Fixture.Family a1 = f.grant("c1", "alice", "read");
    Fixture.Family a2 = f.grant("c2", "alice", "read");
    Fixture.Family a3 = f.grant("p1", "alice", "read");
    Fixture.Family bob = f.grant("c1", "bob", "read");
    f.consents.save(new ConsentRecord("alice", "c1", Set.of("read"), START));
    f.consents.save(new ConsentRecord("alice", "p1", Set.of("read"), START));
    f.consents.save(new ConsentRecord("bob", "c1", Set.of("read"), START));

    RevocationSummary summary = apps.revokeAllOfUser("alice");

    assertThat(summary).isEqualTo(new RevocationSummary(3, 2));
    assertAllDead(a1, a2, a3);
    assertAllAlive(bob);
    assertThat(f.consents.findBySubject("alice")).isEmpty();
    assertThat(f.consents.find("bob", "c1")).isPresent();
    assertThat(apps.list("alice")).isEmpty();
  }

  @Test
  @DisplayName(
      "revoke everything of a client: every user's grants, its client-credentials tokens and consents; other clients untouched")
  void revokeAllOfClient() {
    Fixture.Family alice = f.grant("c1", "alice", "read");
    Fixture.Family bob = f.refresh(f.grant("c1", "bob", "read"));
    String serviceToken = f.clientCredentialsToken("c1", "read");
    Fixture.Family otherClient = f.grant("c2", "alice", "read");
    String otherServiceToken = f.clientCredentialsToken("c2", "read");
    f.consents.save(new ConsentRecord("alice", "c1", Set.of("read"), START));
    f.consents.save(new ConsentRecord("alice", "c2", Set.of("read"), START));

    RevocationSummary summary = apps.revokeAllOfClient("c1");

    assertThat(summary).isEqualTo(new RevocationSummary(3, 1));
    assertAllDead(alice, bob);
    assertThat(f.isActive(serviceToken)).isFalse();
    assertThat(passesValidation(serviceToken)).isFalse();
    assertAllAlive(otherClient);
    assertThat(f.isActive(otherServiceToken)).isTrue();
    assertThat(f.consents.find("alice", "c1")).isEmpty();
    assertThat(f.consents.find("alice", "c2")).isPresent();
  }

  @Test
  @DisplayName("revoking what is not there changes nothing and publishes no event")
  void revokeNothing() {
    Fixture.Family bob = f.grant("c1", "bob", "read");

    assertThat(apps.revoke("alice", "c1")).isEqualTo(new RevocationSummary(0, 0));
    assertThat(apps.revokeAllOfUser("alice")).isEqualTo(new RevocationSummary(0, 0));
    assertThat(apps.revokeAllOfClient("c2")).isEqualTo(new RevocationSummary(0, 0));

    assertAllAlive(bob);
    assertThat(f.events.events()).isEmpty();
  }
}
