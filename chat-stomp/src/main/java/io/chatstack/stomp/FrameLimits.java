package io.chatstack.stomp;

/**
 * What a {@link FrameReader} accepts: a frame that breaks a limit is refused with a {@link
 * StompProtocolException} naming it. Thread-safe (immutable).
 *
 * @param maxFrameBytes largest frame (command, headers and body) in bytes, also the most bytes
 *     buffered for an incomplete frame
 * @param maxBodyBytes largest body in bytes
 * @param maxHeaders most headers in one frame, repeated ones counted
 * @param maxHeaderLength longest header, name plus value, in characters
 */
public record FrameLimits(
    int maxFrameBytes, int maxBodyBytes, int maxHeaders, int maxHeaderLength) {

  /**
   * What a chatstack server accepts by default: 64 KiB frames, 16 KiB bodies, 32 headers of 1024.
   */
  public static final FrameLimits DEFAULTS = new FrameLimits(64 * 1024, 16 * 1024, 32, 1024);

  /** Checks that every limit is positive and a body fits in a frame. */
  public FrameLimits {
    if (maxFrameBytes < 1 || maxBodyBytes < 1 || maxBodyBytes > maxFrameBytes) {
      throw new IllegalArgumentException(
          "need 1 <= maxBodyBytes <= maxFrameBytes, was " + maxBodyBytes + ", " + maxFrameBytes);
    }
    if (maxHeaders < 1 || maxHeaderLength < 1) {
      throw new IllegalArgumentException("need maxHeaders >= 1 and maxHeaderLength >= 1");
    }
  }

  /**
   * Only the frame size limited (the body may fill the frame; headers unlimited): for a client,
   * which reads what its server sends.
   */
  public static FrameLimits frameSizeOnly(int maxFrameBytes) {
    return new FrameLimits(maxFrameBytes, maxFrameBytes, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }
}
