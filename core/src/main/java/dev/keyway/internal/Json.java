package dev.keyway.internal;

import java.util.Collection;

/**
 * A small, allocation-light JSON writer for Keyway's own responses. Parsing JSON (client metadata,
 * JWK sets) goes through nimbus's {@code JSONObjectUtils}; writing our flat responses by hand keeps
 * the token endpoint fast and dependency-free.
 */
public final class Json {

  private Json() {}

  /** Starts an object. */
  public static ObjectWriter object() {
    return new ObjectWriter();
  }

  /** Appends {@code value} as a JSON string literal, escaping as RFC 8259 §7 requires. */
  public static void appendString(StringBuilder sb, String value) {
    sb.append('"');
    if (isPlain(value)) { // the common case (tokens, codes, error codes): no escaping at all
      sb.append(value).append('"');
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '<' || c == '>' || c == '&') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  /**
   * True when {@code value} is written as it is inside a JSON string literal: printable ASCII
   * without {@code " \\ < > &}. Tokens and scopes usually are.
   */
  public static boolean isPlain(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= 128 || !PLAIN[c]) {
        return false;
      }
    }
    return true;
  }

  /** ASCII characters written as they are: printable, except {@code " \\ < > &}. */
  private static final boolean[] PLAIN = plainTable();

  private static boolean[] plainTable() {
    boolean[] plain = new boolean[128];
    for (char c = 0x20; c < 0x7F; c++) {
      plain[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
    }
    return plain;
  }

  /** Writes one JSON object member by member. */
  public static final class ObjectWriter {
    private final StringBuilder sb = new StringBuilder(512).append('{');
    private boolean first = true;

    private ObjectWriter() {}

    private void name(String name) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      appendString(sb, name);
      sb.append(':');
    }

    public ObjectWriter put(String name, String value) {
      name(name);
      appendString(sb, value);
      return this;
    }

    public ObjectWriter put(String name, long value) {
      name(name);
      sb.append(value);
      return this;
    }

    public ObjectWriter put(String name, boolean value) {
      name(name);
      sb.append(value);
      return this;
    }

    /** A string array member. */
    public ObjectWriter put(String name, Collection<String> values) {
      name(name);
      sb.append('[');
      boolean firstValue = true;
      for (String v : values) {
        if (!firstValue) {
          sb.append(',');
        }
        firstValue = false;
        appendString(sb, v);
      }
      sb.append(']');
      return this;
    }

    /** A member whose value is already serialised JSON (a nested object or array). */
    public ObjectWriter putRaw(String name, String json) {
      name(name);
      sb.append(json);
      return this;
    }

    /** Adds the member only when {@code value} is not null. */
    public ObjectWriter putIfPresent(String name, String value) {
      return value == null ? this : put(name, value);
    }

    @Override
    public String toString() {
      sb.append('}');
      String json = sb.toString();
      sb.setLength(sb.length() - 1); // the writer may still be extended
      return json;
    }
  }
}
