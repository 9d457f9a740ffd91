package io.chatstack.loadtest;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Command-line options {@code --name=value} or {@code --name value}; flags alone mean true. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args, int from) {
    for (int i = from; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + a);
      }
      int eq = a.indexOf('=');
      if (eq > 0) {
        values.put(a.substring(2, eq), a.substring(eq + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        values.put(a.substring(2), args[++i]);
      } else {
        values.put(a.substring(2), "true");
      }
    }
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(values.getOrDefault(name, "false"));
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }

  int integer(String name, int full, int quick) {
    return Integer.parseInt(
        values.getOrDefault(name, String.valueOf(flag("quick") ? quick : full)));
  }

  double decimal(String name, double full, double quick) {
    return Double.parseDouble(
        values.getOrDefault(name, String.valueOf(flag("quick") ? quick : full)));
  }

  Duration seconds(String name, double full, double quick) {
    return Duration.ofMillis(Math.round(decimal(name, full, quick) * 1000));
  }
}
