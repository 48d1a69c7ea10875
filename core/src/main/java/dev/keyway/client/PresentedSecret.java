package dev.keyway.client;

import dev.keyway.spi.client.SecretHasher;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The client secret a request presents, as the client authenticator holds it until the check is
 * done. The usual {@code Authorization: Basic} secret (printable ASCII, nothing to percent-decode)
 * stays in the bytes the header decoded into: the default hasher ({@link Sha256SecretHasher})
 * hashes those bytes, no {@link String} of it is ever made, and {@link #wipe} zeroes them once the
 * client is authenticated or refused. Any other secret (sent in the body, or percent-encoded) is
 * already a {@link String}. A host's own {@link SecretHasher} receives the secret as a {@link
 * String}, exactly as before.
 *
 * <p>{@link #toString()} never shows the secret.
 */
final class PresentedSecret {

  private final byte[] ascii;
  private final int from;
  private final int length;
  private String string; // the secret as a string, once a host's hasher has asked for it

  private PresentedSecret(byte[] ascii, int from, int length, String string) {
    this.ascii = ascii;
    this.from = from;
    this.length = length;
    this.string = string;
  }

  /** A secret that is already a string. */
  static PresentedSecret of(String secret) {
    return new PresentedSecret(null, 0, 0, Objects.requireNonNull(secret, "secret"));
  }

  /**
   * The printable ASCII characters {@code ascii[from, from + length)}, which are also their UTF-8
   * bytes; the array is shared, not copied, and {@link #wipe} zeroes that range.
   */
  static PresentedSecret ofAscii(byte[] ascii, int from, int length) {
    Objects.checkFromIndexSize(from, length, ascii.length);
    return new PresentedSecret(ascii, from, length, null);
  }

  /**
   * Whether the secret matches {@code encodedHash}, by {@code hasher}'s rules: the default hasher
   * reads ASCII bytes in place, any other gets the secret as a string.
   */
  boolean matches(SecretHasher hasher, String encodedHash) {
    if (ascii != null && hasher instanceof Sha256SecretHasher sha256) {
      return sha256.matchesUtf8(ascii, from, length, encodedHash);
    }
    return hasher.matches(reveal(), encodedHash);
  }

  /** The secret as a string: for a hasher of the host's and for tests. Never log it. */
  String reveal() {
    if (string == null) { // one string for all of a client's stored secrets, not one per secret
      string = new String(ascii, from, length, StandardCharsets.ISO_8859_1);
    }
    return string;
  }

  /**
   * Zeroes the bytes of a secret read in place; a string (a body secret, or one made for a host's
   * hasher) cannot be wiped and is left to the garbage collector, as any string of the request is.
   */
  void wipe() {
    if (ascii != null) {
      Arrays.fill(ascii, from, from + length, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
