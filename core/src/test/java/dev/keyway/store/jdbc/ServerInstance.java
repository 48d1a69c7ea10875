package dev.keyway.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.keyway.AuthorizationServer;
import dev.keyway.OAuthResponse;
import dev.keyway.authorize.AuthorizeOutcome;
import dev.keyway.authorize.ConsentPrompt;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.FormDecoder;
import dev.keyway.resource.BearerResult;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.user.ResourceOwner;
import dev.keyway.spi.user.UserAuthenticator;
import dev.keyway.store.contract.FaultInjectingAuthorizationCodeStore;
import dev.keyway.store.contract.FaultInjectingTokenStore;
import dev.keyway.store.contract.StoreFaults;
import dev.keyway.testing.MutableClock;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TestClients;
import dev.keyway.token.fixture.TokenCall;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One Keyway server instance of a deployment: an {@link AuthorizationServer} over the five JDBC
 * stores on a pool of its own ({@link TinyPool}), with its own clock. Two of these on one database
 * are two servers behind a load balancer. The server reaches its code and token stores through
 * {@link #faults}, which does nothing until a test adds a rule (to hold a call and force an
 * interleaving). The signed-in user travels as the request attribute {@value #USER}; client {@code
 * c1} of {@link TestClients} is the client every case uses.
 */
final class ServerInstance implements AutoCloseable {

  static final String USER = "test.user";

  /** RFC 7636 Appendix B verifier and its S256 challenge. */
  static final String V = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

  static final String S = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  static final String REDIRECT_URI = "https://app.example/cb";
  static final String AUTHORIZE_QUERY =
      "response_type=code&client_id=c1&redirect_uri="
          + enc(REDIRECT_URI)
          + "&scope=read&state=xyz"
          + "&code_challenge="
          + S
          + "&code_challenge_method=S256";

  final String name;
  final MutableClock clock;
  final TinyPool pool;
  final JdbcAuthorizationCodeStore codes;
  final JdbcTokenStore tokens;
  final StoreFaults faults = new StoreFaults();
  final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  final AuthorizationServer server;

  private ServerInstance(String name, TestDatabase db, MutableClock clock) {
    this.name = name;
    this.clock = clock;
    this.pool = new TinyPool(db.newDataSource(), 16);
    this.codes = new JdbcAuthorizationCodeStore(pool);
    this.tokens = new JdbcTokenStore(pool);
    this.server =
        AuthorizationServer.builder()
            .issuer("https://as.example")
            .authorizationEndpointPath("/authorize")
            .clock(clock)
            .clients(new JdbcClientStore(pool))
            .codes(new FaultInjectingAuthorizationCodeStore(codes, faults))
            .pendingAuthorizations(new JdbcPendingAuthorizationStore(pool))
            .tokens(new FaultInjectingTokenStore(tokens, faults))
            .consents(new JdbcConsentStore(pool))
            .users(new AttributeUser())
            .secretHasher(TestClients.defaultHasher())
            .events(events::add)
            .build();
  }

  /** A server on {@code db} with a pool of its own and the given clock. */
  static ServerInstance start(String name, TestDatabase db, MutableClock clock) {
    return new ServerInstance(name, db, clock);
  }

  /**
   * Registers the fixture clients in the shared database (once per deployment, from any instance).
   */
  static void registerClients(TestDatabase db) {
    JdbcClientStore clients = new JdbcClientStore(db.newDataSource());
    TestClients.all(TestClients.defaultHasher()).forEach(clients::save);
  }

  // ---- the authorization endpoint ----

  /** {@code GET /authorize} of c1's usual request, with {@code subject} signed in. */
  AuthorizeOutcome authorize(String subject) {
    return server.authorize(
        OAuthRequest.builder("GET")
            .path("/authorize")
            .rawQuery(AUTHORIZE_QUERY)
            .attribute(USER, subject)
            .build());
  }

  /** The consent form posted by {@code subject}. */
  AuthorizeOutcome decide(String subject, ConsentPrompt prompt, String decision) {
    return server.decide(
        OAuthRequest.builder("POST")
            .path("/authorize")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("consent_id=" + enc(prompt.consentId().reveal()) + "&decision=" + decision)
            .attribute(USER, subject)
            .build());
  }

  static ConsentPrompt prompt(AuthorizeOutcome outcome) {
    assertThat(outcome).isInstanceOf(AuthorizeOutcome.ConsentRequired.class);
    return ((AuthorizeOutcome.ConsentRequired) outcome).prompt();
  }

  /**
   * The code carried by a redirect to c1, after checking it went to c1's redirect URI with the
   * state.
   */
  static String codeOf(AuthorizeOutcome outcome) {
    assertThat(outcome).isInstanceOf(AuthorizeOutcome.Redirect.class);
    URI location = ((AuthorizeOutcome.Redirect) outcome).location();
    assertThat(location.toString()).startsWith(REDIRECT_URI + "?");
    try {
      var query = FormDecoder.decode(location.getRawQuery());
      assertThat(query.get("state")).contains("xyz");
      return query.get("code").orElseThrow(() -> new AssertionError("no code in the redirect"));
    } catch (FormDecoder.MalformedFormException e) {
      throw new AssertionError("undecodable redirect", e);
    }
  }

  // ---- the token endpoint ----

  Reply token(TokenCall call) {
    return Reply.of(server.token(call.build()));
  }

  /** c1's redemption of {@code code}, as built; send it with {@link #token}. */
  static TokenCall redemption(String code) {
    return TokenCall.grant("authorization_code")
        .basic("c1", TestClients.C1_SECRET)
        .param("code", code)
        .param("redirect_uri", REDIRECT_URI)
        .param("code_verifier", V);
  }

  /** c1's refresh with {@code refreshToken}. */
  static TokenCall refresh(String refreshToken) {
    return TokenCall.grant("refresh_token")
        .basic("c1", TestClients.C1_SECRET)
        .param("refresh_token", refreshToken);
  }

  // ---- what a resource sees ----

  /** True when this instance's bearer validator accepts {@code accessToken} for scope read. */
  boolean validates(String accessToken) {
    BearerResult result =
        server
            .bearerTokens()
            .validate(
                OAuthRequest.builder("GET")
                    .path("/api/me")
                    .header("Authorization", "Bearer " + accessToken)
                    .build(),
                Set.of("read"));
    return result instanceof BearerResult.Valid;
  }

  /** The {@code active} member of this instance's introspection answer to c1 for {@code token}. */
  boolean introspectionActive(String token) {
    OAuthResponse response =
        server.introspect(
            TokenCall.form().basic("c1", TestClients.C1_SECRET).param("token", token).build());
    assertThat(response.status()).isEqualTo(200);
    try {
      return Boolean.TRUE.equals(JSONObjectUtils.parse(response.body()).get("active"));
    } catch (ParseException e) {
      throw new AssertionError("introspection answered no JSON", e);
    }
  }

  /** Drops this instance: its pool is closed; the database keeps everything. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "ServerInstance[" + name + "]";
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The host's session: the subject in the request attribute {@value #USER}, if any. */
  private static final class AttributeUser implements UserAuthenticator {
    @Override
    public Optional<ResourceOwner> currentUser(OAuthRequest request) {
      return request.attribute(USER, String.class).map(s -> new ResourceOwner(s, s, null));
    }

    @Override
    public URI signInPage(OAuthRequest request, String returnTo) {
      return URI.create("https://as.example/login");
    }
  }
}
