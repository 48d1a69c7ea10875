package dev.keyway.client;

import dev.keyway.spi.client.SecretHasher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link SecretHasher} that hashes new secrets with one hasher and checks each stored hash with
 * the hasher its prefix names, so that several kinds of hash coexist in one store and the choice is
 * made per client: Keyway's generated secrets use the fast {@code sha256:} default, while the
 * human-chosen secrets a host imported keep a slow hash ({@code pbkdf2-sha256:}, or a BCrypt hasher
 * of the host's own).
 *
 * <pre>{@code
 * SecretHasher hasher =
 *     DelegatingSecretHasher.of(Sha256SecretHasher.PREFIX, new Sha256SecretHasher())
 *         .with(Pbkdf2SecretHasher.PREFIX, new Pbkdf2SecretHasher());
 * }</pre>
 *
 * A stored hash whose prefix no hasher claims never matches. Immutable and thread-safe.
 */
public final class DelegatingSecretHasher implements SecretHasher {

  private final SecretHasher primary;
  private final Map<String, SecretHasher> byPrefix;

  private DelegatingSecretHasher(SecretHasher primary, Map<String, SecretHasher> byPrefix) {
    this.primary = primary;
    this.byPrefix = byPrefix;
  }

  /** Hashes new secrets with {@code primary}, whose hashes start with {@code prefix}. */
  public static DelegatingSecretHasher of(String prefix, SecretHasher primary) {
    Objects.requireNonNull(primary, "primary");
    Map<String, SecretHasher> map = new LinkedHashMap<>();
    map.put(requirePrefix(prefix), primary);
    return new DelegatingSecretHasher(primary, map);
  }

  /** A copy that also checks stored hashes starting with {@code prefix} with {@code hasher}. */
  public DelegatingSecretHasher with(String prefix, SecretHasher hasher) {
    Objects.requireNonNull(hasher, "hasher");
    Map<String, SecretHasher> map = new LinkedHashMap<>(byPrefix);
    if (map.putIfAbsent(requirePrefix(prefix), hasher) != null) {
      throw new IllegalArgumentException("a hasher is already registered for this prefix");
    }
    return new DelegatingSecretHasher(primary, map);
  }

  @Override
  public String hash(CharSequence secret) {
    return primary.hash(secret);
  }

  /** Checks with the hasher of the longest prefix {@code encodedHash} starts with. */
  @Override
  public boolean matches(CharSequence secret, String encodedHash) {
    if (encodedHash == null) {
      return false;
    }
    String best = null;
    for (String prefix : byPrefix.keySet()) {
      if (encodedHash.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best != null && byPrefix.get(best).matches(secret, encodedHash);
  }

  private static String requirePrefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      throw new IllegalArgumentException("a hash prefix must not be empty");
    }
    return prefix;
  }

  @Override
  public String toString() {
    return "DelegatingSecretHasher" + byPrefix.keySet();
  }
}
