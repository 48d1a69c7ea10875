package dev.keyway.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Generates credentials: 256 bits from {@link SecureRandom}, base64url without padding (43
 * characters). Used for codes, access and refresh tokens, pending-authorization ids and client
 * secrets.
 */
public final class SecureTokens {

  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = newRandom();

  private SecureTokens() {}

  /** A fresh 256-bit random credential, 43 base64url characters. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return B64URL.encodeToString(bytes);
  }

  /** A random identifier that is not a secret (grant ids, client ids): a random UUID. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  private static SecureRandom newRandom() {
    try {
      // Hash_DRBG scales better across threads than the default NativePRNG (perf-anchors.md).
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
