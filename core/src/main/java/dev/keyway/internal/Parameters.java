package dev.keyway.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decoded request parameters, keeping every value of a repeated name, so that a repeated parameter
 * is detected instead of silently resolved (RFC 6749 §3.1, §3.2). Per RFC 6749 §3.1 a parameter
 * sent without a value is treated as omitted.
 *
 * <p>Held as two parallel arrays in the order received: a request carries a handful of parameters
 * (at most {@value FormDecoder#MAX_PARAMETERS}), so a linear scan beats hashing and the token
 * endpoint allocates no map per request.
 */
public final class Parameters {

  private static final Parameters EMPTY = new Parameters(new String[0], new String[0], 0);

  private final String[] names;
  private final String[] values;
  private final int size;

  private Parameters(String[] names, String[] values, int size) {
    this.names = names;
    this.values = values;
    this.size = size;
  }

  /** Accumulates decoded pairs in order; one per decoding, never shared. */
  static final class Builder {
    private String[] names = new String[8];
    private String[] values = new String[8];
    private int size;

    void add(String name, String value) {
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      names[size] = name;
      values[size] = value;
      size++;
    }

    Parameters build() {
      return size == 0 ? EMPTY : new Parameters(names, values, size);
    }
  }

  /** No parameters. */
  public static Parameters empty() {
    return EMPTY;
  }

  /** Parameters from a map of every value per name (tests and adapters). */
  public static Parameters of(Map<String, List<String>> values) {
    Builder b = new Builder();
    values.forEach((name, list) -> list.forEach(v -> b.add(name, v)));
    return b.build();
  }

  /** The value of a parameter sent once with a non-empty value; empty when omitted or empty. */
  public Optional<String> get(String name) {
    String value = first(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * Like {@link #get} without the {@code Optional}: the first value, or {@code null} when omitted
   * or empty. For the hot paths of the token endpoint.
   */
  public String getOrNull(String name) {
    String value = first(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private String first(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return values[i];
      }
    }
    return null;
  }

  /** True when the parameter appears more than once (whatever the values). */
  public boolean isRepeated(String name) {
    boolean seen = false;
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        if (seen) {
          return true;
        }
        seen = true;
      }
    }
    return false;
  }

  /** The first of {@code names} that is repeated, if any. */
  public Optional<String> firstRepeated(Set<String> candidates) {
    for (String name : candidates) {
      if (isRepeated(name)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** The first parameter of any name that is repeated, if any. */
  public Optional<String> anyRepeated() {
    for (int i = 1; i < size; i++) {
      for (int j = 0; j < i; j++) {
        if (names[i].equals(names[j])) {
          return Optional.of(names[j]);
        }
      }
    }
    return Optional.empty();
  }

  /** True when the parameter is present at all, even with an empty value. */
  public boolean isPresent(String name) {
    return first(name) != null;
  }

  /** True when there are no parameters. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** Every name, once each, in the order first received. */
  public Set<String> names() {
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < size; i++) {
      out.add(names[i]);
    }
    return Collections.unmodifiableSet(out);
  }

  @Override
  public String toString() {
    return "Parameters" + names();
  }
}
