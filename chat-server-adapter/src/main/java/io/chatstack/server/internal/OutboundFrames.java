package io.chatstack.server.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/** Encodes server frames with spring-messaging's {@link StompEncoder}. Thread-safe. */
public final class OutboundFrames {
  /** A heart-beat: one end-of-line. */
  public static final String HEARTBEAT = "\n";

  private static final String MESSAGE_LINE = "MESSAGE\n";

  private final StompEncoder encoder = new StompEncoder();

  /** Encodes a frame; headers in the given order, values escaped as STOMP 1.2 requires. */
  public String encode(StompCommand command, Map<String, String> headers, byte[] body) {
    StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
    headers.forEach(accessor::setNativeHeader);
    return new String(encoder.encode(accessor.getMessageHeaders(), body), StandardCharsets.UTF_8);
  }

  /**
   * A MESSAGE frame without its {@code subscription} header, to be shared by every subscriber;
   * {@link #message(String, String)} completes it.
   */
  public String sharedMessage(Map<String, String> headers, byte[] body) {
    return encode(StompCommand.MESSAGE, headers, body).substring(MESSAGE_LINE.length());
  }

  /** The complete MESSAGE frame for one subscription. */
  public String message(String escapedSubscriptionHeader, String sharedMessage) {
    return MESSAGE_LINE + escapedSubscriptionHeader + sharedMessage;
  }

  /** The {@code subscription:<id>} line, escaped once per subscription. */
  public static String subscriptionHeader(String id) {
    return "subscription:" + escape(id) + "\n";
  }

  /**
   * An ERROR frame: short {@code message} header, {@code code} header, and a plain-text
   * explanation.
   */
  public String error(String code, String message, String receiptId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("message", FrameReader.abbreviate(message));
    headers.put("code", code);
    if (receiptId != null) {
      headers.put("receipt-id", receiptId);
    }
    headers.put("content-type", "text/plain;charset=UTF-8");
    return encode(StompCommand.ERROR, headers, (message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** A RECEIPT frame with optional extra headers. */
  public String receipt(String receiptId, Map<String, String> extra) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("receipt-id", receiptId);
    headers.putAll(extra);
    return encode(StompCommand.RECEIPT, headers, new byte[0]);
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
