package dev.keyway.demo;

import dev.keyway.client.Sha256SecretHasher;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientBuilder;
import dev.keyway.spi.client.ClientSecret;
import dev.keyway.spi.client.ClientStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers the demo's three clients, as a host would on start-up: secrets are hashed with {@link
 * Sha256SecretHasher} before they reach the store, so only hashes are ever stored.
 */
public final class DemoClients {

  /** The confidential client of the public API page's examples. */
  public static final String DEMO_CLIENT = "demo-client";

  /** A second confidential client, to show that codes and tokens are bound to their client. */
  public static final String OTHER_CLIENT = "other-client";

  /** A public client (a single-page or native app): no secret, PKCE S256 required. */
  public static final String DEMO_PUBLIC = "demo-public";

  /**
   * A resource server (an API) that may introspect any token; it uses no grant that involves a
   * user, only client credentials.
   */
  public static final String RESOURCE_SERVER = "demo-resource-server";

  /** The loopback redirect URI {@code demo-public} may use with any port (RFC 8252 §7.3). */
  public static final String LOOPBACK_REDIRECT_URI = "http://127.0.0.1/callback";

  /** The scopes every demo client may request. */
  public static final List<String> SCOPES = List.of("profile", "read", "write");

  private DemoClients() {}

  /**
   * Saves {@code demo-client}, {@code other-client}, {@code demo-public} and {@code
   * demo-resource-server} into {@code store}.
   */
  public static void register(ClientStore store, DemoConfig config, Instant now) {
    Sha256SecretHasher hasher = new Sha256SecretHasher();
    store.save(
        confidential(DEMO_CLIENT, "Demo Client", config)
            .secret(new ClientSecret(hasher.hash(config.demoClientSecret()), now, null))
            .createdAt(now)
            .build());
    store.save(
        confidential(OTHER_CLIENT, "Other Client", config)
            .secret(new ClientSecret(hasher.hash(config.otherClientSecret()), now, null))
            .createdAt(now)
            .build());
    List<String> publicRedirects = new ArrayList<>(config.redirectUris());
    if (!publicRedirects.contains(LOOPBACK_REDIRECT_URI)) {
      publicRedirects.add(LOOPBACK_REDIRECT_URI);
    }
    store.save(
        Client.builder(DEMO_PUBLIC)
            .publicClient()
            .displayName("Demo Public App")
            .redirectUris(publicRedirects)
            .allowedScopes(SCOPES.toArray(String[]::new))
            .defaultScopes("profile")
            .createdAt(now)
            .build());
    store.save(
        Client.builder(RESOURCE_SERVER)
            .displayName("Demo Resource Server")
            .secret(new ClientSecret(hasher.hash(config.resourceServerSecret()), now, null))
            .grantTypes(GrantType.CLIENT_CREDENTIALS)
            .resourceServer(true)
            .createdAt(now)
            .build());
  }

  private static ClientBuilder confidential(String id, String name, DemoConfig config) {
    return Client.builder(id)
        .displayName(name)
        .redirectUris(config.redirectUris())
        .allowedScopes(SCOPES.toArray(String[]::new))
        .defaultScopes("profile");
  }
}
