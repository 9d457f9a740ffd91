package io.chatstack.core.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a value is what JSON can hold (string-keyed maps, lists, strings, finite numbers,
 * booleans, null), copies it into unmodifiable collections and measures its compact JSON size in
 * UTF-8 bytes, without a JSON library (the domain has none; the {@code json} package writes the
 * actual JSON). Stateless, thread-safe.
 */
final class JsonValues {
  private JsonValues() {}

  /** An unmodifiable copy of a JSON value, and its compact JSON size in bytes. */
  record Sized(Object value, int bytes) {}

  /**
   * Copies and measures {@code value}.
   *
   * @throws IllegalArgumentException naming what JSON cannot hold (a null key, a cycle, another
   *     type, a non-finite number)
   */
  static Sized copy(Object value) {
    return copy(value, Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private static Sized copy(Object value, java.util.Set<Object> path) {
    if (value == null) {
      return new Sized(null, 4);
    }
    if (value instanceof String s) {
      return new Sized(s, stringBytes(s));
    }
    if (value instanceof Boolean b) {
      return new Sized(b, b ? 4 : 5);
    }
    if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger) {
      return new Sized(value, value.toString().length());
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("a number must be finite, was " + value);
      }
      return new Sized(value, value.toString().length());
    }
    if (value instanceof BigDecimal d) {
      return new Sized(d, d.toString().length());
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      if (!path.add(value)) {
        throw new IllegalArgumentException("it contains itself");
      }
      try {
        return value instanceof Map<?, ?> map
            ? copyMap(map, path)
            : copyList((List<?>) value, path);
      } finally {
        path.remove(value);
      }
    }
    throw new IllegalArgumentException(
        "JSON cannot hold a " + value.getClass().getName() + " value");
  }

  private static Sized copyMap(Map<?, ?> map, java.util.Set<Object> path) {
    Map<String, Object> out = new LinkedHashMap<>();
    int bytes = 2 + Math.max(0, map.size() - 1);
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("every key must be a string, was " + e.getKey());
      }
      Sized v = copy(e.getValue(), path);
      out.put(key, v.value());
      bytes += stringBytes(key) + 1 + v.bytes();
    }
    return new Sized(Collections.unmodifiableMap(out), bytes);
  }

  private static Sized copyList(List<?> list, java.util.Set<Object> path) {
    List<Object> out = new ArrayList<>(list.size());
    int bytes = 2 + Math.max(0, list.size() - 1);
    for (Object item : list) {
      Sized v = copy(item, path);
      out.add(v.value());
      bytes += v.bytes();
    }
    return new Sized(Collections.unmodifiableList(out), bytes);
  }

  /** A string's size as a JSON string: quotes, escapes for quote, backslash and controls. */
  static int stringBytes(String s) {
    int bytes = 2;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
        bytes += 2;
      } else if (c < 0x20) {
        bytes += 6;
      } else if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }
}
