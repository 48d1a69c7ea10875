package dev.keyway;

import dev.keyway.spi.client.Client;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The server's validated, immutable configuration, built by {@link AuthorizationServerBuilder}.
 * Defaults follow the public API page Keyway was modelled on: access tokens live one hour, refresh
 * tokens seven days, codes sixty seconds.
 *
 * @param issuer the issuer identifier (RFC 8414 §2): https, or http on a loopback or localhost
 *     host; no query or fragment
 * @param authorizationEndpoint absolute URL of the authorization endpoint
 * @param tokenEndpoint absolute URL of the token endpoint
 * @param revocationEndpoint absolute URL of the revocation endpoint
 * @param introspectionEndpoint absolute URL of the introspection endpoint
 * @param jwksUri absolute URL of the JWK set, or {@code null} when no JWTs are issued
 * @param accessTokenTtl access-token lifetime (default 1 h)
 * @param refreshTokenTtl refresh-token lifetime (default 7 days)
 * @param grantMaxLifetime absolute lifetime of a token family; rotation never extends past it
 *     (default: the refresh-token lifetime)
 * @param codeTtl authorization-code lifetime (default 60 s, at most 10 min)
 * @param pendingAuthorizationTtl how long a consent screen stays answerable (default 10 min)
 * @param refreshGraceWindow how long after a rotation a confidential client may present the rotated
 *     refresh token again and receive the same successor pair (default zero: reuse always revokes
 *     the family; at most {@link #MAX_REFRESH_GRACE_WINDOW}). Public clients get a window only
 *     through their own {@code Client.refreshGraceWindow}
 * @param allowPlainPkce whether {@code code_challenge_method=plain} is accepted (default no)
 * @param scopesSupported the scopes this server knows, advertised in metadata
 * @param maxBodyBytes the largest request body accepted (default 64 KiB)
 * @param registrationEndpoint absolute URL of the dynamic client registration endpoint (RFC 7591),
 *     or {@code null} when dynamic registration is off (the default)
 */
public record ServerSettings(
    URI issuer,
    URI authorizationEndpoint,
    URI tokenEndpoint,
    URI revocationEndpoint,
    URI introspectionEndpoint,
    URI jwksUri,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    Duration grantMaxLifetime,
    Duration codeTtl,
    Duration pendingAuthorizationTtl,
    Duration refreshGraceWindow,
    boolean allowPlainPkce,
    Set<String> scopesSupported,
    int maxBodyBytes,
    URI registrationEndpoint) {

  /** Maximum code lifetime recommended by RFC 6749 §4.1.2. */
  public static final Duration MAX_CODE_TTL = Duration.ofMinutes(10);

  /** The longest refresh grace window, for the server and for each client (5 minutes). */
  public static final Duration MAX_REFRESH_GRACE_WINDOW = Client.MAX_REFRESH_GRACE_WINDOW;

  public ServerSettings {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(authorizationEndpoint, "authorizationEndpoint");
    Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    Objects.requireNonNull(revocationEndpoint, "revocationEndpoint");
    Objects.requireNonNull(introspectionEndpoint, "introspectionEndpoint");
    scopesSupported = Set.copyOf(scopesSupported);
    requirePositive(accessTokenTtl, "accessTokenTtl");
    requirePositive(refreshTokenTtl, "refreshTokenTtl");
    requirePositive(grantMaxLifetime, "grantMaxLifetime");
    requirePositive(codeTtl, "codeTtl");
    requirePositive(pendingAuthorizationTtl, "pendingAuthorizationTtl");
    Objects.requireNonNull(refreshGraceWindow, "refreshGraceWindow");
    if (refreshGraceWindow.isNegative()
        || refreshGraceWindow.compareTo(MAX_REFRESH_GRACE_WINDOW) > 0) {
      throw new IllegalArgumentException("refreshGraceWindow must be between zero and 5 minutes");
    }
    if (codeTtl.compareTo(MAX_CODE_TTL) > 0) {
      throw new IllegalArgumentException(
          "codeTtl must be at most 10 minutes (RFC 6749 section 4.1.2)");
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
    }
    validateIssuer(issuer);
  }

  /** Settings without dynamic client registration (the signature before RFC 7591 support). */
  public ServerSettings(
      URI issuer,
      URI authorizationEndpoint,
      URI tokenEndpoint,
      URI revocationEndpoint,
      URI introspectionEndpoint,
      URI jwksUri,
      Duration accessTokenTtl,
      Duration refreshTokenTtl,
      Duration grantMaxLifetime,
      Duration codeTtl,
      Duration pendingAuthorizationTtl,
      Duration refreshGraceWindow,
      boolean allowPlainPkce,
      Set<String> scopesSupported,
      int maxBodyBytes) {
    this(
        issuer,
        authorizationEndpoint,
        tokenEndpoint,
        revocationEndpoint,
        introspectionEndpoint,
        jwksUri,
        accessTokenTtl,
        refreshTokenTtl,
        grantMaxLifetime,
        codeTtl,
        pendingAuthorizationTtl,
        refreshGraceWindow,
        allowPlainPkce,
        scopesSupported,
        maxBodyBytes,
        null);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  private static void validateIssuer(URI issuer) {
    if (!issuer.isAbsolute() || issuer.getHost() == null) {
      throw new IllegalArgumentException("issuer must be an absolute URL with a host");
    }
    if (issuer.getRawQuery() != null || issuer.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "issuer must have no query or fragment (RFC 8414 section 2)");
    }
    String scheme = issuer.getScheme();
    String host = issuer.getHost();
    boolean local = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    if (!"https".equals(scheme) && !("http".equals(scheme) && local)) {
      throw new IllegalArgumentException(
          "issuer must use https (http only on localhost or loopback)");
    }
  }

  /** The issuer as a string without a trailing slash, as it appears in {@code iss}. */
  public String issuerString() {
    String s = issuer.toString();
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
