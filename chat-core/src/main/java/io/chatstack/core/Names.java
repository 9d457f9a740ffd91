package io.chatstack.core;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for user names and room names, applied by {@link ChatService} and by every
 * authenticator (STOMP login, JWT claim, REST body), so that a name accepted on one path is
 * accepted on all of them.
 *
 * <p><b>User names</b>: 1 to {@code maxLength} characters, each a letter, a digit or one of {@code
 * . _ @ -}; and all letters of one script, or of a combination that a language writes together
 * (Latin with Han, Hiragana, Katakana, Bopomofo or Hangul, as in Unicode UTS #39's "highly
 * restrictive" level), in Unicode normal form NFKC. So {@code аlice} with a Cyrillic {@code а} and
 * the full-width {@code ａlice} are refused: they look like {@code alice} but are other users.
 *
 * <p><b>Room names</b>: not blank, at most {@code maxLength} characters, stored verbatim otherwise
 * (any script, emoji, punctuation, spaces), except characters that make text look other than it is:
 * control characters, bidirectional overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069), zero-width characters (U+200B–U+200D, U+2060, U+FEFF; so emoji joined with U+200D
 * are refused in room names, not in messages) and lone surrogates.
 *
 * <p>Thread-safe (stateless).
 */
public final class Names {
  private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]+");
  private static final Set<UnicodeScript> NEUTRAL =
      EnumSet.of(UnicodeScript.COMMON, UnicodeScript.INHERITED, UnicodeScript.UNKNOWN);
  private static final List<Set<UnicodeScript>> ALLOWED_MIXES =
      List.of(
          EnumSet.of(
              UnicodeScript.LATIN,
              UnicodeScript.HAN,
              UnicodeScript.HIRAGANA,
              UnicodeScript.KATAKANA),
          EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
          EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

  private Names() {}

  /**
   * Returns {@code name} when it is a valid user name.
   *
   * @throws InvalidUsernameException saying which part of the rule it breaks
   */
  public static String requireUsername(String name, int maxLength) {
    if (name == null || name.isEmpty()) {
      throw new InvalidUsernameException("User name must not be blank");
    }
    if (name.length() > maxLength) {
      throw new InvalidUsernameException(
          "User name is " + name.length() + " characters long; the maximum is " + maxLength);
    }
    if (!Normalizer.isNormalized(name, Normalizer.Form.NFKC)) {
      throw new InvalidUsernameException(
          "User name must be in Unicode normal form NFKC (no full-width or other compatibility"
              + " forms of letters, e.g. 'ａlice'); write it with ordinary letters");
    }
    if (!USERNAME.matcher(name).matches()) {
      throw new InvalidUsernameException(
          "User name may contain only letters, digits and . _ @ - (no spaces or other symbols)");
    }
    if (!singleScript(name)) {
      throw new InvalidUsernameException(
          "User name mixes letters of different scripts (e.g. a Cyrillic letter in a Latin name);"
              + " write it in one script");
    }
    return name;
  }

  /** Whether {@code name} is a valid user name; see {@link #requireUsername}. */
  public static boolean isUsername(String name, int maxLength) {
    try {
      requireUsername(name, maxLength);
      return true;
    } catch (InvalidUsernameException e) {
      return false;
    }
  }

  /**
   * Returns {@code name} when it is a valid room name.
   *
   * @throws InvalidRoomNameException saying which part of the rule it breaks
   */
  public static String requireRoomName(String name, int maxLength) {
    if (name == null || name.isBlank()) {
      throw new InvalidRoomNameException("Room name must not be blank");
    }
    if (name.length() > maxLength) {
      throw new InvalidRoomNameException(
          "Room name is " + name.length() + " characters long; the maximum is " + maxLength);
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < name.length()
          && Character.isLowSurrogate(name.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw new InvalidRoomNameException("Room name contains a lone surrogate (broken UTF-16)");
      }
      if (Character.isISOControl(c)) {
        throw new InvalidRoomNameException("Room name must not contain control characters");
      }
      if (isBidiControl(c)) {
        throw new InvalidRoomNameException(
            String.format(
                "Room name must not contain bidirectional control characters (U+%04X)", (int) c));
      }
      if (isZeroWidth(c)) {
        throw new InvalidRoomNameException(
            String.format("Room name must not contain zero-width characters (U+%04X)", (int) c));
      }
    }
    return name;
  }

  private static boolean singleScript(String name) {
    Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
    name.codePoints()
        .filter(Character::isLetter)
        .mapToObj(UnicodeScript::of)
        .filter(s -> !NEUTRAL.contains(s))
        .forEach(scripts::add);
    return scripts.size() <= 1 || ALLOWED_MIXES.stream().anyMatch(m -> m.containsAll(scripts));
  }

  private static boolean isBidiControl(char c) {
    return c == '\u061C'
        || c == '\u200E'
        || c == '\u200F'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }

  private static boolean isZeroWidth(char c) {
    return (c >= '\u200B' && c <= '\u200D') || c == '\u2060' || c == '\uFEFF';
  }
}
