package dev.keyway.jwk;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Signing keys from a JWK set document ({@code {"keys":[...]}}), for example one kept in a secret
 * store and given to every instance of the server, so that they all sign with the same key and
 * publish the same JWK set.
 *
 * <p>The set holds private keys (RSA 2048+, EC P-256 or Ed25519) and, optionally, public-only keys
 * that are still published for verification (a retired key whose private half was already
 * destroyed). The signing key is the one named by {@code signingKeyId}, or else the <b>first
 * private key</b> in the document. Every key needs a unique {@code kid}; symmetric keys and keys
 * for encryption are refused, so the published set never holds a secret.
 *
 * <p>Rotation with a shared document, step by step: (1) append the new private key after the
 * current one and roll the document out; (2) once every verifier's cached JWK set has expired (the
 * endpoint's {@code max-age}, 5 minutes, plus margin), move the new key first; (3) once the last
 * token signed by the old key has expired (the access-token lifetime), remove the old key. See
 * {@code docs/tokens.md}.
 *
 * <p>Immutable and thread-safe.
 */
public final class JwkSetSigningKeys implements SigningKeys {

  private final SigningKey signingKey;
  private final List<JWK> verificationKeys;

  private JwkSetSigningKeys(SigningKey signingKey, List<JWK> verificationKeys) {
    this.signingKey = signingKey;
    this.verificationKeys = List.copyOf(verificationKeys);
  }

  /**
   * Parses a JWK set document; the first private key signs.
   *
   * @throws IllegalArgumentException when the document is malformed or holds an unusable key
   */
  public static JwkSetSigningKeys parse(String jwkSetJson) {
    return parse(jwkSetJson, null);
  }

  /**
   * Parses a JWK set document; the private key with {@code signingKeyId} signs (or, when it is
   * {@code null}, the first private key).
   *
   * @throws IllegalArgumentException when the document is malformed, holds an unusable key, or has
   *     no private key with that id
   */
  public static JwkSetSigningKeys parse(String jwkSetJson, String signingKeyId) {
    Objects.requireNonNull(jwkSetJson, "jwkSetJson");
    JWKSet set;
    try {
      set = JWKSet.parse(jwkSetJson);
    } catch (ParseException e) {
      // the message may quote key material: keep only the fact
      throw new IllegalArgumentException("not a valid JWK set document");
    }
    return of(set.getKeys(), signingKeyId);
  }

  /** Signing keys from JWKs (see {@link #parse(String, String)} for the rules). */
  public static JwkSetSigningKeys of(List<JWK> keys, String signingKeyId) {
    SigningKey signing = null;
    List<JWK> published = new ArrayList<>();
    Set<String> kids = new HashSet<>();
    for (JWK key : keys) {
      String kid = key.getKeyID();
      if (kid == null || kid.isBlank()) {
        throw new IllegalArgumentException("every key in the set needs a kid");
      }
      if (!kids.add(kid)) {
        throw new IllegalArgumentException("two keys share the kid " + kid);
      }
      if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
        throw new IllegalArgumentException("key " + kid + " is not for signatures (use)");
      }
      if (key.isPrivate()) {
        SigningKey candidate = SigningKey.of(key);
        published.add(candidate.publicJwk());
        boolean named = signingKeyId != null && signingKeyId.equals(kid);
        if (named || (signingKeyId == null && signing == null)) {
          signing = candidate;
        }
      } else {
        if (SigningAlgorithm.of(key).isEmpty()) {
          throw new IllegalArgumentException(
              "key " + kid + " is not an RSA (2048+), EC P-256 or Ed25519 key");
        }
        published.add(key.toPublicJWK());
      }
    }
    if (signing == null) {
      throw new IllegalArgumentException(
          signingKeyId == null
              ? "the set holds no private key to sign with"
              : "no private key has the kid " + signingKeyId);
    }
    return new JwkSetSigningKeys(signing, published);
  }

  @Override
  public SigningKey signingKey() {
    return signingKey;
  }

  @Override
  public List<JWK> verificationKeys() {
    return verificationKeys;
  }

  @Override
  public String toString() {
    return "JwkSetSigningKeys[signing="
        + signingKey.keyId()
        + ", published="
        + verificationKeys.size()
        + "]";
  }
}
