package dev.keyway.jwk;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JWK set fetched from an authorization server's {@code jwks_uri}, for resource servers that
 * validate JWTs elsewhere.
 *
 * <p>Fetched on first use and again when the cached copy is older than {@code cacheTtl} (default 5
 * minutes), or when a token names an unknown {@code kid} — but never more often than {@code
 * minRefreshInterval} (default 30 seconds), so a flood of tokens with made-up key ids costs at most
 * one fetch per interval. One thread fetches at a time; the others wait for its result instead of
 * fetching too. Each fetch has a connect timeout (2 s), a request timeout (5 s) and a size limit
 * (64 KiB). When a fetch fails, the keys already held stay in use and the failure is logged. Only
 * public asymmetric keys are kept. Thread-safe.
 */
public final class RemoteJwkSet implements VerificationKeys {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteJwkSet.class);

  private record Cached(List<JWK> keys, Instant fetchedAt) {}

  private final URI uri;
  private final HttpClient http;
  private final Clock clock;
  private final Duration cacheTtl;
  private final Duration minRefreshInterval;
  private final Duration requestTimeout;
  private final int maxBytes;
  private volatile Cached cached = new Cached(List.of(), Instant.MIN);
  private volatile Instant lastAttempt = Instant.MIN;
  private final ReentrantLock lock = new ReentrantLock();

  private RemoteJwkSet(Builder b) {
    this.uri = b.uri;
    this.http =
        b.http != null
            ? b.http
            : HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    this.clock = b.clock;
    this.cacheTtl = b.cacheTtl;
    this.minRefreshInterval = b.minRefreshInterval;
    this.requestTimeout = b.requestTimeout;
    this.maxBytes = b.maxBytes;
  }

  /** Starts a builder for the set at {@code jwksUri} (https, or http on a loopback host). */
  public static Builder builder(URI jwksUri) {
    return new Builder(jwksUri);
  }

  @Override
  public List<JWK> current() {
    Cached c = cached;
    if (clock.instant().isBefore(c.fetchedAt.plus(cacheTtl))) {
      return c.keys;
    }
    // expired: one thread fetches; while it does, the others go on with the keys they have
    return fetchIfAllowed(c, c.keys.isEmpty());
  }

  @Override
  public List<JWK> refreshed() {
    return fetchIfAllowed(cached, true);
  }

  /**
   * Fetches unless another thread just did or the rate limit forbids; returns the keys held. With
   * {@code wait}, a thread that finds a fetch in progress waits for its result; without, it returns
   * the keys it has at once.
   */
  @SuppressWarnings(
      "ReferenceEquality") // identity on purpose: did another thread replace the snapshot?
  private List<JWK> fetchIfAllowed(Cached seen, boolean wait) {
    if (!wait && clock.instant().isBefore(lastAttempt.plus(minRefreshInterval))) {
      return cached.keys;
    }
    if (wait) {
      lock.lock();
    } else if (!lock.tryLock()) {
      return seen.keys;
    }
    try {
      if (cached != seen) {
        return cached.keys; // another thread fetched meanwhile
      }
      Instant now = clock.instant();
      if (now.isBefore(lastAttempt.plus(minRefreshInterval))) {
        return cached.keys;
      }
      lastAttempt = now;
      try {
        cached = new Cached(fetch(), now);
      } catch (IOException | ParseException | RuntimeException e) {
        LOG.warn(
            "Could not fetch the JWK set from {} ({}); keeping {} cached keys",
            uri,
            e.getClass().getSimpleName(),
            cached.keys.size());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return cached.keys;
    } finally {
      lock.unlock();
    }
  }

  private List<JWK> fetch() throws IOException, InterruptedException, ParseException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("status " + response.statusCode());
      }
      byte[] bytes = body.readNBytes(maxBytes + 1);
      if (bytes.length > maxBytes) {
        throw new IOException("JWK set larger than " + maxBytes + " bytes");
      }
      return VerificationKeys.publicOnly(
          JWKSet.parse(new String(bytes, StandardCharsets.UTF_8)).getKeys());
    }
  }

  @Override
  public String toString() {
    return "RemoteJwkSet[" + uri + ", keys=" + cached.keys.size() + "]";
  }

  /** Builds a {@link RemoteJwkSet}. */
  public static final class Builder {
    private final URI uri;
    private HttpClient http;
    private Clock clock = Clock.systemUTC();
    private Duration cacheTtl = Duration.ofMinutes(5);
    private Duration minRefreshInterval = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration requestTimeout = Duration.ofSeconds(5);
    private int maxBytes = 64 * 1024;

    private Builder(URI uri) {
      this.uri = Objects.requireNonNull(uri, "jwksUri");
    }

    /** The HTTP client to use (default: a new one with the connect timeout, no redirects). */
    public Builder httpClient(HttpClient http) {
      this.http = http;
      return this;
    }

    /** The clock the cache and the rate limit run on (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long a fetched set is used before it is fetched again (default 5 minutes). */
    public Builder cacheTtl(Duration ttl) {
      this.cacheTtl = ttl;
      return this;
    }

    /** The least time between two fetches, whatever tokens arrive (default 30 seconds). */
    public Builder minRefreshInterval(Duration interval) {
      this.minRefreshInterval = interval;
      return this;
    }

    /** The connect timeout of the default HTTP client (default 2 seconds). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** The timeout of one fetch, headers and body (default 5 seconds). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    /** The largest JWK set accepted, in bytes (default 64 KiB). */
    public Builder maxBytes(int maxBytes) {
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * Validates the settings (https, or http on loopback; sane limits) and builds; fetches nothing
     * yet.
     */
    public RemoteJwkSet build() {
      Objects.requireNonNull(clock, "clock");
      String scheme = uri.getScheme();
      String host = uri.getHost();
      boolean loopback =
          "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
      if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
        throw new IllegalArgumentException(
            "jwks_uri must use https (http only on a loopback host)");
      }
      if (maxBytes < 1024) {
        throw new IllegalArgumentException("maxBytes must be at least 1024");
      }
      return new RemoteJwkSet(this);
    }
  }
}
