package dev.keyway.grace;

import dev.keyway.spi.TokenHash;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every string an object graph holds, to prove that no store keeps a token verbatim (TK-01). */
final class Reachable {

  private Reachable() {}

  /**
   * Strings reachable from {@code root} through fields, arrays, collections, maps and optionals.
   */
  static List<String> strings(Object root) {
    List<String> out = new ArrayList<>();
    Map<Object, Boolean> seen = new IdentityHashMap<>();
    List<Object> todo = new ArrayList<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      Object o = todo.remove(todo.size() - 1);
      if (o == null
          || seen.put(o, Boolean.TRUE) != null
          || o instanceof Clock
          || o instanceof Class<?>) {
        continue;
      }
      if (o instanceof TokenHash h) {
        out.add(h.value()); // its characters, made when asked for; its bits are fields
      }
      if (o instanceof String s) {
        out.add(s);
      } else if (o instanceof byte[] bytes) {
        out.add(new String(bytes, StandardCharsets.UTF_8));
        out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
      } else if (o.getClass().isArray()) {
        for (int i = 0; i < Array.getLength(o); i++) {
          todo.add(Array.get(o, i));
        }
      } else if (o instanceof Map<?, ?> map) {
        map.forEach(
            (k, v) -> {
              todo.add(k);
              todo.add(v);
            });
      } else if (o instanceof Collection<?> c) {
        todo.addAll(c);
      } else if (o instanceof Optional<?> opt) {
        opt.ifPresent(todo::add);
      } else if (o.getClass().getName().startsWith("java.") || o.getClass().isEnum()) {
        out.add(String.valueOf(o));
      } else {
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
          for (Field f : c.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
              try {
                f.setAccessible(true);
                todo.add(f.get(o));
              } catch (ReflectiveOperationException | RuntimeException e) {
                throw new AssertionError("cannot read " + f, e);
              }
            }
          }
        }
      }
    }
    return out;
  }
}
