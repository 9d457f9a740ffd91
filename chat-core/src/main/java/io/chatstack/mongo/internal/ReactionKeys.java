package io.chatstack.mongo.internal;

/**
 * The field names of the {@code reactions} sub-document: the emoji, escaped so that any string is a
 * plain field name. MongoDB reads {@code .} in an update path as a level and refuses names that
 * start with {@code $}, and a valid emoji may contain either (a combining mark after the ASCII char
 * makes one grapheme, as in {@code ".\u0301"}); without escaping, such a reaction would nest fields
 * or fail every retry of its batch. {@code %}, {@code .}, {@code $} and NUL become {@code %25},
 * {@code %2E}, {@code %24} and {@code %00}, and the empty string becomes {@code %} (which no
 * escaped name is), so the mapping is one-to-one; ordinary emoji are stored unchanged. Stateless,
 * thread-safe.
 */
public final class ReactionKeys {
  private static final String EMPTY = "%";

  private ReactionKeys() {}

  /** The field name that stores {@code emoji}. */
  public static String encode(String emoji) {
    if (emoji.isEmpty()) {
      return EMPTY;
    }
    StringBuilder out = new StringBuilder(emoji.length() + 4);
    for (int i = 0; i < emoji.length(); i++) {
      char c = emoji.charAt(i);
      switch (c) {
        case '%' -> out.append("%25");
        case '.' -> out.append("%2E");
        case '$' -> out.append("%24");
        case '\0' -> out.append("%00");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The emoji stored under the field name {@code key}, the inverse of {@link #encode}.
   *
   * @throws IllegalArgumentException when {@code key} is not an escaped name
   */
  public static String decode(String key) {
    if (key.equals(EMPTY)) {
      return "";
    }
    StringBuilder out = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 2 >= key.length()) {
        throw new IllegalArgumentException("not an escaped reaction key: " + key);
      }
      out.append(
          switch (key.substring(i + 1, i + 3)) {
            case "25" -> '%';
            case "2E" -> '.';
            case "24" -> '$';
            case "00" -> '\0';
            default -> throw new IllegalArgumentException("not an escaped reaction key: " + key);
          });
      i += 2;
    }
    return out.toString();
  }
}
