package io.chatstack.stomp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of STOMP 1.2 heart-beat negotiation for one side of a connection: each direction is
 * off when either side says 0, else runs at the larger of the two intervals. Thread-safe
 * (immutable).
 *
 * @param sendEveryMillis how often this side sends a heart-beat (0: never)
 * @param expectEveryMillis how often the peer sends something (0: never, so no silence check)
 */
public record Heartbeat(long sendEveryMillis, long expectEveryMillis) {
  /** No heart-beats either way. */
  public static final Heartbeat OFF = new Heartbeat(0, 0);

  private static final Pattern HEADER = Pattern.compile("([0-9]{1,9}),([0-9]{1,9})");

  /**
   * Negotiates with the peer's {@code heart-beat} header (null when absent: no heart-beats).
   *
   * @param peerHeader the peer's {@code cx,cy}: how often it can send, how often it wants to
   *     receive
   * @param ourSend how often this side can send (0: never)
   * @param ourReceive how often this side wants to receive (0: never)
   * @throws StompProtocolException ({@link ErrorCodes#BAD_HEART_BEAT}) when the header is not two
   *     non-negative integers
   */
  public static Heartbeat negotiate(@Nullable String peerHeader, long ourSend, long ourReceive) {
    if (peerHeader == null) {
      return OFF;
    }
    Matcher m = HEADER.matcher(peerHeader.trim());
    if (!m.matches()) {
      throw new StompProtocolException(
          ErrorCodes.BAD_HEART_BEAT,
          "heart-beat must be two non-negative integers in milliseconds, e.g. 'heart-beat:10000,10000'");
    }
    return of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), ourSend, ourReceive);
  }

  /**
   * Like {@link #negotiate}, but lenient, as a client that cannot refuse its server is: a header
   * whose two parts are not integers means no heart-beats, and negative values count as 0.
   */
  public static Heartbeat negotiateLeniently(
      @Nullable String peerHeader, long ourSend, long ourReceive) {
    if (peerHeader == null) {
      return OFF;
    }
    String[] parts = peerHeader.split(",");
    if (parts.length != 2) {
      return OFF;
    }
    try {
      return of(
          Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim()), ourSend, ourReceive);
    } catch (NumberFormatException e) {
      return OFF;
    }
  }

  /** The {@code heart-beat} header a side sends: {@code send,receive} in milliseconds. */
  public static String header(long sendEveryMillis, long receiveEveryMillis) {
    return sendEveryMillis + "," + receiveEveryMillis;
  }

  /**
   * How long the peer may stay silent before the connection counts as lost, with the margin the
   * Java client allows (twice the interval plus a second; 0: forever).
   */
  public long silenceLimitMillis() {
    return expectEveryMillis == 0 ? 0 : expectEveryMillis * 2 + 1000;
  }

  private static Heartbeat of(long peerSend, long peerReceive, long ourSend, long ourReceive) {
    long send = ourSend <= 0 || peerReceive <= 0 ? 0 : Math.max(ourSend, peerReceive);
    long expect = peerSend <= 0 || ourReceive <= 0 ? 0 : Math.max(peerSend, ourReceive);
    return new Heartbeat(send, expect);
  }
}
