package dev.keyway.client;

import dev.keyway.spi.client.SecretHasher;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A deliberately slow {@link SecretHasher} for human-chosen secrets imported from another system:
 * PBKDF2-HMAC-SHA256 from the JDK, a 128-bit random salt per secret, a 256-bit output, stored as
 * {@code pbkdf2-sha256:<iterations>:<salt>:<hash>} (base64url).
 *
 * <p>Do not use it for the secrets Keyway generates. A 256-bit random secret cannot be guessed,
 * however fast the hash, so the slowness buys nothing and costs about 260 ms of CPU per token
 * request at the default 600,000 iterations. Combine it with the fast default through {@link
 * DelegatingSecretHasher}, so only the imported clients pay for it (see {@code docs/clients.md}).
 */
public final class Pbkdf2SecretHasher implements SecretHasher {

  /** The prefix that marks this hasher's output. */
  public static final String PREFIX = "pbkdf2-sha256:";

  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  /** The fewest iterations accepted, for hashing and for stored hashes. */
  public static final int MIN_ITERATIONS = 1_000;

  /** The most iterations a stored hash may ask for, so a tampered row cannot pin a CPU. */
  public static final int MAX_ITERATIONS = 10_000_000;

  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;

  /** A hasher with {@link #DEFAULT_ITERATIONS}. */
  public Pbkdf2SecretHasher() {
    this(DEFAULT_ITERATIONS);
  }

  /** A hasher that hashes new secrets with this many iterations (stored hashes keep their own). */
  public Pbkdf2SecretHasher(int iterations) {
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "iterations must be between " + MIN_ITERATIONS + " and " + MAX_ITERATIONS);
    }
    this.iterations = iterations;
  }

  @Override
  public String hash(CharSequence secret) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return PREFIX
        + iterations
        + ":"
        + B64URL.encodeToString(salt)
        + ":"
        + B64URL.encodeToString(derive(secret, salt, iterations));
  }

  @Override
  public boolean matches(CharSequence secret, String encodedHash) {
    if (secret == null || encodedHash == null || !encodedHash.startsWith(PREFIX)) {
      return false;
    }
    String[] parts = encodedHash.substring(PREFIX.length()).split(":", -1);
    if (parts.length != 3) {
      return false;
    }
    int storedIterations;
    byte[] salt;
    byte[] expected;
    try {
      storedIterations = Integer.parseInt(parts[0]);
      salt = B64URL_DECODER.decode(parts[1]);
      expected = B64URL_DECODER.decode(parts[2]);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (storedIterations < MIN_ITERATIONS
        || storedIterations > MAX_ITERATIONS
        || salt.length == 0
        || expected.length != HASH_BITS / 8) {
      return false;
    }
    return MessageDigest.isEqual(derive(secret, salt, storedIterations), expected);
  }

  private static byte[] derive(CharSequence secret, byte[] salt, int iterations) {
    char[] chars = new char[secret.length()];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = secret.charAt(i);
    }
    PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
    try {
      return factory().generateSecret((KeySpec) spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by every JDK", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }

  private static SecretKeyFactory factory() throws GeneralSecurityException {
    return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
  }

  @Override
  public String toString() {
    return "Pbkdf2SecretHasher[iterations=" + iterations + "]";
  }
}
