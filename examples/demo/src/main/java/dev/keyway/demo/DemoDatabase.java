package dev.keyway.demo;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The PostgreSQL database the demo keeps its state in, from {@code KEYWAY_JDBC_URL}, {@code
 * KEYWAY_JDBC_USER} and {@code KEYWAY_JDBC_PASSWORD}. {@link #toString()} and {@link #location()}
 * never show the password.
 *
 * @param url a {@code jdbc:postgresql:} URL
 * @param user the user, or {@code null} to let the driver decide (the URL may name one)
 * @param password the password, or {@code null}
 */
public record DemoDatabase(String url, String user, String password) {

  /** The URL prefix the bundled driver accepts. */
  public static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

  public DemoDatabase {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith(POSTGRESQL_PREFIX)) {
      throw new IllegalArgumentException(
          "KEYWAY_JDBC_URL must be a PostgreSQL URL such as jdbc:postgresql://127.0.0.1:5432/keyway");
    }
  }

  /** The database named by the environment, or empty when {@code KEYWAY_JDBC_URL} is unset. */
  public static Optional<DemoDatabase> fromEnvironment(Map<String, String> env) {
    String url = value(env, "KEYWAY_JDBC_URL");
    if (url == null) {
      return Optional.empty();
    }
    String password = env.get("KEYWAY_JDBC_PASSWORD");
    return Optional.of(
        new DemoDatabase(
            url,
            value(env, "KEYWAY_JDBC_USER"),
            password == null || password.isEmpty() ? null : password));
  }

  /** The URL without its query (where a password could be), for messages and the banner. */
  public String location() {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  private static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  @Override
  public String toString() {
    return "DemoDatabase[" + location() + (user == null ? "" : ", user=" + user) + "]";
  }
}
