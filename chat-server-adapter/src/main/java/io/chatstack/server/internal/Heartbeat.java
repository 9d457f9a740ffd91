package io.chatstack.server.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STOMP heart-beat negotiation. Thread-safe (immutable).
 *
 * @param sendEveryMillis how often the server sends a heart-beat (0: never)
 * @param expectEveryMillis how often the client promised to send something (0: no check)
 */
public record Heartbeat(long sendEveryMillis, long expectEveryMillis) {
  private static final Pattern HEADER = Pattern.compile("([0-9]{1,9}),([0-9]{1,9})");

  /**
   * Negotiates with the client's {@code heart-beat} header (null when absent) per STOMP 1.2: each
   * direction is off when either side says 0, else the larger of the two intervals.
   */
  public static Heartbeat negotiate(String clientHeader, long serverSend, long serverReceive) {
    if (clientHeader == null) {
      return new Heartbeat(0, 0);
    }
    Matcher m = HEADER.matcher(clientHeader.trim());
    if (!m.matches()) {
      throw new StompProtocolException(
          "bad-heart-beat",
          "heart-beat must be two non-negative integers in milliseconds, e.g. 'heart-beat:10000,10000'");
    }
    long clientSend = Long.parseLong(m.group(1));
    long clientReceive = Long.parseLong(m.group(2));
    long send = serverSend == 0 || clientReceive == 0 ? 0 : Math.max(serverSend, clientReceive);
    long expect = clientSend == 0 || serverReceive == 0 ? 0 : Math.max(clientSend, serverReceive);
    return new Heartbeat(send, expect);
  }
}
