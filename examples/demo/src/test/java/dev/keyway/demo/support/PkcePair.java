package dev.keyway.demo.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE verifier and its S256 challenge (RFC 7636 §4.1, §4.2), computed here independently of
 * Keyway's own code.
 *
 * @param verifier the code_verifier
 * @param challenge BASE64URL(SHA256(ASCII(verifier)))
 */
public record PkcePair(String verifier, String challenge) {

  private static final SecureRandom RANDOM = new SecureRandom();

  public static PkcePair random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return new PkcePair(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
