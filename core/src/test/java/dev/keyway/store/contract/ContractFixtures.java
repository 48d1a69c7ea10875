package dev.keyway.store.contract;

import dev.keyway.spi.TokenHash;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Values the store contracts use: fresh hashes and ids, and the awkward inputs of RL-14 (long
 * redirect URIs, 200 scopes, a 2,048-character state, non-ASCII text).
 */
public final class ContractFixtures {

  /** The contracts' epoch. Microsecond precision: stores must keep instants to the microsecond. */
  public static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

  /** Non-ASCII text: Latin accents, CJK, an emoji outside the BMP, right-to-left script. */
  public static final String NON_ASCII = "Zoë’s Äpp – 客户端 🚀 مرحبا";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  private ContractFixtures() {}

  /** A fresh random hash (43 base64url characters). */
  public static TokenHash newHash() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new TokenHash(B64URL.encodeToString(bytes));
  }

  /** A fresh id with a readable prefix. */
  public static String newId(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  /** {@code count} distinct scopes, some with characters that need escaping in JSON. */
  public static Set<String> manyScopes(int count) {
    Set<String> scopes = new LinkedHashSet<>();
    for (int i = 0; i < count; i++) {
      scopes.add(
          switch (i % 4) {
            case 0 -> "read:" + i;
            case 1 -> "https://api.example.com/scope/" + i;
            case 2 -> "q\"uote\\" + i;
            default -> "s" + i;
          });
    }
    return scopes;
  }

  /** A redirect URI of at least {@code length} characters with a query and a fragment-free tail. */
  public static String longRedirectUri(int length) {
    StringBuilder sb = new StringBuilder("https://app.example.com/callback/é?x=");
    while (sb.length() < length) {
      sb.append("a%20b-").append(sb.length());
    }
    return sb.toString();
  }

  /** A {@code state} of exactly {@code length} characters, non-ASCII and punctuation included. */
  public static String longState(int length) {
    int[] alphabet = "abc-._~!$&'()*+,;=:@/?ü漢🙂 ".codePoints().toArray();
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; sb.length() < length; i++) {
      int cp = alphabet[i % alphabet.length];
      sb.appendCodePoint(sb.length() + Character.charCount(cp) > length ? 'z' : cp);
    }
    return sb.toString();
  }
}
