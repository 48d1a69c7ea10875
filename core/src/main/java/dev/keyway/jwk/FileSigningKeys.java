package dev.keyway.jwk;

import com.nimbusds.jose.jwk.JWK;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signing keys from a JWK set file (rules as in {@link JwkSetSigningKeys}: the first private key
 * signs), re-read at most every {@code checkInterval} and swapped in when its content changed. Give
 * every instance the same file (a mounted secret, for example) and they sign and publish alike; a
 * rotation is three edits of the file, no restart (see {@code docs/tokens.md}).
 *
 * <p>The file must be valid when this is built; later, a file that cannot be read or parsed (half
 * written, say) is logged and the keys already loaded stay in use. Keep the file readable by the
 * server only: it holds private keys.
 */
public final class FileSigningKeys implements SigningKeys {

  private static final Logger LOG = LoggerFactory.getLogger(FileSigningKeys.class);

  /** Larger files are refused: a JWK set with a few keys is a few kilobytes. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  private record Loaded(String content, JwkSetSigningKeys keys, Instant checkedAt) {}

  private final Path file;
  private final Clock clock;
  private final Duration checkInterval;
  private volatile Loaded loaded;

  private FileSigningKeys(Path file, Clock clock, Duration checkInterval) {
    this.file = file;
    this.clock = clock;
    this.checkInterval = checkInterval;
    String content = read(file);
    this.loaded = new Loaded(content, JwkSetSigningKeys.parse(content), clock.instant());
  }

  /**
   * Loads the file now and re-reads it at most every {@code checkInterval} by {@code clock}.
   *
   * @throws IllegalArgumentException when the file is not a usable JWK set
   * @throws UncheckedIOException when it cannot be read
   */
  public static FileSigningKeys load(Path file, Clock clock, Duration checkInterval) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(clock, "clock");
    if (checkInterval.isNegative() || checkInterval.isZero()) {
      throw new IllegalArgumentException("checkInterval must be positive");
    }
    return new FileSigningKeys(file, clock, checkInterval);
  }

  /** Loads the file now and re-reads it every 30 seconds by the system clock. */
  public static FileSigningKeys load(Path file) {
    return load(file, Clock.systemUTC(), Duration.ofSeconds(30));
  }

  @Override
  public SigningKey signingKey() {
    return current().signingKey();
  }

  @Override
  public List<JWK> verificationKeys() {
    return current().verificationKeys();
  }

  private JwkSetSigningKeys current() {
    Loaded l = loaded;
    Instant now = clock.instant();
    if (now.isBefore(l.checkedAt.plus(checkInterval))) {
      return l.keys;
    }
    synchronized (this) {
      l = loaded;
      if (now.isBefore(l.checkedAt.plus(checkInterval))) {
        return l.keys;
      }
      loaded = reload(l, now);
      return loaded.keys;
    }
  }

  private Loaded reload(Loaded previous, Instant now) {
    try {
      String content = read(file);
      if (content.equals(previous.content)) {
        return new Loaded(previous.content, previous.keys, now);
      }
      JwkSetSigningKeys keys = JwkSetSigningKeys.parse(content);
      LOG.info("Reloaded signing keys from {}: {}", file, keys);
      return new Loaded(content, keys, now);
    } catch (RuntimeException e) {
      LOG.warn(
          "Keeping the previous signing keys: {} could not be used ({})", file, e.getMessage());
      return new Loaded(previous.content, previous.keys, now);
    }
  }

  private static String read(Path file) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IllegalArgumentException("the JWK set file is larger than 1 MiB");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the JWK set file " + file, e);
    }
  }

  @Override
  public String toString() {
    return "FileSigningKeys[" + file + ", " + loaded.keys + "]";
  }
}
