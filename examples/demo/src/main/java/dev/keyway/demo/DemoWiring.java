package dev.keyway.demo;

import dev.keyway.AuthorizationServer;
import dev.keyway.demo.web.DemoApp;
import dev.keyway.demo.web.Pages;
import dev.keyway.demo.web.SessionUserAuthenticator;
import dev.keyway.demo.web.Sessions;
import java.net.URI;
import java.time.Clock;

/**
 * Builds the demo for one issuer: the stores ({@link DemoStores}: in memory, or PostgreSQL), the
 * demo clients and users, the authorization server with the public API page's defaults (access
 * tokens 1 h, refresh tokens 7 days), and the framework-neutral {@link DemoApp} the hosts adapt to
 * HTTP.
 */
public final class DemoWiring {

  private DemoWiring() {}

  /**
   * @param config the demo's settings
   * @param stores the stores, with the demo clients registered
   * @param issuer the issuer, known once the port is bound
   * @param clock the clock every store and the server measure time by
   * @param hostName the host's name, shown on the start page
   */
  public static DemoApp build(
      DemoConfig config, DemoStores stores, URI issuer, Clock clock, String hostName) {
    DemoUsers users = DemoUsers.of(config);
    Sessions sessions = new Sessions(clock);
    AuthorizationServer server =
        AuthorizationServer.builder()
            .issuer(issuer)
            .clock(clock)
            .clients(stores.clients())
            .codes(stores.codes())
            .pendingAuthorizations(stores.pending())
            .tokens(stores.tokens())
            .consents(stores.consents())
            .users(new SessionUserAuthenticator(sessions, users))
            .scopesSupported(DemoClients.SCOPES.toArray(String[]::new))
            .build();
    return new DemoApp(
        server, sessions, users, new Pages(), hostName, exampleAuthorizePath(config), clock);
  }

  /**
   * The public API page's authorization URL for {@code demo-client}, written as that page writes it
   * (the redirect URI unencoded), relative to the issuer.
   */
  public static String exampleAuthorizePath(DemoConfig config) {
    return "/oauth2/authorize?client_id="
        + DemoClients.DEMO_CLIENT
        + "&redirect_uri="
        + config.redirectUris().get(0)
        + "&response_type=code&scope=profile";
  }
}
