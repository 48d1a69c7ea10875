package dev.keyway.jwk;

import com.nimbusds.jose.jwk.JWK;
import java.util.List;

/**
 * The server's JWT signing keys: the one that signs now, and every public key that verifiers must
 * accept now, which the JWK set endpoint publishes.
 *
 * <p>A rotation that never breaks a token already issued follows two rules, which implementations
 * keep: a new key is published before it signs anything (long enough for every verifier's cached
 * copy of the JWK set to expire), and an old key stays published until the last token it signed has
 * expired. Several keys of the same algorithm may be published at once; they differ by {@code kid}.
 *
 * <p>Bundled: {@link RotatingSigningKeys} (generated in memory and rotated on a schedule, for one
 * instance), {@link JwkSetSigningKeys} (a JWK set from a string) and {@link FileSigningKeys} (a JWK
 * set file, re-read when it changes, so that several instances share keys). Implementations must be
 * thread-safe and fast: {@link #signingKey()} is called for every token.
 */
public interface SigningKeys {

  /** The key that signs new tokens now. */
  SigningKey signingKey();

  /**
   * The public keys verifiers must accept now, the signing key included: public JWKs with {@code
   * kid}, never a private or symmetric key.
   */
  List<JWK> verificationKeys();
}
