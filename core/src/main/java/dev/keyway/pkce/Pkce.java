package dev.keyway.pkce;

import dev.keyway.internal.Hashing;
import java.util.Optional;

/** Proof Key for Code Exchange (RFC 7636): syntax of challenges and verifiers, and verification. */
public final class Pkce {

  /** The only method Keyway accepts by default (RFC 9700 §2.1.1). */
  public static final String S256 = "S256";

  /** Accepted only when the server enables it explicitly. */
  public static final String PLAIN = "plain";

  private Pkce() {}

  /**
   * True for 43 to 128 characters of {@code ALPHA / DIGIT / "-" / "." / "_" / "~"} (RFC 7636 §4.1
   * and §4.2: {@code code-verifier} and {@code code-challenge} share this syntax).
   */
  public static boolean isWellFormed(String value) {
    if (value == null || value.length() < 43 || value.length() > 128) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean unreserved =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~';
      if (!unreserved) {
        return false;
      }
    }
    return true;
  }

  /**
   * The method named by {@code code_challenge_method}, exactly ({@code s256} is not {@code S256}),
   * if Keyway supports it with these settings. An omitted method means {@code plain} (RFC 7636
   * §4.3) and so is refused unless plain is allowed.
   */
  public static Optional<String> acceptedMethod(String requested, boolean plainAllowed) {
    String method = requested == null ? PLAIN : requested;
    if (S256.equals(method)) {
      return Optional.of(S256);
    }
    if (PLAIN.equals(method) && plainAllowed) {
      return Optional.of(PLAIN);
    }
    return Optional.empty();
  }

  /**
   * True when {@code verifier} is well formed and transforms to {@code challenge} under {@code
   * method} (RFC 7636 §4.6); compared in constant time.
   */
  public static boolean verify(String verifier, String challenge, String method) {
    if (!isWellFormed(verifier) || challenge == null) {
      return false;
    }
    String computed = S256.equals(method) ? Hashing.sha256Base64Url(verifier) : verifier;
    return Hashing.constantTimeEquals(computed, challenge);
  }
}
