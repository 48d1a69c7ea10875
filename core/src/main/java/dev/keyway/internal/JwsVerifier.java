package dev.keyway.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import dev.keyway.jwk.SigningAlgorithm;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a JWS signature against a set of public JWKs, with an algorithm allow-list that never
 * contains {@code none} or an HMAC algorithm: a public key is never used as an HMAC secret (the
 * algorithm-confusion attack), and a key is used only with the algorithms its type allows ({@code
 * RS*}/{@code PS*} with RSA 2048+, {@code ES256/384/512} with the matching curve, {@code EdDSA}
 * with Ed25519). A key whose {@code use} is not {@code sig}, or whose {@code alg} differs from the
 * header's, is never used. Verifiers are built once per key and cached. Thread-safe.
 */
public final class JwsVerifier {

  /** The outcome of a check. */
  public enum Result {
    /** A trusted key verified the signature. */
    VALID,
    /** The header names a {@code kid} that is not in the key set (it may be worth a refresh). */
    UNKNOWN_KEY,
    /** Anything else: algorithm not allowed, no usable key, bad signature. */
    INVALID
  }

  /** Every asymmetric algorithm Keyway can verify (EdDSA only when Tink is present). */
  public static final Set<JWSAlgorithm> ASYMMETRIC = asymmetric();

  /** How many keys are tried for a JWS without {@code kid}. */
  static final int MAX_CANDIDATES = 4;

  private static final int MAX_CACHED_VERIFIERS = 256;

  private final Set<JWSAlgorithm> allowed;
  private final boolean requireKeyId;
  private final ConcurrentHashMap<JWK, JWSVerifier> verifiers = new ConcurrentHashMap<>();

  /**
   * @param allowed the algorithms to accept; symmetric ones and {@code none} are refused here
   * @param requireKeyId whether a JWS without {@code kid} is invalid
   */
  public JwsVerifier(Set<JWSAlgorithm> allowed, boolean requireKeyId) {
    for (JWSAlgorithm alg : allowed) {
      if (!ASYMMETRIC.contains(alg)) {
        throw new IllegalArgumentException("not an allowed asymmetric JWS algorithm: " + alg);
      }
    }
    this.allowed = Collections.unmodifiableSet(new LinkedHashSet<>(allowed));
    this.requireKeyId = requireKeyId;
  }

  /** The algorithms accepted. */
  public Set<JWSAlgorithm> allowed() {
    return allowed;
  }

  /** Checks the signature of a parsed JWS against {@code keys}. */
  public Result verify(JWSObject jws, List<JWK> keys) {
    JWSHeader header = jws.getHeader();
    JWSAlgorithm alg = header.getAlgorithm();
    if (alg == null || !allowed.contains(alg)) {
      return Result.INVALID;
    }
    String kid = header.getKeyID();
    if (kid == null && requireKeyId) {
      return Result.INVALID;
    }
    List<JWK> candidates = new ArrayList<>(1);
    boolean kidKnown = false;
    for (JWK key : keys) {
      if (kid != null) {
        if (!kid.equals(key.getKeyID())) {
          continue;
        }
        kidKnown = true;
      }
      if (usable(key, alg) && candidates.size() < MAX_CANDIDATES) {
        candidates.add(key);
      }
    }
    if (kid != null && !kidKnown) {
      return Result.UNKNOWN_KEY;
    }
    byte[] signingInput = jws.getSigningInput();
    for (JWK key : candidates) {
      JWSVerifier verifier = verifierFor(key);
      try {
        if (verifier != null && verifier.verify(header, signingInput, jws.getSignature())) {
          return Result.VALID;
        }
      } catch (JOSEException | RuntimeException e) {
        // a malformed signature or key is just an invalid signature
      }
    }
    return Result.INVALID;
  }

  /** True when {@code key} is a public-key signature key that may verify {@code alg}. */
  static boolean usable(JWK key, JWSAlgorithm alg) {
    if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
      return false;
    }
    if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
      return false;
    }
    if (key instanceof RSAKey rsa) {
      return JWSAlgorithm.Family.RSA.contains(alg) && rsa.size() >= SigningAlgorithm.MIN_RSA_BITS;
    }
    if (key instanceof ECKey ec) {
      return (alg.equals(JWSAlgorithm.ES256) && Curve.P_256.equals(ec.getCurve()))
          || (alg.equals(JWSAlgorithm.ES384) && Curve.P_384.equals(ec.getCurve()))
          || (alg.equals(JWSAlgorithm.ES512) && Curve.P_521.equals(ec.getCurve()));
    }
    if (key instanceof OctetKeyPair okp) {
      return alg.equals(JWSAlgorithm.EdDSA) && Curve.Ed25519.equals(okp.getCurve());
    }
    return false; // symmetric (oct) keys never verify anything here
  }

  private JWSVerifier verifierFor(JWK key) {
    JWSVerifier cached = verifiers.get(key);
    if (cached != null) {
      return cached;
    }
    JWSVerifier built;
    try {
      if (key instanceof RSAKey rsa) {
        built = new RSASSAVerifier(rsa.toPublicJWK());
      } else if (key instanceof ECKey ec) {
        built = new ECDSAVerifier(ec.toPublicJWK());
      } else if (key instanceof OctetKeyPair okp) {
        built = new Ed25519Verifier(okp.toPublicJWK());
      } else {
        return null;
      }
    } catch (JOSEException | RuntimeException | LinkageError e) {
      return null;
    }
    if (verifiers.size() >= MAX_CACHED_VERIFIERS) {
      verifiers.clear();
    }
    verifiers.put(key, built);
    return built;
  }

  private static Set<JWSAlgorithm> asymmetric() {
    Set<JWSAlgorithm> algs = new LinkedHashSet<>();
    if (SigningAlgorithm.eddsaAvailable()) {
      algs.add(JWSAlgorithm.EdDSA);
    }
    algs.addAll(
        List.of(
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512,
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512));
    return Collections.unmodifiableSet(algs);
  }
}
