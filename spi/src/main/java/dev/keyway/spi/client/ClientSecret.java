package dev.keyway.spi.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One stored client secret: its hash as produced by a {@link SecretHasher}, never the secret
 * itself, and an optional expiry. A client may hold several secrets at once so that a secret can be
 * rotated without downtime: the old one keeps working until its {@code expiresAt}.
 *
 * @param hash the encoded hash, self-describing (for example {@code sha256:...})
 * @param createdAt when the secret was generated
 * @param expiresAt when the secret stops working, or {@code null} for never
 */
public record ClientSecret(String hash, Instant createdAt, Instant expiresAt) {

  public ClientSecret {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** True while the secret may be used: it has no expiry or {@code now} is before it. */
  public boolean isUsableAt(Instant now) {
    return expiresAt == null || now.isBefore(expiresAt);
  }

  /** The expiry, if any. */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }

  @Override
  public String toString() {
    return "ClientSecret[createdAt=" + createdAt + ", expiresAt=" + expiresAt + "]";
  }
}
