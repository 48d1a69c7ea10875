package dev.keyway.store.memory;

import dev.keyway.spi.TokenHash;
import dev.keyway.spi.token.AccessTokenRecord;
import dev.keyway.spi.token.AccessTokenState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The in-memory store's access-token table alone, at a steady live set: each insertion of a
 * client-credentials token advances a clock by one microsecond, and tokens live {@code live}
 * microseconds, so the table holds exactly {@code live} unexpired tokens whatever the machine's
 * speed, and each insertion has one token to sweep. It isolates the store's share of a {@code
 * client_credentials} request from the endpoint's, which {@code TokenEndpointBenchmark} measures
 * together and whose live set depends on the rate. {@code randomHash} is the cost of making the
 * benchmark's token hashes (a fast non-cryptographic generator), to subtract from {@code insert};
 * {@code append} is an insertion of a fresh token, whose lookup is batched; {@code find} looks up
 * tokens spread over the whole table; {@code randomRead} is the memory access alone. The fork's
 * heap is fixed and pre-touched, as in {@code TokenEndpointBenchmark} (which says why).
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar AccessTokenTableBenchmark -f 1 -wi 3 -w 3s -i 5 -r 3s
 * </pre>
 */
@Fork(jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessTokenTableBenchmark {

  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
  private static final Set<String> SCOPES = Set.of("read");

  /** Unexpired tokens the table holds. */
  @Param({"100000", "6500000"})
  public int live;

  private final SplittableRandom random = new SplittableRandom(42);
  private final char[] chars = new char[43];
  private final TickingClock clock = new TickingClock();
  private AccessTokenTable table;

  /** Every 64th hash the fill inserted, for {@link #find}. */
  private TokenHash[] sample;

  private int next;

  /** For {@link #randomRead}: 32 bytes per live token, touched so that every page is mapped. */
  private long[] memory;

  private long lastRead;

  @Setup(Level.Trial)
  public void fill() {
    memory = new long[Integer.highestOneBit(4 * live)];
    Arrays.fill(memory, 1L);
    table = new AccessTokenTable(clock, grantId -> {});
    sample = new TokenHash[live / 64];
    for (int i = 0; i < live; i++) {
      TokenHash hash = randomHash();
      insert(hash);
      if ((i & 63) == 0 && i / 64 < sample.length) {
        sample[i / 64] = hash;
      }
    }
    // Copied so that the sample's own objects lie together (mostly in cache), and a lookup's
    // misses are the table's.
    for (int i = 0; i < sample.length; i++) {
      sample[i] = new TokenHash(new String(sample[i].value().toCharArray()));
    }
  }

  /**
   * Looks up a token inserted by the fill, one of a sample spread over the whole table, in a random
   * order: what introspection or a resource server's check does per request. Nothing expires
   * meanwhile (the clock only moves on insertion).
   */
  @Benchmark
  public AccessTokenRecord find() {
    AccessTokenRecord found = table.find(sample[random.nextInt(sample.length)]);
    if (found == null) {
      throw new IllegalStateException("a sampled token is missing");
    }
    return found;
  }

  /**
   * One read of a random element of an array of 32 bytes per live token (rounded down to a power of
   * two), about the size of the table's index at this live set: the memory access (a cache miss
   * and, at millions of tokens, a TLB miss) that any store placing entries by hash pays once per
   * insertion, whatever its design. Each read's position depends on the previous read's value, so
   * reads cannot overlap: this is the access's latency, as an insertion meets it between two
   * monitor operations.
   */
  @Benchmark
  public long randomRead() {
    lastRead = memory[(int) (lastRead + random.nextInt()) & (memory.length - 1)];
    return lastRead;
  }

  /** An insertion that looks its key up first (as a family's tokens are stored). */
  @Benchmark
  public boolean insert() {
    return insert(randomHash());
  }

  /**
   * An insertion of a fresh token (as {@code client_credentials} stores one): its index entry is
   * entered in a batch with others.
   */
  @Benchmark
  public TokenHash append() {
    TokenHash hash = randomHash();
    table.append(clientCredentialsToken(hash));
    return hash;
  }

  private boolean insert(TokenHash hash) {
    return table.insert(clientCredentialsToken(hash), true);
  }

  private AccessTokenRecord clientCredentialsToken(TokenHash hash) {
    Instant now = clock.tick();
    return new AccessTokenRecord(
        hash,
        null,
        "svc",
        "svc",
        SCOPES,
        now,
        now.plusNanos(1_000L * live),
        AccessTokenState.ACTIVE);
  }

  @Benchmark
  public TokenHash randomHash() {
    for (int i = 0; i < 42; i += 7) {
      long bits = random.nextLong();
      for (int j = 0; j < 7; j++) {
        chars[i + j] = ALPHABET[(int) (bits >>> (6 * j)) & 63];
      }
    }
    chars[42] = ALPHABET[random.nextInt(16) << 2]; // a canonical SHA-256 encoding's last char
    return new TokenHash(new String(chars));
  }

  /** A clock that {@link #tick} moves one microsecond; {@link #instant} reads it. */
  static final class TickingClock extends Clock {
    private Instant now = Instant.parse("2030-01-01T00:00:00Z");

    Instant tick() {
      now = now.plusNanos(1_000);
      return now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
