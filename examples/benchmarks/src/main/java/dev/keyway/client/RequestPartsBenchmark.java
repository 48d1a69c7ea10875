package dev.keyway.client;

import dev.keyway.internal.FormDecoder;
import dev.keyway.internal.Hashing;
import dev.keyway.internal.SecureTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The pieces of a {@code client_credentials} request one by one, on the inputs {@code
 * TokenEndpointBenchmark} sends: where the endpoint's own time goes, measured directly rather than
 * read off a profile. Lives in {@code dev.keyway.client} to reach the package-private Basic parser
 * (the benchmarks run from the class path, where the package split does not matter).
 *
 * <ul>
 *   <li>{@code basicCredentials}: the {@code Authorization: Basic} header to a client id and
 *       secret;
 *   <li>{@code formBody}: the request body to parameters;
 *   <li>{@code secretCheck}: SHA-256 of the presented secret against the stored hash;
 *   <li>{@code newToken}: 32 random bytes from the pool, base64url;
 *   <li>{@code tokenHash}: SHA-256 of a token to the {@code TokenHash} the store keys on.
 * </ul>
 *
 * <pre>
 * java -jar examples/benchmarks/target/benchmarks.jar RequestPartsBenchmark -f 1 -wi 3 -w 1s -i 3 -r 1s
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestPartsBenchmark {

  private static final String SECRET = "bench-secret-0123456789abcdefghijklmnopqrstuvwxyz";

  private final String header =
      "Basic "
          + Base64.getEncoder()
              .encodeToString(("bench:" + SECRET).getBytes(StandardCharsets.UTF_8));
  private final byte[] body =
      "grant_type=client_credentials&scope=read".getBytes(StandardCharsets.US_ASCII);
  private final byte[] token = SecureTokens.newTokenAscii();
  private final Sha256SecretHasher hasher = new Sha256SecretHasher();
  private final String storedHash = hasher.hash(SECRET);

  @Benchmark
  public Object basicCredentials() {
    return BasicCredentials.parse(header);
  }

  @Benchmark
  public Object formBody() throws FormDecoder.MalformedFormException {
    return FormDecoder.decode(body);
  }

  @Benchmark
  public boolean secretCheck() {
    return hasher.matches(SECRET, storedHash);
  }

  @Benchmark
  public Object newToken() {
    return SecureTokens.newTokenAscii();
  }

  @Benchmark
  public Object tokenHash() {
    return Hashing.tokenHashOfAscii(token);
  }
}
