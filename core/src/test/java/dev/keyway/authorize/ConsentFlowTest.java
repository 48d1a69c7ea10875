package dev.keyway.authorize;

import static dev.keyway.authorize.AuthorizeFixture.ISSUER;
import static dev.keyway.authorize.AuthorizeFixture.T0;
import static dev.keyway.authorize.AuthorizeFixture.VALID;
import static dev.keyway.authorize.AuthorizeFixture.base;
import static dev.keyway.authorize.AuthorizeFixture.consentPrompt;
import static dev.keyway.authorize.AuthorizeFixture.location;
import static dev.keyway.authorize.AuthorizeFixture.query;
import static dev.keyway.authorize.AuthorizeFixture.shown;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.ErrorCode;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.Parameters;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.consent.ConsentStore;
import dev.keyway.store.memory.InMemoryConsentStore;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sign-in, consent and the consent form: AZ-09, AZ-10, AZ-12, RL-09, RL-16, RL-17. */
class ConsentFlowTest {

  private final AuthorizeFixture f = new AuthorizeFixture();

  private ConsentPrompt promptAsAlice(String query) {
    f.signIn("alice");
    return consentPrompt(f.get(query));
  }

  @Test
  @DisplayName(
      "the consent prompt shows the client, sorted scopes and where the user goes; the id is stored only hashed")
  void consentPromptContents() {
    ConsentPrompt prompt = promptAsAlice(VALID.replace("scope=read", "scope=write%20read"));
    assertThat(prompt.subject()).isEqualTo("alice");
    assertThat(prompt.clientId()).isEqualTo("c1");
    assertThat(prompt.clientName()).isEqualTo(TestClients.c1().displayName());
    assertThat(prompt.logoUri()).isEqualTo(URI.create("https://app.example/logo.png"));
    assertThat(prompt.homepageUri()).isEqualTo(URI.create("https://app.example/"));
    assertThat(prompt.scopes()).containsExactly("read", "write");
    assertThat(prompt.redirectHost()).isEqualTo("app.example");
    String id = prompt.consentId().reveal();
    assertThat(id).matches("[A-Za-z0-9_-]{43}");
    assertThat(prompt.toString()).doesNotContain(id);
    assertThat(f.pending.find(Hashing.tokenHash(id), T0))
        .hasValueSatisfying(
            p -> {
              assertThat(p.subject()).isEqualTo("alice");
              assertThat(p.state()).isEqualTo("xyz");
              assertThat(p.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
            });
    assertThat(f.codes.size()).isZero();
  }

  @Test
  @DisplayName("remembered consent covering the request issues the code at once")
  void rememberedConsentSkipsThePrompt() {
    f.consents.save(new ConsentRecord("alice", "c1", Set.of("read", "write"), T0));
    f.signIn("alice");
    String location = location(f.get(VALID));
    assertThat(query(location).get("code")).isPresent();
    assertThat(f.pending.size()).isZero();
    assertThat(f.codes.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("remembered consent that does not cover every requested scope asks again")
  void partialConsentAsksAgain() {
    f.consents.save(new ConsentRecord("alice", "c1", Set.of("read"), T0));
    ConsentPrompt prompt = promptAsAlice(VALID.replace("scope=read", "scope=read%20write"));
    assertThat(prompt.scopes()).containsExactly("read", "write");
    assertThat(f.codes.size()).isZero();
  }

  @Test
  @DisplayName("allow remembers the union of old and new scopes and publishes ConsentGranted")
  void allowMergesConsent() {
    f.consents.save(new ConsentRecord("alice", "c1", Set.of("write"), T0.minusSeconds(60)));
    ConsentPrompt prompt = promptAsAlice(VALID);
    Parameters p = query(location(f.decide(prompt.consentId().reveal(), "allow")));
    assertThat(p.get("state")).contains("xyz");
    assertThat(p.get("iss")).contains(ISSUER);
    assertThat(f.consents.find("alice", "c1").orElseThrow().scopes())
        .containsExactlyInAnyOrder("read", "write");
    assertThat(f.events)
        .containsExactly(new SecurityEvent.ConsentGranted(T0, "alice", "c1", Set.of("read")));
    assertThat(f.codeRecord(p.get("code").orElseThrow()).scopes()).containsExactly("read");
    // remembered now: the same request goes straight through
    assertThat(query(location(f.get(VALID))).get("code")).isPresent();
  }

  @Test
  @DisplayName(
      "a revocation that lands while the user approves stays: only the approved scopes are remembered")
  void revocationDuringApprovalIsNotUndone() {
    InMemoryConsentStore stored = new InMemoryConsentStore();
    stored.save(new ConsentRecord("alice", "c1", Set.of("write"), T0.minusSeconds(60)));
    RevokedBeforeEachWrite consents = new RevokedBeforeEachWrite(stored);
    AuthorizeFixture g = new AuthorizeFixture(b -> b.consents(consents));
    g.signIn("alice");
    ConsentPrompt prompt = consentPrompt(g.get(VALID));
    consents.armed = true; // the user revokes "write" in another tab while deciding here
    assertThat(query(location(g.decide(prompt.consentId().reveal(), "allow"))).get("code"))
        .isPresent();
    assertThat(stored.find("alice", "c1").orElseThrow().scopes()).containsExactly("read");
  }

  /**
   * A consent store where, once armed, the user's revocation lands just before every write: after
   * any read the engine may have made, so that a read-then-save would bring the revoked scopes
   * back.
   */
  private static final class RevokedBeforeEachWrite implements ConsentStore {
    private final ConsentStore stored;
    volatile boolean armed;

    RevokedBeforeEachWrite(ConsentStore stored) {
      this.stored = stored;
    }

    private void revokeIfArmed(ConsentRecord consent) {
      if (armed) {
        stored.revoke(consent.subject(), consent.clientId());
      }
    }

    @Override
    public Optional<ConsentRecord> find(String subject, String clientId) {
      return stored.find(subject, clientId);
    }

    @Override
    public void save(ConsentRecord consent) {
      revokeIfArmed(consent);
      stored.save(consent);
    }

    @Override
    public ConsentRecord merge(ConsentRecord consent) {
      revokeIfArmed(consent);
      return stored.merge(consent);
    }

    @Override
    public boolean revoke(String subject, String clientId) {
      return stored.revoke(subject, clientId);
    }

    @Override
    public List<ConsentRecord> findBySubject(String subject) {
      return stored.findBySubject(subject);
    }

    @Override
    public int revokeAllOfClient(String clientId) {
      return stored.revokeAllOfClient(clientId);
    }
  }

  @Test
  @DisplayName(
      "AZ-09 deny: access_denied with state and iss, no code, no consent stored or widened")
  void az09Deny() {
    f.consents.save(new ConsentRecord("alice", "c1", Set.of("read"), T0));
    ConsentPrompt prompt = promptAsAlice(VALID.replace("scope=read", "scope=read%20write"));
    AuthorizeOutcome outcome = f.decide(prompt.consentId().reveal(), "deny");
    String location = location(outcome);
    assertThat(outcome.toResponse().status()).isEqualTo(302);
    assertThat(base(location)).isEqualTo("https://app.example/cb");
    Parameters p = query(location);
    assertThat(p.get("error")).contains("access_denied");
    assertThat(p.get("state")).contains("xyz");
    assertThat(p.get("iss")).contains(ISSUER);
    assertThat(p.isPresent("code")).isFalse();
    assertThat(f.codes.size()).isZero();
    assertThat(f.consents.find("alice", "c1").orElseThrow().scopes()).containsExactly("read");
    assertThat(f.events).containsExactly(new SecurityEvent.ConsentDenied(T0, "alice", "c1"));
    assertThat(f.pending.size()).isZero();
  }

  @Test
  @DisplayName("AZ-09 deny with no earlier consent stores none")
  void az09DenyStoresNothing() {
    ConsentPrompt prompt = promptAsAlice(VALID);
    f.decide(prompt.consentId().reveal(), "deny");
    assertThat(f.consents.findBySubject("alice")).isEmpty();
    assertThat(f.codes.size()).isZero();
  }

  @Test
  @DisplayName(
      "AZ-10a another user's session cannot answer; the request stays answerable by its owner")
  void az10aOtherUserCannotAnswer() {
    ConsentPrompt prompt = promptAsAlice(VALID);
    f.signIn("bob");
    AuthorizeOutcome outcome = f.decide(prompt.consentId().reveal(), "allow");
    assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(outcome.toResponse().status()).isEqualTo(400);
    assertThat(outcome.toResponse().header("Location")).isNull();
    assertThat(f.codes.size()).isZero();
    assertThat(f.consents.findBySubject("bob")).isEmpty();
    assertThat(f.pending.size()).isEqualTo(1);

    f.signIn("alice");
    String location = location(f.decide(prompt.consentId().reveal(), "allow"));
    assertThat(f.codeRecord(query(location).get("code").orElseThrow()).subject())
        .isEqualTo("alice");
  }

  static Stream<Arguments> badDecisionForms() {
    return Stream.of(
        Arguments.of(
            "AZ-10b forged consent_id", "consent_id=" + "A".repeat(43) + "&decision=allow"),
        Arguments.of("AZ-10b missing consent_id", "decision=allow"),
        Arguments.of("AZ-10b empty consent_id", "consent_id=&decision=allow"),
        Arguments.of("repeated consent_id", "consent_id=ID&consent_id=ID&decision=allow"),
        Arguments.of("missing decision", "consent_id=ID"),
        Arguments.of("unknown decision", "consent_id=ID&decision=maybe"),
        Arguments.of("decision in other case", "consent_id=ID&decision=Allow"),
        Arguments.of("repeated decision", "consent_id=ID&decision=deny&decision=allow"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDecisionForms")
  @DisplayName("AZ-10b a forged, missing or malformed decision is shown, issues nothing")
  void az10bBadDecisionForm(String name, String body) {
    ConsentPrompt prompt = promptAsAlice(VALID);
    AuthorizeOutcome outcome = f.decide(body.replace("ID", prompt.consentId().reveal()));
    assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(outcome.toResponse().status()).isEqualTo(400);
    assertThat(outcome.toResponse().header("Location")).isNull();
    assertThat(f.codes.size()).isZero();
    assertThat(f.consents.findBySubject("alice")).isEmpty();
  }

  @Test
  @DisplayName(
      "AZ-10c a scope field in the decision is ignored: the code carries the requested scopes")
  void az10cExtraScopeIgnored() {
    ConsentPrompt prompt = promptAsAlice(VALID);
    String body =
        "consent_id=" + prompt.consentId().reveal() + "&decision=allow&scope=read%20write";
    String location = location(f.decide(body));
    assertThat(f.codeRecord(query(location).get("code").orElseThrow()).scopes())
        .containsExactly("read");
    assertThat(f.consents.find("alice", "c1").orElseThrow().scopes()).containsExactly("read");
  }

  @Test
  @DisplayName("AZ-10d a second submission after approval is refused and yields no second code")
  void az10dSecondSubmission() {
    ConsentPrompt prompt = promptAsAlice(VALID);
    location(f.decide(prompt.consentId().reveal(), "allow"));
    AuthorizeOutcome again = f.decide(prompt.consentId().reveal(), "allow");
    assertThat(shown(again).error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(shown(again).error().description()).contains("expired or was already answered");
    assertThat(f.codes.size()).isEqualTo(1);
    AuthorizeOutcome deny = f.decide(prompt.consentId().reveal(), "deny");
    assertThat(deny).isInstanceOf(AuthorizeOutcome.ShowError.class);
  }

  @Test
  @DisplayName("a decision without a signed-in user is refused with an error page")
  void decisionWithoutUser() {
    ConsentPrompt prompt = promptAsAlice(VALID);
    f.users.signOut();
    AuthorizeOutcome outcome = f.decide(prompt.consentId().reveal(), "allow");
    assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(outcome.toResponse().status()).isEqualTo(400);
    assertThat(f.codes.size()).isZero();
  }

  @Test
  @DisplayName("a decision after the pending request expired is refused")
  void expiredPendingRequest() {
    ConsentPrompt prompt = promptAsAlice(VALID);
    f.clock.advance(Duration.ofMinutes(10));
    AuthorizeOutcome outcome = f.decide(prompt.consentId().reveal(), "allow");
    assertThat(shown(outcome).error().description()).contains("expired");
    assertThat(f.codes.size()).isZero();
  }

  @Test
  @DisplayName("a client deleted while the user decided gets no code and no redirect")
  void clientDeletedBeforeDecision() {
    ConsentPrompt prompt = promptAsAlice(VALID);
    f.clients.delete("c1");
    AuthorizeOutcome outcome = f.decide(prompt.consentId().reveal(), "allow");
    assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.INVALID_CLIENT);
    assertThat(outcome.toResponse().header("Location")).isNull();
    assertThat(f.codes.size()).isZero();
  }

  static Stream<Arguments> wrongDecisionTransport() {
    return Stream.of(
        Arguments.of(
            "GET",
            OAuthRequest.builder("GET")
                .path("/authorize")
                .rawQuery("consent_id=ID&decision=allow")
                .build()),
        Arguments.of(
            "POST as JSON",
            OAuthRequest.builder("POST")
                .path("/authorize")
                .header("Content-Type", "application/json")
                .body("consent_id=ID&decision=allow")
                .build()),
        Arguments.of(
            "POST with the fields in the query",
            OAuthRequest.builder("POST")
                .path("/authorize")
                .rawQuery("consent_id=ID&decision=allow")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("")
                .build()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongDecisionTransport")
  @DisplayName("the decision is read only from a POSTed form body")
  void decisionOnlyFromPostedForm(String name, OAuthRequest template) {
    ConsentPrompt prompt = promptAsAlice(VALID);
    String id = prompt.consentId().reveal();
    OAuthRequest.Builder b = OAuthRequest.builder(template.method()).path("/authorize");
    template.rawQuery().ifPresent(q -> b.rawQuery(q.replace("ID", id)));
    template.header("Content-Type").ifPresent(ct -> b.header("Content-Type", ct));
    b.body(new String(template.body(), java.nio.charset.StandardCharsets.UTF_8).replace("ID", id));
    AuthorizeOutcome outcome = f.server.decide(b.build());
    assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(f.codes.size()).isZero();
    assertThat(f.pending.size()).isEqualTo(1);
  }

  @Test
  @DisplayName("AZ-12 nobody signed in: sign-in first, nothing stored, no redirect to the client")
  void az12SignInFirst() {
    AuthorizeOutcome outcome = f.get(VALID);
    assertThat(outcome).isInstanceOf(AuthorizeOutcome.SignInRequired.class);
    assertThat(f.users.lastReturnTo.get()).isEqualTo("/authorize?" + VALID);
    assertThat(outcome.toResponse().status()).isEqualTo(302);
    assertThat(outcome.toResponse().header("Location"))
        .startsWith("https://as.example/login?return_to=");
    assertThat(f.codes.size()).isZero();
    assertThat(f.pending.size()).isZero();
  }

  @Test
  @DisplayName("AZ-12 after sign-in the request comes back through returnTo and is validated again")
  void az12ResumeRevalidates() {
    f.get(VALID);
    String returnTo = f.users.lastReturnTo.get();
    f.signIn("alice");
    String q = returnTo.substring(returnTo.indexOf('?') + 1);
    ConsentPrompt prompt = consentPrompt(f.get(q));
    assertThat(prompt.clientId()).isEqualTo("c1");
    assertThat(query(location(f.decide(prompt.consentId().reveal(), "allow"))).get("state"))
        .contains("xyz");

    // whatever comes back is checked from scratch: a swapped redirect_uri is refused
    String swapped = q.replace("app.example", "attacker.example");
    assertThat(shown(f.get(swapped)).error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
  }

  @Test
  @DisplayName("AZ-12 a POSTed authorization request returns through an equivalent GET query")
  void az12PostReturnsAsQuery() {
    String body = VALID.replace("state=xyz", "state=a%20b%26c") + "&unknown=dropped";
    assertThat(f.post(body)).isInstanceOf(AuthorizeOutcome.SignInRequired.class);
    String returnTo = f.users.lastReturnTo.get();
    assertThat(returnTo)
        .startsWith("/authorize?response_type=code&client_id=c1&")
        .doesNotContain("unknown");
    f.signIn("alice");
    ConsentPrompt prompt = consentPrompt(f.get(returnTo.substring(returnTo.indexOf('?') + 1)));
    Parameters p = query(location(f.decide(prompt.consentId().reveal(), "allow")));
    assertThat(p.get("state")).contains("a b&c");
    assertThat(f.codeRecord(p.get("code").orElseThrow()).codeChallenge())
        .isEqualTo(AuthorizeFixture.S);
  }

  static Stream<Arguments> returnToPaths() {
    return Stream.of(
        Arguments.of("", "/authorize?"),
        Arguments.of("//evil.example/authorize", "/authorize?"),
        Arguments.of("/x\\y", "/authorize?"),
        Arguments.of("https://evil.example/", "/authorize?"),
        Arguments.of("/oauth/authorize", "/oauth/authorize?"));
  }

  @ParameterizedTest(name = "path \"{0}\"")
  @MethodSource("returnToPaths")
  @DisplayName(
      "AZ-12 returnTo is always a same-site path: the request's own, else the configured endpoint")
  void az12ReturnToIsSameSite(String path, String expectedPrefix) {
    f.server.authorize(OAuthRequest.builder("GET").path(path).rawQuery(VALID).build());
    assertThat(f.users.lastReturnTo.get()).isEqualTo(expectedPrefix + VALID);
  }

  @Test
  @DisplayName(
      "RL-09 two or more concurrent approvals of one consent request issue exactly one code")
  void rl09ConcurrentApprovalsIssueOneCode() throws Exception {
    int threads = 16;
    ConsentPrompt prompt = promptAsAlice(VALID);
    String id = prompt.consentId().reveal();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<AuthorizeOutcome>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return f.decide(id, "allow");
                }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      int redirects = 0;
      for (Future<AuthorizeOutcome> r : results) {
        if (r.get(10, TimeUnit.SECONDS) instanceof AuthorizeOutcome.Redirect) {
          redirects++;
        }
      }
      assertThat(redirects).isEqualTo(1);
      assertThat(f.codes.size()).isEqualTo(1);
      assertThat(f.events).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName(
      "RL-16 the host's currentUser throws: server_error page (500), no code, nothing pending")
  void rl16CurrentUserThrows() {
    f.users.failWith(new IllegalStateException("session store down"));
    AuthorizeOutcome outcome = f.get(VALID);
    assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.SERVER_ERROR);
    assertThat(outcome.toResponse().status()).isEqualTo(500);
    assertThat(outcome.toResponse().header("Location")).isNull();
    assertThat(outcome.toResponse().body()).doesNotContain("session store down");
    assertThat(f.codes.size()).isZero();
    assertThat(f.pending.size()).isZero();
  }

  @Test
  @DisplayName(
      "RL-16 the host callback throws during the decision: 500, no code, the pending request is discarded")
  void rl16CallbackThrowsDuringDecision() {
    ConsentPrompt prompt = promptAsAlice(VALID);
    f.users.failWith(new IllegalStateException("session store down"));
    AuthorizeOutcome outcome = f.decide(prompt.consentId().reveal(), "allow");
    assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.SERVER_ERROR);
    assertThat(outcome.toResponse().status()).isEqualTo(500);
    assertThat(f.codes.size()).isZero();
    assertThat(f.pending.size()).isZero();
  }

  @Test
  @DisplayName(
      "RL-17 abandoned consent requests expire and are purged: the pending store stays bounded")
  void rl17AbandonedRequestsArePurged() {
    f.signIn("alice");
    int maxSize = 0;
    for (int i = 0; i < 20_000; i++) {
      consentPrompt(f.get(VALID));
      f.clock.advance(Duration.ofSeconds(1));
      maxSize = Math.max(maxSize, f.pending.size());
    }
    // 600 live requests (10 minutes at one a second) plus at most one purge interval of expired
    // ones
    assertThat(maxSize).isLessThanOrEqualTo(600 + 2 * 256);
  }
}
