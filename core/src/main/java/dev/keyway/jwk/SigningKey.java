package dev.keyway.jwk;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import dev.keyway.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One private key that signs JWTs, with its key id, algorithm and public half. The signer is built
 * once per key, so signing does no key parsing. The key remembers the latest expiry of the tokens
 * it signed, so that a key store can keep publishing it exactly as long as one of them may still be
 * presented.
 *
 * <p>Thread-safe. {@link #toString()} shows the key id and algorithm only.
 */
public final class SigningKey {

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /** A header for one {@code typ}, as nimbus needs it and as it is encoded on the wire. */
  private record Header(JWSHeader jws, String encoded) {}

  private final String keyId;
  private final SigningAlgorithm algorithm;
  private final JWK publicJwk;
  private final JWSSigner signer;
  private final ConcurrentHashMap<String, Header> headers = new ConcurrentHashMap<>();
  private final AtomicLong latestExpiry = new AtomicLong(Long.MIN_VALUE);

  private SigningKey(String keyId, SigningAlgorithm algorithm, JWK publicJwk, JWSSigner signer) {
    this.keyId = keyId;
    this.algorithm = algorithm;
    this.publicJwk = publicJwk;
    this.signer = signer;
  }

  /**
   * A signing key from a private JWK: RSA (2048 bits or more), EC P-256 or OKP Ed25519, with a
   * {@code kid}, and {@code use} absent or {@code sig}. When {@code alg} is absent it is implied by
   * the key type, and added to the published public key.
   *
   * @throws IllegalArgumentException when the key is public only, symmetric, unsupported or has no
   *     {@code kid}
   */
  public static SigningKey of(JWK privateJwk) {
    Objects.requireNonNull(privateJwk, "privateJwk");
    String kid = privateJwk.getKeyID();
    if (kid == null || kid.isBlank()) {
      throw new IllegalArgumentException("a signing key needs a kid");
    }
    if (!privateJwk.isPrivate()) {
      throw new IllegalArgumentException("key " + kid + " has no private part and cannot sign");
    }
    if (privateJwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(privateJwk.getKeyUse())) {
      throw new IllegalArgumentException("key " + kid + " is not for signatures (use)");
    }
    SigningAlgorithm algorithm =
        SigningAlgorithm.of(privateJwk)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "key " + kid + " is not an RSA (2048+), EC P-256 or Ed25519 signing key"));
    if (algorithm == SigningAlgorithm.EDDSA && !SigningAlgorithm.eddsaAvailable()) {
      throw new IllegalArgumentException(
          "key " + kid + " is Ed25519: add com.google.crypto.tink:tink to the classpath");
    }
    try {
      JWSSigner signer =
          switch (algorithm) {
            case EDDSA -> new Ed25519Signer((OctetKeyPair) privateJwk);
            case ES256 -> new ECDSASigner((ECKey) privateJwk);
            case RS256 -> new RSASSASigner((RSAKey) privateJwk);
          };
      return new SigningKey(kid, algorithm, publicWithAlgorithm(privateJwk, algorithm), signer);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("key " + kid + " cannot sign", e);
    }
  }

  /** Generates a new key for the algorithm (see {@link SigningAlgorithm#generate()}). */
  public static SigningKey generate(SigningAlgorithm algorithm) {
    return of(algorithm.generate());
  }

  private static JWK publicWithAlgorithm(JWK key, SigningAlgorithm algorithm) {
    JWK pub = key.toPublicJWK();
    if (pub.getAlgorithm() != null && pub.getKeyUse() != null) {
      return pub;
    }
    if (pub instanceof RSAKey rsa) {
      return new RSAKey.Builder(rsa)
          .algorithm(algorithm.jwsAlgorithm())
          .keyUse(KeyUse.SIGNATURE)
          .build();
    }
    if (pub instanceof ECKey ec) {
      return new ECKey.Builder(ec)
          .algorithm(algorithm.jwsAlgorithm())
          .keyUse(KeyUse.SIGNATURE)
          .build();
    }
    if (pub instanceof OctetKeyPair okp) {
      return new OctetKeyPair.Builder(okp)
          .algorithm(algorithm.jwsAlgorithm())
          .keyUse(KeyUse.SIGNATURE)
          .build();
    }
    throw new AssertionError(pub.getKeyType());
  }

  /** The {@code kid}. */
  public String keyId() {
    return keyId;
  }

  /** The algorithm this key signs with. */
  public SigningAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * The public half, with {@code kid}, {@code alg} and {@code use: sig}: what the JWK set shows.
   */
  public JWK publicJwk() {
    return publicJwk;
  }

  /**
   * Signs a JWT: returns the compact serialisation {@code header.payload.signature} with the header
   * {@code {"alg":...,"typ":typ,"kid":...}} and {@code payloadJson} as the payload, and records
   * {@code expiresAt} as a token this key signed.
   *
   * @param typ the {@code typ} header, for example {@code at+jwt}
   * @param payloadJson the claims, as a JSON object
   * @param expiresAt the token's {@code exp}
   */
  public String sign(String typ, String payloadJson, Instant expiresAt) {
    Header header = headers.computeIfAbsent(typ, this::header);
    String payload = B64URL.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    StringBuilder jws = new StringBuilder(header.encoded.length() + payload.length() + 400);
    jws.append(header.encoded).append('.').append(payload);
    try {
      String signature =
          signer.sign(header.jws, jws.toString().getBytes(StandardCharsets.US_ASCII)).toString();
      latestExpiry.accumulateAndGet(expiresAt.getEpochSecond(), Math::max);
      return jws.append('.').append(signature).toString();
    } catch (JOSEException e) {
      throw new IllegalStateException("signing with key " + keyId + " failed", e);
    }
  }

  private Header header(String typ) {
    JWSHeader jws =
        new JWSHeader.Builder(algorithm.jwsAlgorithm())
            .type(new JOSEObjectType(typ))
            .keyID(keyId)
            .build();
    String json =
        Json.object().put("alg", algorithm.jwsName()).put("typ", typ).put("kid", keyId).toString();
    return new Header(jws, B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The latest {@code exp} of any token this key signed in this process, or {@link Instant#MIN}
   * when it signed none.
   */
  public Instant latestExpiry() {
    long seconds = latestExpiry.get();
    return seconds == Long.MIN_VALUE ? Instant.MIN : Instant.ofEpochSecond(seconds);
  }

  @Override
  public String toString() {
    return "SigningKey[" + keyId + ", " + algorithm.jwsName() + "]";
  }
}
