package dev.keyway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A raw credential on its way to the one party allowed to see it: a freshly issued token, a newly
 * generated client secret. It never prints itself ({@link #toString()} is {@code [redacted]}) and
 * compares in constant time. Call {@link #reveal()} only where the value is written to the wire.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Wraps a raw credential. */
  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The raw value. Never log it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // a hash of the value would leak information about it
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
