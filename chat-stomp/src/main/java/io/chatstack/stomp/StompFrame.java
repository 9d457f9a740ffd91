package io.chatstack.stomp;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One STOMP frame: command, headers and body. Headers keep their order (the writer writes them in
 * that order) and hold one value each: of a header repeated in a received frame only the first
 * counts, as STOMP 1.2 says. Values are unescaped. Thread-safe (immutable; the body array is never
 * modified, neither by this type nor by the reader and writer).
 *
 * @param command the STOMP command
 * @param headers header names and values, in order
 * @param body the body bytes, empty when none
 */
public record StompFrame(Command command, Map<String, String> headers, byte[] body) {
  private static final byte[] EMPTY = new byte[0];

  /** Copies the headers, keeping their order. */
  public StompFrame {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** A frame without body. */
  public static StompFrame of(Command command, Map<String, String> headers) {
    return new StompFrame(command, headers, EMPTY);
  }

  /** The header's value, if present. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The header's value, or null when absent. */
  public @Nullable String headerOrNull(String name) {
    return headers.get(name);
  }

  /** The {@code receipt} header, if the sender asked for a receipt. */
  public Optional<String> receipt() {
    return header(HeaderNames.RECEIPT);
  }

  /**
   * The header's value.
   *
   * @throws StompProtocolException ({@link ErrorCodes#MISSING_HEADER}) when absent or empty
   */
  public String required(String name) {
    String value = headers.get(name);
    if (value == null || value.isEmpty()) {
      throw new StompProtocolException(
          ErrorCodes.MISSING_HEADER, command + " needs a '" + name + "' header");
    }
    return value;
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "StompFrame[" + command + " " + headers + ", " + body.length + " bytes]";
  }
}
