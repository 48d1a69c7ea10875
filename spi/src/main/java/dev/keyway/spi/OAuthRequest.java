package dev.keyway.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as the host received it, before any parsing: method, path, the raw query string,
 * the raw body bytes and the headers. A host adapter fills it in a few lines from its own request
 * type; Keyway does all decoding and validation itself, so every host gets the same strict
 * behaviour (duplicate parameters, bad percent-encoding, invalid UTF-8, oversized bodies).
 *
 * <p>Never read parameters through a framework's merged parameter map (a servlet's {@code
 * getParameter}): it mixes query and body and silently picks one of several values.
 *
 * <p>{@link #attributes()} carries host context that Keyway passes through untouched, for example
 * the signed-in user the host's session layer resolved, for a {@code UserAuthenticator} to read.
 *
 * <p>Instances are immutable. {@link #toString()} shows the method and path only: the body and
 * headers may carry credentials.
 */
public final class OAuthRequest {

  /** The default limit on a request body Keyway accepts: 64 KiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  private final String method;
  private final String path;
  private final String rawQuery;
  private final byte[] body;
  private final boolean bodyTooLarge;
  private final Map<String, List<String>> headers;
  private final Map<String, Object> attributes;

  private OAuthRequest(Builder b) {
    this.method = Objects.requireNonNull(b.method, "method").toUpperCase(Locale.ROOT);
    this.path = b.path == null ? "" : b.path;
    this.rawQuery = b.rawQuery;
    this.body = b.body == null ? new byte[0] : b.body.clone();
    this.bodyTooLarge = b.bodyTooLarge;
    Map<String, List<String>> h = new HashMap<>();
    b.headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
    this.headers = Collections.unmodifiableMap(h);
    this.attributes = Collections.unmodifiableMap(new HashMap<>(b.attributes));
  }

  /** Starts a request with the given HTTP method ({@code GET}, {@code POST}, ...). */
  public static Builder builder(String method) {
    return new Builder(method);
  }

  /** The HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** The request path as received (for example {@code /oauth2/authorize}); may be empty. */
  public String path() {
    return path;
  }

  /** The raw, still percent-encoded query string without the leading {@code ?}, if any. */
  public Optional<String> rawQuery() {
    return Optional.ofNullable(rawQuery);
  }

  /** A copy of the raw body bytes; empty when there was none or it was too large. */
  public byte[] body() {
    return body.clone();
  }

  /** True when the host stopped reading the body because it exceeded its limit. */
  public boolean bodyTooLarge() {
    return bodyTooLarge;
  }

  /** Every value of a header, by case-insensitive name; empty when absent. */
  public List<String> headers(String name) {
    // Names are stored in lower case, so a lower-case name (Keyway's own lookups) finds its
    // header as it is; any other name is lower-cased only when that first lookup misses.
    List<String> values = headers.get(name);
    if (values == null) {
      values = headers.get(name.toLowerCase(Locale.ROOT));
    }
    return values == null ? List.of() : values;
  }

  /** The header's value when it appears exactly once; empty when absent. */
  public Optional<String> header(String name) {
    List<String> values = headers(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Host context passed through untouched (never parsed or logged by Keyway). */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** A host attribute of the given type, if present. */
  public <T> Optional<T> attribute(String name, Class<T> type) {
    Object value = attributes.get(name);
    return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
  }

  @Override
  public String toString() {
    return "OAuthRequest[" + method + " " + path + "]";
  }

  /** Builds an {@link OAuthRequest}; not thread-safe. */
  public static final class Builder {
    private final String method;
    private String path;
    private String rawQuery;
    private byte[] body;
    private boolean bodyTooLarge;
    private final Map<String, List<String>> headers = new HashMap<>();
    private final Map<String, Object> attributes = new HashMap<>();

    private Builder(String method) {
      this.method = method;
    }

    /** The request path, for example {@code /api/oauth2/token}. */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /** The raw query string without {@code ?}, exactly as received (still percent-encoded). */
    public Builder rawQuery(String rawQuery) {
      this.rawQuery = rawQuery == null || rawQuery.isEmpty() ? null : rawQuery;
      return this;
    }

    /** The raw body bytes. */
    public Builder body(byte[] body) {
      this.body = body;
      this.bodyTooLarge = false;
      return this;
    }

    /** A form body given as a string, encoded as UTF-8 (convenient in tests). */
    public Builder body(String body) {
      return body(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads the body from a stream, stopping after {@code maxBytes}: a longer body is dropped and
     * the request marked {@link OAuthRequest#bodyTooLarge() too large}, so a hostile client cannot
     * make the host buffer an unbounded body.
     */
    public Builder body(InputStream in, int maxBytes) throws IOException {
      byte[] read = in.readNBytes(maxBytes + 1);
      if (read.length > maxBytes) {
        this.body = null;
        this.bodyTooLarge = true;
      } else {
        this.body = read;
        this.bodyTooLarge = false;
      }
      return this;
    }

    /** Adds one header value; names are case-insensitive, repeated calls keep every value. */
    public Builder header(String name, String value) {
      headers
          .computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets a host attribute (see {@link OAuthRequest#attributes()}). */
    public Builder attribute(String name, Object value) {
      attributes.put(name, value);
      return this;
    }

    public OAuthRequest build() {
      return new OAuthRequest(this);
    }
  }
}
