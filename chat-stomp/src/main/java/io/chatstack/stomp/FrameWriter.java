package io.chatstack.stomp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/**
 * Encodes frames as the text of a WebSocket message with spring-messaging's {@link StompEncoder}:
 * headers in the given order, values escaped as STOMP 1.2 requires (except in CONNECT and
 * CONNECTED, which STOMP 1.2 leaves unescaped), {@code content-length} added to frames with a body.
 * Besides whole frames it builds the MESSAGE frames a server shares between subscribers: everything
 * but the {@code subscription} header is encoded once ({@link #sharedMessage}) and completed per
 * subscription ({@link #message}). Thread-safe.
 */
public final class FrameWriter {
  /** A heart-beat: one end-of-line. */
  public static final String HEARTBEAT = "\n";

  private static final String MESSAGE_LINE = "MESSAGE\n";

  private final StompEncoder encoder = new StompEncoder();

  /** The frame as text. */
  public String write(StompFrame frame) {
    return encode(frame.command(), frame.headers(), frame.body());
  }

  /** A frame as text, from its parts. */
  public String encode(Command command, Map<String, String> headers, byte[] body) {
    StompHeaderAccessor accessor =
        StompHeaderAccessor.create(
            org.springframework.messaging.simp.stomp.StompCommand.valueOf(command.name()));
    headers.forEach(accessor::setNativeHeader);
    String passcode = headers.get(HeaderNames.PASSCODE);
    if (command.isConnect() && passcode != null) {
      accessor.setPasscode(passcode); // the encoder writes the passcode only from here
    }
    return new String(encoder.encode(accessor.getMessageHeaders(), body), StandardCharsets.UTF_8);
  }

  /**
   * A MESSAGE frame without its {@code subscription} header, to be shared by every subscriber;
   * {@link #message(String, String)} completes it.
   */
  public String sharedMessage(Map<String, String> headers, byte[] body) {
    return encode(Command.MESSAGE, headers, body).substring(MESSAGE_LINE.length());
  }

  /**
   * The complete MESSAGE frame for one subscription.
   *
   * @param subscriptionHeader the subscription's {@link #subscriptionHeader(String) header line}
   * @param sharedMessage the rest of the frame, from {@link #sharedMessage}
   */
  public String message(String subscriptionHeader, String sharedMessage) {
    return MESSAGE_LINE + subscriptionHeader + sharedMessage;
  }

  /** The {@code subscription:<id>} header line, escaped; built once per subscription. */
  public static String subscriptionHeader(String id) {
    return HeaderNames.SUBSCRIPTION + ":" + escape(id) + "\n";
  }

  /**
   * An ERROR frame: {@code message} header (abbreviated), {@code code} header, {@code receipt-id}
   * when given, and the whole message as plain text.
   */
  public String error(String code, String message, @Nullable String receiptId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HeaderNames.MESSAGE, StompProtocolException.abbreviate(message));
    headers.put(HeaderNames.CODE, code);
    if (receiptId != null) {
      headers.put(HeaderNames.RECEIPT_ID, receiptId);
    }
    headers.put(HeaderNames.CONTENT_TYPE, "text/plain;charset=UTF-8");
    return encode(Command.ERROR, headers, (message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** A RECEIPT frame with extra headers after {@code receipt-id}. */
  public String receipt(String receiptId, Map<String, String> extra) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HeaderNames.RECEIPT_ID, receiptId);
    headers.putAll(extra);
    return encode(Command.RECEIPT, headers, new byte[0]);
  }

  /** STOMP 1.2 header value escaping. */
  static String escape(String value) {
    StringBuilder sb = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case ':' -> sb.append("\\c");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
