package dev.keyway.jwk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.Optional;

/**
 * The algorithms Keyway signs its own JWTs with. All three are asymmetric, so resource servers
 * verify with public keys only.
 *
 * <p>On JDK 17, {@link #EDDSA} through Google Tink signs about 14 times faster than {@link #RS256}
 * and about 8 times faster than {@link #ES256} (measured, see {@code docs/performance.md}); it
 * needs the optional dependency {@code com.google.crypto.tink:tink} on the classpath. RS256 is the
 * most widely supported by resource-server libraries.
 */
public enum SigningAlgorithm {
  /** Ed25519 (RFC 8037); needs {@code com.google.crypto.tink:tink}. */
  EDDSA(JWSAlgorithm.EdDSA),
  /** ECDSA with P-256 and SHA-256 (RFC 7518 §3.4), through the JDK. */
  ES256(JWSAlgorithm.ES256),
  /** RSASSA-PKCS1-v1_5 with SHA-256 and a 2048-bit (or larger) key, through the JDK. */
  RS256(JWSAlgorithm.RS256);

  /** The smallest RSA modulus accepted, in bits. */
  public static final int MIN_RSA_BITS = 2048;

  // The name, not the JWSAlgorithm: an enum's fields must be immutable, and nimbus does not mark
  // JWSAlgorithm as such. parse() returns nimbus's own constant for each of these names.
  private final String jwsName;

  SigningAlgorithm(JWSAlgorithm jws) {
    this.jwsName = jws.getName();
  }

  /** The JOSE algorithm, for example {@code EdDSA}. */
  public JWSAlgorithm jwsAlgorithm() {
    return JWSAlgorithm.parse(jwsName);
  }

  /** The {@code alg} name, for example {@code RS256}. */
  public String jwsName() {
    return jwsName;
  }

  /** The algorithm with this {@code alg} name, if Keyway signs with it. */
  public static Optional<SigningAlgorithm> fromJwsName(String name) {
    for (SigningAlgorithm a : values()) {
      if (a.jwsName().equals(name)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** True when Tink is on the classpath, so EdDSA keys can sign and verify. */
  public static boolean eddsaAvailable() {
    try {
      Class.forName(
          "com.google.crypto.tink.subtle.Ed25519Sign",
          false,
          SigningAlgorithm.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * The algorithm a key is for: its {@code alg} member when present, else what its type implies.
   */
  static Optional<SigningAlgorithm> of(JWK key) {
    if (key.getAlgorithm() != null) {
      Optional<SigningAlgorithm> named = fromJwsName(key.getAlgorithm().getName());
      return named.filter(a -> a.fits(key));
    }
    for (SigningAlgorithm a : values()) {
      if (a.fits(key)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** True when the key's type (and curve or size) is right for this algorithm. */
  boolean fits(JWK key) {
    return switch (this) {
      case EDDSA -> key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
      case ES256 -> key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
      case RS256 -> key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS;
    };
  }

  /**
   * Generates a new private key for this algorithm, with {@code use: sig}, {@code alg} and its RFC
   * 7638 thumbprint as {@code kid}.
   *
   * @throws IllegalStateException for EdDSA when Tink is not on the classpath
   */
  public JWK generate() {
    if (this == EDDSA && !eddsaAvailable()) {
      throw new IllegalStateException(
          "EdDSA keys need com.google.crypto.tink:tink on the classpath (see docs/tokens.md)");
    }
    try {
      JWK key =
          switch (this) {
            case EDDSA ->
                new OctetKeyPairGenerator(Curve.Ed25519)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(jwsAlgorithm())
                    .generate();
            case ES256 ->
                new ECKeyGenerator(Curve.P_256)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(jwsAlgorithm())
                    .generate();
            case RS256 ->
                new RSAKeyGenerator(MIN_RSA_BITS)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(jwsAlgorithm())
                    .generate();
          };
      return withKeyId(key, key.computeThumbprint().toString());
    } catch (JOSEException e) {
      throw new IllegalStateException("could not generate a " + jwsName() + " key", e);
    }
  }

  private static JWK withKeyId(JWK key, String kid) {
    if (key instanceof RSAKey rsa) {
      return new RSAKey.Builder(rsa).keyID(kid).build();
    }
    if (key instanceof ECKey ec) {
      return new ECKey.Builder(ec).keyID(kid).build();
    }
    if (key instanceof OctetKeyPair okp) {
      return new OctetKeyPair.Builder(okp).keyID(kid).build();
    }
    throw new AssertionError(key.getKeyType());
  }
}
