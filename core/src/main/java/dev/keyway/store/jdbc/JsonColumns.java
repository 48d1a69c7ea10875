package dev.keyway.store.jdbc;

import com.nimbusds.jose.util.JSONArrayUtils;
import dev.keyway.internal.Json;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Encodes list- and set-valued fields as JSON arrays of strings in one text column, so any
 * character (spaces, quotes, non-ASCII) round-trips exactly. Sets are written sorted, so equal sets
 * give equal column values.
 */
final class JsonColumns {

  private JsonColumns() {}

  /** A JSON array of the values in their order. */
  static String list(Collection<String> values) {
    StringBuilder sb = new StringBuilder(16 + values.size() * 16).append('[');
    boolean first = true;
    for (String v : values) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      Json.appendString(sb, v);
    }
    return sb.append(']').toString();
  }

  /** A JSON array of the values, sorted. */
  static String set(Set<String> values) {
    return list(new TreeSet<>(values));
  }

  /** The strings of a JSON array written by {@link #list}. */
  static List<String> parseList(String json) {
    try {
      List<Object> parsed = JSONArrayUtils.parse(json);
      List<String> out = new ArrayList<>(parsed.size());
      for (Object o : parsed) {
        if (!(o instanceof String s)) {
          throw new ParseException("not a string", 0);
        }
        out.add(s);
      }
      return out;
    } catch (ParseException e) {
      throw new JdbcStoreException("read", "a stored list is not a JSON array of strings", e);
    }
  }

  /** The strings of a JSON array as a set. */
  static Set<String> parseSet(String json) {
    return Set.copyOf(parseList(json));
  }
}
