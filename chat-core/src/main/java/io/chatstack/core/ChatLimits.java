package io.chatstack.core;

/**
 * Input limits enforced by {@link ChatService}. Thread-safe (immutable).
 *
 * @param maxRoomNameLength longest room name in characters (default 100)
 * @param maxUsernameLength longest user name in characters (default 64)
 * @param maxContentLength longest message content in characters (default 4000)
 * @param maxClientMsgIdLength longest clientMsgId in characters (default 64)
 */
public record ChatLimits(
    int maxRoomNameLength, int maxUsernameLength, int maxContentLength, int maxClientMsgIdLength) {

  /** The defaults listed above. */
  public static final ChatLimits DEFAULTS = new ChatLimits(100, 64, 4000, 64);

  public ChatLimits {
    if (maxRoomNameLength < 1
        || maxUsernameLength < 1
        || maxContentLength < 1
        || maxClientMsgIdLength < 1) {
      throw new IllegalArgumentException("every limit must be at least 1");
    }
  }

  /** A copy with another maximum content length. */
  public ChatLimits withMaxContentLength(int max) {
    return new ChatLimits(maxRoomNameLength, maxUsernameLength, max, maxClientMsgIdLength);
  }

  /** A copy with another maximum room name length. */
  public ChatLimits withMaxRoomNameLength(int max) {
    return new ChatLimits(max, maxUsernameLength, maxContentLength, maxClientMsgIdLength);
  }
}
