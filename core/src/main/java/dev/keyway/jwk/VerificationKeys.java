package dev.keyway.jwk;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The public keys a verifier trusts: a fixed set, this server's own {@link SigningKeys}, or a
 * {@link RemoteJwkSet} fetched from an authorization server's {@code jwks_uri}.
 */
public interface VerificationKeys {

  /** The keys trusted now. Must be fast: called for every token. */
  List<JWK> current();

  /**
   * Called when a token names a {@code kid} that {@link #current()} does not hold: a remote set may
   * fetch again (rate limited) to learn a newly announced key. Returns the keys to retry with.
   */
  default List<JWK> refreshed() {
    return current();
  }

  /** A fixed set of keys; only their public halves are kept, symmetric keys are dropped. */
  static VerificationKeys of(List<JWK> keys) {
    List<JWK> pub = publicOnly(keys);
    return () -> pub;
  }

  /**
   * A fixed set from a JWK set document.
   *
   * @throws IllegalArgumentException when it is not a JWK set
   */
  static VerificationKeys parse(String jwkSetJson) {
    try {
      return of(JWKSet.parse(jwkSetJson).getKeys());
    } catch (ParseException e) {
      throw new IllegalArgumentException("not a valid JWK set document");
    }
  }

  /** This server's own published keys, for validating its JWTs in the same process. */
  static VerificationKeys of(SigningKeys keys) {
    Objects.requireNonNull(keys, "keys");
    return keys::verificationKeys;
  }

  /** The public, asymmetric keys among {@code keys}. */
  static List<JWK> publicOnly(List<JWK> keys) {
    List<JWK> pub = new ArrayList<>();
    for (JWK key : keys) {
      JWK p = key.toPublicJWK();
      if (p != null && !p.isPrivate()) {
        pub.add(p);
      }
    }
    return List.copyOf(pub);
  }
}
