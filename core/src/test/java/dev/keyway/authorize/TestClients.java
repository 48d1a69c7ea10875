package dev.keyway.authorize;

import dev.keyway.client.Sha256SecretHasher;
import dev.keyway.spi.GrantType;
import dev.keyway.spi.client.Client;
import dev.keyway.spi.client.ClientAuthMethod;
import dev.keyway.spi.client.ClientSecret;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * The security catalogue's fixture clients (section 0), as far as the authorization endpoint needs
 * them.
 */
final class TestClients {

  private static final Sha256SecretHasher HASHER = new Sha256SecretHasher();

  private TestClients() {}

  private static ClientSecret secret(String raw) {
    return new ClientSecret(HASHER.hash(raw), Instant.EPOCH, null);
  }

  /**
   * Confidential, basic + post, code + refresh, one redirect URI, scopes read and write; no PKCE
   * required.
   */
  static Client c1() {
    return Client.builder("c1")
        .displayName("Example App <b>&\"'")
        .secret(secret("s3cr3t-c1"))
        .redirectUris("https://app.example/cb")
        .allowedScopes("read", "write")
        .defaultScopes("read")
        .logoUri(URI.create("https://app.example/logo.png"))
        .homepageUri(URI.create("https://app.example/"))
        .build();
  }

  /** Confidential, basic only, two redirect URIs. */
  static Client c1m() {
    return Client.builder("c1m")
        .secret(secret("s3cr3t-c1m"))
        .authMethods(ClientAuthMethod.CLIENT_SECRET_BASIC)
        .redirectUris("https://app.example/cb", "https://app.example/cb2")
        .allowedScopes("read", "write")
        .defaultScopes("read")
        .build();
  }

  /**
   * Confidential with a query in its redirect URI; this one requires PKCE (DESIGN.md decision 1).
   */
  static Client c1q() {
    return Client.builder("c1q")
        .secret(secret("s3cr3t-c1q"))
        .authMethods(ClientAuthMethod.CLIENT_SECRET_BASIC)
        .grantTypes(GrantType.AUTHORIZATION_CODE)
        .redirectUris("https://app.example/cb?foo=bar")
        .allowedScopes("read", "write")
        .defaultScopes("read")
        .requirePkce(true)
        .build();
  }

  /** Confidential, allowed only {@code read}. */
  static Client c2() {
    return Client.builder("c2")
        .secret(secret("s3cr3t-c2"))
        .authMethods(ClientAuthMethod.CLIENT_SECRET_BASIC)
        .grantTypes(
            GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS)
        .redirectUris("https://other.example/cb")
        .allowedScopes("read")
        .defaultScopes("read")
        .build();
  }

  /** Confidential, client_credentials only. */
  static Client c3() {
    return Client.builder("c3")
        .secret(secret("s3cr3t-c3"))
        .authMethods(ClientAuthMethod.CLIENT_SECRET_BASIC)
        .grantTypes(GrantType.CLIENT_CREDENTIALS)
        .redirectUris("https://svc.example/cb")
        .allowedScopes("read")
        .defaultScopes("read")
        .build();
  }

  /** Public single-page app. */
  static Client p1() {
    return Client.builder("p1")
        .publicClient()
        .redirectUris("https://spa.example/cb")
        .allowedScopes("read", "write")
        .defaultScopes("read")
        .build();
  }

  /** Public native app with loopback IP redirect URIs. */
  static Client n1() {
    return Client.builder("n1")
        .publicClient()
        .redirectUris("http://127.0.0.1/cb", "http://[::1]/cb")
        .allowedScopes("read", "write")
        .defaultScopes("read")
        .build();
  }

  /** Public native app registered with {@code localhost} (no port variance). */
  static Client n2() {
    return Client.builder("n2")
        .publicClient()
        .grantTypes(GrantType.AUTHORIZATION_CODE)
        .redirectUris("http://localhost/cb")
        .allowedScopes("read")
        .defaultScopes("read")
        .build();
  }

  /** A client with no default scope. */
  static Client nodefault() {
    return Client.builder("nodefault")
        .secret(secret("s3cr3t-nd"))
        .redirectUris("https://nd.example/cb")
        .allowedScopes("read")
        .build();
  }

  static List<Client> all() {
    return List.of(c1(), c1m(), c1q(), c2(), c3(), p1(), n1(), n2(), nodefault());
  }
}
