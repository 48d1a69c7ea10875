package dev.keyway.jwk;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.keyway.OAuthResponse;
import dev.keyway.internal.Guard;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JWK set endpoint ({@code jwks_uri}, RFC 8414 §2; RFC 7517 §5): the public keys that verify
 * this server's JWTs, as {@code {"keys":[...]}}.
 *
 * <p>Only public members are ever written: each key is converted to its public form and, as a
 * second guard, every private or symmetric member ({@code d, p, q, dp, dq, qi, oth, k}) is dropped
 * by name; a key that is still not a public asymmetric key is left out. Responses carry {@code
 * Cache-Control: public, max-age=300}: short, so verifiers pick up a new key well within the
 * rotation's publish-ahead time (one hour by default).
 */
public final class JwksEndpoint {

  /** How long verifiers may cache the set. */
  public static final Duration MAX_AGE = Duration.ofMinutes(5);

  /**
   * JWK members that hold private or secret key material (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037).
   */
  static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

  private record Rendered(List<JWK> source, String json) {}

  private final SigningKeys keys;
  private volatile Rendered rendered;

  /**
   * @param keys the server's signing keys, or {@code null} when it issues no JWTs (404)
   */
  public JwksEndpoint(SigningKeys keys) {
    this.keys = keys;
  }

  /**
   * The JWK set response: 200 with the public keys, 404 when no signing keys are configured, 500
   * {@code server_error} (logged) when the keys cannot be read.
   */
  public OAuthResponse handle() {
    if (keys == null) {
      return OAuthResponse.empty(404);
    }
    return Guard.json("jwks", this::render);
  }

  private OAuthResponse render() {
    List<JWK> current = keys.verificationKeys();
    Rendered r = rendered;
    if (r == null || r.source != current) {
      r = new Rendered(current, render(current));
      rendered = r;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", OAuthResponse.JSON_UTF8);
    headers.put("Cache-Control", "public, max-age=" + MAX_AGE.toSeconds());
    headers.put("X-Content-Type-Options", "nosniff");
    return new OAuthResponse(200, headers, r.json);
  }

  /** Renders keys as a public JWK set document. */
  public static String render(List<JWK> jwks) {
    List<Object> out = new ArrayList<>();
    for (JWK jwk : jwks) {
      publicMembers(jwk).ifPresent(out::add);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("keys", out);
    return JSONObjectUtils.toJSONString(doc);
  }

  private static Optional<Map<String, Object>> publicMembers(JWK jwk) {
    JWK pub = jwk.toPublicJWK();
    if (pub == null || pub.isPrivate()) {
      return Optional.empty(); // symmetric keys have no public form
    }
    Map<String, Object> members = new LinkedHashMap<>(pub.toJSONObject());
    members.keySet().removeAll(PRIVATE_MEMBERS);
    return Optional.of(members);
  }
}
