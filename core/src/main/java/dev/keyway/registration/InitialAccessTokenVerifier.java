package dev.keyway.registration;

import dev.keyway.Secret;
import dev.keyway.internal.Hashing;
import dev.keyway.spi.TokenHash;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a presented initial access token (RFC 7591 §3) may register a client. The host
 * issues these tokens out of band, for example one per developer account, and implements this
 * interface over wherever it keeps them; a lambda is enough:
 *
 * <pre>{@code
 * .dynamicClientRegistration(token -> myTokens.lookup(token.reveal()).map(t -> InitialAccess.ownedBy(t.developer())))
 * }</pre>
 *
 * or use {@link #fixed} for a short, static list. Registration without any token is never allowed.
 * Implementations must be thread-safe, compare in constant time, and never log the token.
 */
@FunctionalInterface
public interface InitialAccessTokenVerifier {

  /** The access {@code token} grants, or empty when it is not a valid initial access token. */
  Optional<InitialAccess> verify(Secret token);

  /**
   * Accepts exactly these tokens, kept only as SHA-256 hashes, with no owner recorded. Use
   * high-entropy tokens (for example 32 random bytes, base64url).
   */
  static InitialAccessTokenVerifier fixed(Secret... tokens) {
    List<TokenHash> hashes = Arrays.stream(tokens).map(t -> Hashing.tokenHash(t.reveal())).toList();
    return ofHashes(hashes);
  }

  /**
   * Accepts the tokens whose SHA-256 hashes (base64url, no padding: the form of {@link TokenHash})
   * are given, so that configuration never holds the tokens themselves.
   */
  static InitialAccessTokenVerifier ofHashes(Collection<TokenHash> hashes) {
    List<TokenHash> accepted = List.copyOf(hashes);
    if (accepted.isEmpty()) {
      throw new IllegalArgumentException("at least one initial access token hash is required");
    }
    return token -> {
      String presented = Hashing.tokenHash(token.reveal()).value();
      boolean match = false;
      for (TokenHash hash : accepted) {
        match |= Hashing.constantTimeEquals(presented, hash.value()); // no early exit
      }
      return match ? Optional.of(InitialAccess.unowned()) : Optional.empty();
    };
  }
}
