package dev.keyway.demo.support;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Query and form strings for tests. */
public final class Query {

  private Query() {}

  /** The decoded parameters of a URI's query; a repeated name fails the test. */
  public static Map<String, String> params(URI uri) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (params.put(name, value) != null) {
        throw new AssertionError("parameter repeated in " + uri + ": " + name);
      }
    }
    return params;
  }

  /** Form-encodes name/value pairs given in order: {@code form("a", "1", "b", "2")}. */
  public static String form(String... namesAndValues) {
    StringJoiner joiner = new StringJoiner("&");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      joiner.add(
          URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)
              + "="
              + URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
    }
    return joiner.toString();
  }
}
