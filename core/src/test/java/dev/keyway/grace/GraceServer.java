package dev.keyway.grace;

import dev.keyway.AuthorizationServer;
import dev.keyway.AuthorizationServerBuilder;
import dev.keyway.event.SecurityEvent;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import dev.keyway.pkce.Pkce;
import dev.keyway.spi.OAuthRequest;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientBuilder;
import dev.keyway.spi.client.ClientStore;
import dev.keyway.spi.code.AuthorizationCodeRecord;
import dev.keyway.spi.code.AuthorizationCodeStore;
import dev.keyway.spi.code.CodeState;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.GrantRecord;
import dev.keyway.spi.token.RefreshTokenRecord;
import dev.keyway.spi.token.TokenStore;
import dev.keyway.spi.user.ResourceOwner;
import dev.keyway.spi.user.UserAuthenticator;
import dev.keyway.store.memory.InMemoryAuthorizationCodeStore;
import dev.keyway.store.memory.InMemoryClientStore;
import dev.keyway.store.memory.InMemoryTokenStore;
import dev.keyway.testing.MutableClock;
import dev.keyway.token.fixture.Reply;
import dev.keyway.token.fixture.TestClients;
import dev.keyway.token.fixture.TokenCall;
import dev.keyway.token.fixture.TokenServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A Keyway server for grace-window tests: the catalogue's fixture clients, a hand-moved clock, a
 * recorder of security events, and any stores (in memory, or JDBC shared by several instances).
 */
public final class GraceServer {

  /** The shared grace key of every test server (32 bytes). */
  public static final byte[] KEY =
      "keyway-test-refresh-grace-key-01".getBytes(StandardCharsets.US_ASCII);

  /** Another key, as a misconfigured instance would have. */
  public static final byte[] OTHER_KEY =
      "keyway-test-refresh-grace-key-02".getBytes(StandardCharsets.US_ASCII);

  public static final Instant START = TokenServer.START;

  /** The stores a server runs on. */
  public record Stores(ClientStore clients, AuthorizationCodeStore codes, TokenStore tokens) {

    /** New in-memory stores measuring time by {@code clock}. */
    public static Stores inMemory(MutableClock clock) {
      return new Stores(
          new InMemoryClientStore(),
          new InMemoryAuthorizationCodeStore(clock),
          new InMemoryTokenStore(clock));
    }

    /** Saves the fixture clients, each changed by {@code change}. */
    public Stores withFixtureClients(UnaryOperator<Client> change) {
      TestClients.all(TestClients.defaultHasher()).forEach(c -> clients.save(change.apply(c)));
      return this;
    }
  }

  public final MutableClock clock;
  public final Stores stores;
  public final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
  public final AuthorizationServer server;

  /** A server on {@code stores}, measuring time by {@code clock}, with extra builder settings. */
  public GraceServer(
      MutableClock clock, Stores stores, Consumer<AuthorizationServerBuilder> configure) {
    this.clock = clock;
    this.stores = stores;
    AuthorizationServerBuilder b =
        AuthorizationServer.builder()
            .issuer("https://as.example")
            .users(new NobodySignedIn())
            .clock(clock)
            .clients(stores.clients())
            .codes(stores.codes())
            .tokens(stores.tokens())
            .events(events::add);
    configure.accept(b);
    this.server = b.build();
  }

  /** A server on new in-memory stores with the fixture clients. */
  public static GraceServer inMemory(Consumer<AuthorizationServerBuilder> configure) {
    MutableClock clock = new MutableClock(START);
    return new GraceServer(clock, Stores.inMemory(clock).withFixtureClients(c -> c), configure);
  }

  /** Builder settings: this server-wide window and the shared key. */
  public static Consumer<AuthorizationServerBuilder> window(Duration window) {
    return b -> b.refreshGraceWindow(window).refreshGraceKey(KEY);
  }

  // ---- requests ----

  /** Sends a request to the token endpoint. */
  public Reply send(TokenCall call) {
    return Reply.of(server.token(call.build()));
  }

  /**
   * A refresh as the client would send it: Basic for confidential clients, client_id for public
   * ones.
   */
  public static TokenCall refresh(String clientId, String refreshToken) {
    return authenticate(TokenCall.grant("refresh_token"), clientId)
        .param("refresh_token", refreshToken);
  }

  /**
   * Redeems a fresh code for {@code clientId} (user alice, scopes read and write) and returns the
   * 200 reply.
   */
  public Reply firstTokens(String clientId) {
    Client client = stores.clients().findById(clientId).orElseThrow();
    String redirectUri = client.redirectUris().get(0);
    String code = SecureTokens.newToken();
    Instant now = clock.instant();
    stores
        .codes()
        .save(
            new AuthorizationCodeRecord(
                Hashing.tokenHash(code),
                clientId,
                redirectUri,
                true,
                "alice",
                Set.of("read", "write"),
                TokenServer.S,
                Pkce.S256,
                SecureTokens.newId(),
                now,
                now,
                now.plus(Duration.ofSeconds(60)),
                CodeState.ISSUED));
    Reply reply =
        send(
            authenticate(TokenCall.grant("authorization_code"), clientId)
                .param("code", code)
                .param("redirect_uri", redirectUri)
                .param("code_verifier", TokenServer.V));
    if (reply.status() != 200) {
      throw new AssertionError("fixture redemption failed: " + reply);
    }
    return reply;
  }

  private static TokenCall authenticate(TokenCall call, String clientId) {
    return switch (clientId) {
      case "c1" -> call.basic("c1", TestClients.C1_SECRET);
      case "c2" -> call.basic("c2", TestClients.C2_SECRET);
      case "p1", "p2" -> call.param("client_id", clientId);
      default -> throw new IllegalArgumentException(clientId);
    };
  }

  // ---- store inspection ----

  public Optional<RefreshTokenRecord> refreshToken(String value) {
    return stores.tokens().findRefreshToken(Hashing.tokenHash(value));
  }

  public Optional<AccessTokenRecord> accessToken(String value) {
    return stores.tokens().findAccessToken(Hashing.tokenHash(value));
  }

  public GrantRecord grantOf(String refreshToken) {
    return stores
        .tokens()
        .findGrant(refreshToken(refreshToken).orElseThrow().grantId())
        .orElseThrow();
  }

  /** Replaces a client registration. */
  public void update(String clientId, UnaryOperator<ClientBuilder> change) {
    Client client = stores.clients().findById(clientId).orElseThrow();
    stores.clients().save(change.apply(client.toBuilder()).build());
  }

  /** Events of one type, in order. */
  public <T extends SecurityEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static final class NobodySignedIn implements UserAuthenticator {
    @Override
    public Optional<ResourceOwner> currentUser(OAuthRequest request) {
      return Optional.empty();
    }

    @Override
    public URI signInPage(OAuthRequest request, String returnTo) {
      return URI.create("https://as.example/login");
    }
  }
}
