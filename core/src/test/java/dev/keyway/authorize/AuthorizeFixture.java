package dev.keyway.authorize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyway.AuthorizationServer;
import dev.keyway.AuthorizationServerBuilder;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.FormDecoder;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.Parameters;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.store.memory.InMemoryAuthorizationCodeStore;
import dev.keyway.store.memory.InMemoryClientStore;
import dev.keyway.store.memory.InMemoryConsentStore;
import dev.keyway.store.memory.InMemoryPendingAuthorizationStore;
import dev.keyway.testing.MutableClock;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One authorization server on in-memory stores and a mutable clock, issuer {@code
 * https://as.example}, authorization endpoint {@code /authorize}, the catalogue's clients
 * registered, and helpers to send requests and read responses. A new one per test.
 */
final class AuthorizeFixture {

  static final String ISSUER = "https://as.example";

  /** RFC 7636 Appendix B verifier and its S256 challenge. */
  static final String V = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  static final String S = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final Instant AUTH_TIME = T0.minusSeconds(30);

  /** The catalogue's "valid code" request for c1. */
  static final String VALID =
      "response_type=code&client_id=c1&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&scope=read"
          + "&state=xyz&code_challenge="
          + S
          + "&code_challenge_method=S256";

  final MutableClock clock = new MutableClock(T0);
  final InMemoryClientStore clients = new InMemoryClientStore();
  final InMemoryAuthorizationCodeStore codes = new InMemoryAuthorizationCodeStore(clock);
  final InMemoryPendingAuthorizationStore pending = new InMemoryPendingAuthorizationStore(clock);
  final InMemoryConsentStore consents = new InMemoryConsentStore();
  final FakeUsers users = new FakeUsers();
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  final AuthorizationServer server;

  AuthorizeFixture() {
    this(b -> {});
  }

  AuthorizeFixture(Consumer<AuthorizationServerBuilder> customize) {
    TestClients.all().forEach(clients::save);
    AuthorizationServerBuilder b =
        AuthorizationServer.builder()
            .issuer(ISSUER)
            .authorizationEndpointPath("/authorize")
            .clock(clock)
            .clients(clients)
            .codes(codes)
            .pendingAuthorizations(pending)
            .consents(consents)
            .users(users)
            .events(events::add);
    customize.accept(b);
    server = b.build();
  }

  /** {@code GET /authorize?query}. */
  AuthorizeOutcome get(String query) {
    return server.authorize(OAuthRequest.builder("GET").path("/authorize").rawQuery(query).build());
  }

  /** {@code POST /authorize} with a form body. */
  AuthorizeOutcome post(String body) {
    return server.authorize(form(body));
  }

  /** {@code POST} of the consent form with a raw body. */
  AuthorizeOutcome decide(String body) {
    return server.decide(form(body));
  }

  /** {@code POST} of the consent form. */
  AuthorizeOutcome decide(String consentId, String decision) {
    return decide("consent_id=" + enc(consentId) + "&decision=" + enc(decision));
  }

  static OAuthRequest form(String body) {
    return OAuthRequest.builder("POST")
        .path("/authorize")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .build();
  }

  void signIn(String subject) {
    users.signIn(subject, AUTH_TIME);
  }

  /**
   * Signs {@code alice} in, sends {@code query}, and allows the consent prompt (or takes the
   * immediate redirect when she already consented).
   */
  AuthorizeOutcome.Redirect approveAsAlice(String query) {
    signIn("alice");
    AuthorizeOutcome outcome = get(query);
    if (outcome instanceof AuthorizeOutcome.Redirect r) {
      return r;
    }
    ConsentPrompt prompt = consentPrompt(outcome);
    return redirect(decide(prompt.consentId().reveal(), "allow"));
  }

  static ConsentPrompt consentPrompt(AuthorizeOutcome outcome) {
    assertThat(outcome).isInstanceOf(AuthorizeOutcome.ConsentRequired.class);
    return ((AuthorizeOutcome.ConsentRequired) outcome).prompt();
  }

  static AuthorizeOutcome.Redirect redirect(AuthorizeOutcome outcome) {
    assertThat(outcome).isInstanceOf(AuthorizeOutcome.Redirect.class);
    return (AuthorizeOutcome.Redirect) outcome;
  }

  static AuthorizeOutcome.ShowError shown(AuthorizeOutcome outcome) {
    assertThat(outcome).isInstanceOf(AuthorizeOutcome.ShowError.class);
    return (AuthorizeOutcome.ShowError) outcome;
  }

  /** The {@code Location} header as the host would write it. */
  static String location(AuthorizeOutcome outcome) {
    return redirect(outcome).toResponse().header("Location");
  }

  /** The part of the Location before its query. */
  static String base(String location) {
    int q = location.indexOf('?');
    return q < 0 ? location : location.substring(0, q);
  }

  /** The decoded query parameters of a Location. */
  static Parameters query(String location) {
    URI uri = URI.create(location);
    try {
      return FormDecoder.decode(uri.getRawQuery());
    } catch (FormDecoder.MalformedFormException e) {
      throw new AssertionError("Location query is not decodable: " + location, e);
    }
  }

  /** The stored record of an issued code, found by the code's hash. */
  AuthorizationCodeRecord codeRecord(String code) {
    return codes
        .find(Hashing.tokenHash(code))
        .orElseThrow(() -> new AssertionError("code not stored"));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
