package io.chatstack.server;

import io.chatstack.stomp.FrameLimits;

/**
 * Limits the STOMP adapter enforces per connection. A client that breaks one gets an ERROR frame
 * saying which limit and is disconnected. Thread-safe (immutable).
 *
 * @param maxFrameBytes largest STOMP frame (command, headers and body) in bytes (default 64 KiB)
 * @param maxBodyBytes largest frame body in bytes (default 16 KiB)
 * @param maxHeaders most headers in one frame (default 32)
 * @param maxHeaderLength longest header, name plus value, in characters (default 1024)
 * @param maxSubscriptions most active subscriptions per connection (default 64)
 * @param sendsPerSecond SEND frames allowed per second and connection, also the burst size (default
 *     20)
 * @param outboundQueueFrames frames that may wait to be written to one client before it counts as
 *     too slow and is disconnected (default 1024)
 * @param maxJsonDepth deepest nesting accepted in a JSON body (default 8)
 */
public record StompLimits(
    int maxFrameBytes,
    int maxBodyBytes,
    int maxHeaders,
    int maxHeaderLength,
    int maxSubscriptions,
    int sendsPerSecond,
    int outboundQueueFrames,
    int maxJsonDepth) {

  /** The defaults listed above. */
  public static final StompLimits DEFAULTS =
      new StompLimits(64 * 1024, 16 * 1024, 32, 1024, 64, 20, 1024, 8);

  public StompLimits {
    if (maxFrameBytes < 256 || maxBodyBytes < 1 || maxBodyBytes > maxFrameBytes) {
      throw new IllegalArgumentException(
          "need 256 <= maxFrameBytes and 1 <= maxBodyBytes <= maxFrameBytes");
    }
    if (maxHeaders < 4 || maxHeaderLength < 64) {
      throw new IllegalArgumentException("need maxHeaders >= 4 and maxHeaderLength >= 64");
    }
    if (maxSubscriptions < 1 || sendsPerSecond < 1 || outboundQueueFrames < 2 || maxJsonDepth < 2) {
      throw new IllegalArgumentException(
          "need maxSubscriptions >= 1, sendsPerSecond >= 1, outboundQueueFrames >= 2, maxJsonDepth >= 2");
    }
  }

  /** The limits of single frames, which the STOMP frame reader enforces. */
  public FrameLimits frameLimits() {
    return new FrameLimits(maxFrameBytes, maxBodyBytes, maxHeaders, maxHeaderLength);
  }

  /** A copy with another frame size limit. */
  public StompLimits withMaxFrameBytes(int max) {
    return new StompLimits(
        max,
        maxBodyBytes,
        maxHeaders,
        maxHeaderLength,
        maxSubscriptions,
        sendsPerSecond,
        outboundQueueFrames,
        maxJsonDepth);
  }

  /** A copy with another body size limit. */
  public StompLimits withMaxBodyBytes(int max) {
    return new StompLimits(
        maxFrameBytes,
        max,
        maxHeaders,
        maxHeaderLength,
        maxSubscriptions,
        sendsPerSecond,
        outboundQueueFrames,
        maxJsonDepth);
  }

  /** A copy with another subscription limit. */
  public StompLimits withMaxSubscriptions(int max) {
    return new StompLimits(
        maxFrameBytes,
        maxBodyBytes,
        maxHeaders,
        maxHeaderLength,
        max,
        sendsPerSecond,
        outboundQueueFrames,
        maxJsonDepth);
  }

  /** A copy with another send rate. */
  public StompLimits withSendsPerSecond(int rate) {
    return new StompLimits(
        maxFrameBytes,
        maxBodyBytes,
        maxHeaders,
        maxHeaderLength,
        maxSubscriptions,
        rate,
        outboundQueueFrames,
        maxJsonDepth);
  }

  /** A copy with another outbound queue size. */
  public StompLimits withOutboundQueueFrames(int frames) {
    return new StompLimits(
        maxFrameBytes,
        maxBodyBytes,
        maxHeaders,
        maxHeaderLength,
        maxSubscriptions,
        sendsPerSecond,
        frames,
        maxJsonDepth);
  }
}
