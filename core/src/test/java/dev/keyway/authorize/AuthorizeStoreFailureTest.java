package dev.keyway.authorize;

import static dev.keyway.authorize.AuthorizeFixture.VALID;
import static dev.keyway.authorize.AuthorizeFixture.consentPrompt;
import static dev.keyway.authorize.AuthorizeFixture.shown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.when;

import dev.keyway.ErrorCode;
import dev.keyway.OAuthResponse;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.ClientStore;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.consent.ConsentRecord;
import dev.keyway.spi.consent.ConsentStore;
import dev.keyway.spi.user.UserAuthenticator;
import dev.keyway.store.memory.InMemoryAuthorizationCodeStore;
import dev.keyway.store.memory.InMemoryPendingAuthorizationStore;
import dev.keyway.testing.MutableClock;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RL-05, RL-16 and failure injection: a store or host callback that throws becomes a {@code
 * server_error} page (500), never a redirect, with nothing half-done and no detail leaked.
 */
class AuthorizeStoreFailureTest {

  private static final RuntimeException BOOM =
      new IllegalStateException("connection refused to db:5432");

  private static void assertServerErrorPage(AuthorizeOutcome outcome) {
    assertThat(shown(outcome).error().code()).isEqualTo(ErrorCode.SERVER_ERROR);
    OAuthResponse r = outcome.toResponse();
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.header("Location")).isNull();
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    assertThat(r.body()).doesNotContain("db:5432").doesNotContain("IllegalStateException");
  }

  @Test
  @DisplayName(
      "RL-05 the client store fails: error page, no redirect even with a valid-looking request")
  void rl05ClientStoreFails() {
    ClientStore clients = mock(ClientStore.class);
    when(clients.findById(any())).thenThrow(BOOM);
    AuthorizeFixture f = new AuthorizeFixture(b -> b.clients(clients));
    f.signIn("alice");
    assertServerErrorPage(f.get(VALID));
    assertThat(f.codes.size()).isZero();
  }

  @Test
  @DisplayName("RL-05 the consent store fails: 500, no code, nothing pending")
  void consentStoreFails() {
    ConsentStore consents = mock(ConsentStore.class);
    when(consents.find(any(), any())).thenThrow(BOOM);
    AuthorizeFixture f = new AuthorizeFixture(b -> b.consents(consents));
    f.signIn("alice");
    assertServerErrorPage(f.get(VALID));
    assertThat(f.codes.size()).isZero();
    assertThat(f.pending.size()).isZero();
  }

  @Test
  @DisplayName("RL-05 the code store fails on save: 500, no redirect")
  void codeStoreFailsOnSave() {
    AuthorizationCodeStore codes = mock(AuthorizationCodeStore.class);
    doThrow(BOOM).when(codes).save(any());
    AuthorizeFixture f = new AuthorizeFixture(b -> b.codes(codes));
    f.consents.save(new ConsentRecord("alice", "c1", Set.of("read"), AuthorizeFixture.T0));
    f.signIn("alice");
    assertServerErrorPage(f.get(VALID));
  }

  @Test
  @DisplayName("RL-05 the pending store fails on save: 500, no code")
  void pendingStoreFailsOnSave() {
    InMemoryPendingAuthorizationStore pending =
        spy(new InMemoryPendingAuthorizationStore(new MutableClock(AuthorizeFixture.T0)));
    doThrow(BOOM).when(pending).save(any());
    AuthorizeFixture f = new AuthorizeFixture(b -> b.pendingAuthorizations(pending));
    f.signIn("alice");
    assertServerErrorPage(f.get(VALID));
    assertThat(f.codes.size()).isZero();
    assertThat(pending.size()).isZero();
  }

  @Test
  @DisplayName("RL-09/RL-05 take fails during the decision: 500, no code, no consent remembered")
  void pendingTakeFails() {
    AuthorizeFixture f0 = new AuthorizeFixture();
    InMemoryPendingAuthorizationStore pending =
        spy(new InMemoryPendingAuthorizationStore(f0.clock));
    doThrow(BOOM).when(pending).take(any(), any());
    AuthorizeFixture f = new AuthorizeFixture(b -> b.pendingAuthorizations(pending));
    f.signIn("alice");
    String id = consentPrompt(f.get(VALID)).consentId().reveal();
    assertServerErrorPage(f.decide(id, "allow"));
    assertThat(f.codes.size()).isZero();
    assertThat(f.consents.findBySubject("alice")).isEmpty();
  }

  @Test
  @DisplayName("RL-05 the code store fails after approval: 500, no redirect")
  void codeStoreFailsDuringDecision() {
    AuthorizeFixture f0 = new AuthorizeFixture();
    InMemoryAuthorizationCodeStore codes = spy(new InMemoryAuthorizationCodeStore(f0.clock));
    doThrow(BOOM).when(codes).save(any());
    AuthorizeFixture f = new AuthorizeFixture(b -> b.codes(codes));
    f.signIn("alice");
    String id = consentPrompt(f.get(VALID)).consentId().reveal();
    assertServerErrorPage(f.decide(id, "allow"));
    assertThat(codes.size()).isZero();
  }

  @Test
  @DisplayName("RL-16 the sign-in page callback throws: 500, no code")
  void rl16SignInPageThrows() {
    UserAuthenticator users = mock(UserAuthenticator.class);
    when(users.currentUser(any(OAuthRequest.class))).thenReturn(Optional.empty());
    when(users.signInPage(any(), any())).thenThrow(BOOM);
    AuthorizeFixture f = new AuthorizeFixture(b -> b.users(users));
    assertServerErrorPage(f.get(VALID));
    assertThat(f.codes.size()).isZero();
    assertThat(f.pending.size()).isZero();
  }

  @Test
  @DisplayName("RL-16 the sign-in page callback returns null: 500, no code")
  void rl16SignInPageReturnsNull() {
    UserAuthenticator users = mock(UserAuthenticator.class);
    when(users.currentUser(any(OAuthRequest.class))).thenReturn(Optional.empty());
    AuthorizeFixture f = new AuthorizeFixture(b -> b.users(users));
    assertServerErrorPage(f.get(VALID));
  }

  @Test
  @DisplayName("a failing security-event listener does not break the flow")
  void failingListenerIsIgnored() {
    AuthorizeFixture f =
        new AuthorizeFixture(
            b ->
                b.events(
                    e -> {
                      throw BOOM;
                    }));
    f.signIn("alice");
    String id = consentPrompt(f.get(VALID)).consentId().reveal();
    assertThat(f.decide(id, "allow")).isInstanceOf(AuthorizeOutcome.Redirect.class);
    assertThat(f.codes.size()).isEqualTo(1);
  }
}
