package dev.keyway.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decoded request parameters, keeping every value of a repeated name, so that a repeated parameter
 * is detected instead of silently resolved (RFC 6749 §3.1, §3.2). Per RFC 6749 §3.1 a parameter
 * sent without a value is treated as omitted.
 */
public final class Parameters {

  private static final Parameters EMPTY = new Parameters(Map.of());

  private final Map<String, List<String>> values;

  Parameters(Map<String, List<String>> values) {
    this(Collections.unmodifiableMap(new LinkedHashMap<>(values)), true);
  }

  /** Takes ownership of a map nobody else holds (the decoder's), without copying it. */
  private Parameters(Map<String, List<String>> owned, boolean unused) {
    this.values = owned;
  }

  /** Parameters over a map freshly built by the caller, which must not keep or change it. */
  static Parameters owning(Map<String, List<String>> fresh) {
    return new Parameters(Collections.unmodifiableMap(fresh), true);
  }

  /** No parameters. */
  public static Parameters empty() {
    return EMPTY;
  }

  /** Parameters from a map (tests and adapters). */
  public static Parameters of(Map<String, List<String>> values) {
    return new Parameters(values);
  }

  /** The value of a parameter sent once with a non-empty value; empty when omitted or empty. */
  public Optional<String> get(String name) {
    List<String> v = values.get(name);
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    String first = v.get(0);
    return first.isEmpty() ? Optional.empty() : Optional.of(first);
  }

  /** True when the parameter appears more than once (whatever the values). */
  public boolean isRepeated(String name) {
    List<String> v = values.get(name);
    return v != null && v.size() > 1;
  }

  /** The first of {@code names} that is repeated, if any. */
  public Optional<String> firstRepeated(Set<String> names) {
    for (String name : names) {
      if (isRepeated(name)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** The first parameter of any name that is repeated, if any. */
  public Optional<String> anyRepeated() {
    for (Map.Entry<String, List<String>> e : values.entrySet()) {
      if (e.getValue().size() > 1) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  /** True when the parameter is present at all, even with an empty value. */
  public boolean isPresent(String name) {
    return values.containsKey(name);
  }

  /** True when there are no parameters. */
  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** Every name. */
  public Set<String> names() {
    return values.keySet();
  }

  @Override
  public String toString() {
    return "Parameters" + values.keySet();
  }
}
