package dev.keyway.demo.web;

import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the demo's own {@code application/x-www-form-urlencoded} data (the sign-in form, the
 * account and developer forms, page queries). OAuth parameters are never read here: Keyway decodes
 * those itself.
 */
final class Forms {

  private final Map<String, List<String>> values;

  private Forms(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Decodes UTF-8 form bytes; malformed input decodes to an empty form. */
  static Forms parse(byte[] body) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(body))
              .toString();
      return parse(text);
    } catch (CharacterCodingException e) {
      return new Forms(Map.of());
    }
  }

  /** Decodes a form or query string; malformed input decodes to an empty form. */
  static Forms parse(String text) {
    Map<String, List<String>> values = new HashMap<>();
    if (text == null || text.isEmpty()) {
      return new Forms(values);
    }
    try {
      for (String pair : text.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    } catch (IllegalArgumentException e) {
      return new Forms(Map.of());
    }
    return new Forms(values);
  }

  /** The field's value when it appears exactly once and is not empty; otherwise empty. */
  Optional<String> single(String name) {
    List<String> v = values.get(name);
    return v == null || v.size() != 1 || v.get(0).isEmpty()
        ? Optional.empty()
        : Optional.of(v.get(0));
  }

  /** Every non-empty value sent for the field, in order; empty when there is none. */
  List<String> all(String name) {
    List<String> v = values.get(name);
    return v == null ? List.of() : v.stream().filter(s -> !s.isEmpty()).toList();
  }
}
