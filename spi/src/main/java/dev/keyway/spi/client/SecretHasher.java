package dev.keyway.spi.client;

/**
 * Turns a client secret into the value stored in {@link ClientSecret#hash()} and checks a presented
 * secret against it.
 *
 * <p>Keyway generates 256-bit random secrets, for which a plain SHA-256 hash compared in constant
 * time is as strong as any slow hash and costs microseconds; a host importing human-chosen legacy
 * secrets can plug in a slow hash (PBKDF2, BCrypt) instead. The encoded form should name its
 * algorithm (for example {@code sha256:...}) so hashes of several kinds can coexist.
 *
 * <p>Implementations must be thread-safe, must compare in constant time, and must never log or
 * include the secret in an exception message.
 */
public interface SecretHasher {

  /** Hashes a secret for storage. */
  String hash(CharSequence secret);

  /**
   * True when {@code secret} matches {@code encodedHash}; false for a mismatch or a hash this
   * hasher does not understand. Must take the same time whatever the position of the first
   * differing character.
   */
  boolean matches(CharSequence secret, String encodedHash);
}
