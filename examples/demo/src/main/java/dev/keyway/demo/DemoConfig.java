package dev.keyway.demo;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The demo's settings, read from environment variables (every one optional).
 *
 * <ul>
 *   <li>{@code PORT} (default 8080; {@code 0} picks a free port), {@code BIND_ADDRESS} (default
 *       {@code 127.0.0.1}), {@code ISSUER} (default {@code http://localhost:PORT}).
 *   <li>{@code DEMO_ALICE_PASSWORD} (default {@code wonderland}), {@code DEMO_BOB_PASSWORD}
 *       (default {@code builder}).
 *   <li>{@code DEMO_CLIENT_SECRET}, {@code OTHER_CLIENT_SECRET}, {@code RESOURCE_SERVER_SECRET}:
 *       generated at random when unset.
 *   <li>{@code DEMO_REDIRECT_URIS}: comma-separated (default {@code
 *       http://localhost:3000/callback}).
 *   <li>{@code KEYWAY_JDBC_URL} (a {@code jdbc:postgresql:} URL), with {@code KEYWAY_JDBC_USER} and
 *       {@code KEYWAY_JDBC_PASSWORD}: keep everything in that PostgreSQL database instead of in
 *       memory ({@link DemoDatabase}).
 * </ul>
 *
 * <p>This is a demo: its secrets are printed at start-up on purpose, and {@link #toString()} does
 * not print them.
 *
 * @param port the port to listen on; 0 for any free port
 * @param bindAddress the address to listen on
 * @param issuer the issuer, or {@code null} for {@code http://localhost:<actual port>}
 * @param alicePassword alice's password
 * @param bobPassword bob's password
 * @param demoClientSecret {@code demo-client}'s secret
 * @param demoClientSecretGenerated whether that secret was generated
 * @param otherClientSecret {@code other-client}'s secret
 * @param otherClientSecretGenerated whether that secret was generated
 * @param resourceServerSecret {@code demo-resource-server}'s secret
 * @param resourceServerSecretGenerated whether that secret was generated
 * @param redirectUris the redirect URIs every demo client is registered with
 * @param database the PostgreSQL database to keep state in, or {@code null} for memory
 */
public record DemoConfig(
    int port,
    String bindAddress,
    URI issuer,
    String alicePassword,
    String bobPassword,
    String demoClientSecret,
    boolean demoClientSecretGenerated,
    String otherClientSecret,
    boolean otherClientSecretGenerated,
    String resourceServerSecret,
    boolean resourceServerSecretGenerated,
    List<String> redirectUris,
    DemoDatabase database) {

  /** The redirect URI used when {@code DEMO_REDIRECT_URIS} is unset. */
  public static final String DEFAULT_REDIRECT_URI = "http://localhost:3000/callback";

  private static final SecureRandom RANDOM = new SecureRandom();

  public DemoConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("PORT must be between 0 and 65535");
    }
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(alicePassword, "alicePassword");
    Objects.requireNonNull(bobPassword, "bobPassword");
    Objects.requireNonNull(demoClientSecret, "demoClientSecret");
    Objects.requireNonNull(otherClientSecret, "otherClientSecret");
    Objects.requireNonNull(resourceServerSecret, "resourceServerSecret");
    redirectUris = List.copyOf(redirectUris);
    if (redirectUris.isEmpty()) {
      throw new IllegalArgumentException("DEMO_REDIRECT_URIS must name at least one URI");
    }
    if (issuer != null) {
      requireOrigin(issuer);
    }
  }

  /** Reads the settings from an environment map such as {@link System#getenv()}. */
  public static DemoConfig fromEnvironment(Map<String, String> env) {
    int port = parsePort(value(env, "PORT", "8080"));
    String issuer = value(env, "ISSUER", null);
    String demoSecret = value(env, "DEMO_CLIENT_SECRET", null);
    String otherSecret = value(env, "OTHER_CLIENT_SECRET", null);
    String resourceServerSecret = value(env, "RESOURCE_SERVER_SECRET", null);
    return new DemoConfig(
        port,
        value(env, "BIND_ADDRESS", "127.0.0.1"),
        issuer == null ? null : parseIssuer(issuer),
        value(env, "DEMO_ALICE_PASSWORD", "wonderland"),
        value(env, "DEMO_BOB_PASSWORD", "builder"),
        demoSecret == null ? randomSecret() : demoSecret,
        demoSecret == null,
        otherSecret == null ? randomSecret() : otherSecret,
        otherSecret == null,
        resourceServerSecret == null ? randomSecret() : resourceServerSecret,
        resourceServerSecret == null,
        splitUris(value(env, "DEMO_REDIRECT_URIS", DEFAULT_REDIRECT_URI)),
        DemoDatabase.fromEnvironment(env).orElse(null));
  }

  /** The issuer for a server that ended up listening on {@code actualPort}. */
  public URI issuerFor(int actualPort) {
    return issuer != null ? issuer : URI.create("http://localhost:" + actualPort);
  }

  /** A new 256-bit random secret, base64url without padding. */
  public static String randomSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void requireOrigin(URI issuer) {
    String path = issuer.getRawPath();
    boolean http = "http".equals(issuer.getScheme()) || "https".equals(issuer.getScheme());
    if (!http
        || issuer.getHost() == null
        || (path != null && !path.isEmpty() && !path.equals("/"))
        || issuer.getRawQuery() != null
        || issuer.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "ISSUER must be an origin such as https://auth.example.com, without a path:"
              + " the demo serves its endpoints at the root");
    }
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String v = env.get(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static URI parseIssuer(String text) {
    try {
      return new URI(text);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("ISSUER is not a valid URL");
    }
  }

  private static int parsePort(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("PORT must be a number, not '" + text + "'");
    }
  }

  private static List<String> splitUris(String text) {
    List<String> uris = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        uris.add(part.trim());
      }
    }
    return uris;
  }

  @Override
  public String toString() {
    return "DemoConfig[port="
        + port
        + ", issuer="
        + issuer
        + ", redirectUris="
        + redirectUris
        + ", database="
        + database
        + "]";
  }
}
