package io.chatstack.loadtest;

import java.util.List;

/**
 * What a target needs before clients may use a room. Chatstack wants rooms created and users joined
 * over REST; the baselines accept any numeric room id.
 */
public interface RoomSetup {
  /** Creates a room named {@code name}; returns its id. */
  long createRoom(String name, String creator);

  /** Makes {@code usernames} participants of {@code roomId}. */
  void join(long roomId, List<String> usernames);

  /**
   * Whether sending clients subscribe to the target's error queue, so that a refused send comes as
   * an application error instead of an ERROR frame that closes the connection (chatstack; the
   * baselines have none).
   */
  default boolean errorQueue() {
    return false;
  }

  /**
   * The setup for {@code target} ({@code chatstack} or {@code baseline}) at {@code baseUrl}; with a
   * {@code jdbcUrl} (empty for none) chatstack participants are inserted into its room database
   * directly instead of joining over REST.
   */
  static RoomSetup forTarget(String target, String baseUrl, String jdbcUrl) {
    return switch (target) {
      case "chatstack" -> new ChatstackRoomSetup(baseUrl, jdbcUrl);
      case "baseline" -> new BaselineRoomSetup();
      default -> throw new IllegalArgumentException("--target must be chatstack or baseline");
    };
  }
}
