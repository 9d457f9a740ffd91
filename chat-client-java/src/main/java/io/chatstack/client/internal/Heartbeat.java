package io.chatstack.client.internal;

/**
 * STOMP 1.2 heart-beat negotiation from the client's side. Thread-safe (immutable).
 *
 * @param sendEveryMillis how often the client must send (0: never)
 * @param expectEveryMillis how often the server sends (0: never, so no silence check)
 */
public record Heartbeat(long sendEveryMillis, long expectEveryMillis) {

  /**
   * Negotiates: the client offered {@code clientMillis} both ways; the server's CONNECTED header is
   * {@code serverHeader} ({@code "sx,sy"}, may be null).
   */
  public static Heartbeat negotiate(long clientMillis, String serverHeader) {
    long sx = 0;
    long sy = 0;
    if (serverHeader != null) {
      String[] parts = serverHeader.split(",");
      if (parts.length == 2) {
        try {
          sx = Long.parseLong(parts[0].trim());
          sy = Long.parseLong(parts[1].trim());
        } catch (NumberFormatException e) {
          sx = 0;
          sy = 0;
        }
      }
    }
    long send = clientMillis <= 0 || sy <= 0 ? 0 : Math.max(clientMillis, sy);
    long expect = clientMillis <= 0 || sx <= 0 ? 0 : Math.max(clientMillis, sx);
    return new Heartbeat(send, expect);
  }

  /** How long the server may stay silent before the connection counts as lost (0: forever). */
  public long silenceLimitMillis() {
    return expectEveryMillis == 0 ? 0 : expectEveryMillis * 2 + 1000;
  }
}
