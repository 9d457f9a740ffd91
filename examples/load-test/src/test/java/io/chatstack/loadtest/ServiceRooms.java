package io.chatstack.loadtest;

import io.chatstack.core.ChatService;
import java.util.List;

/**
 * A {@link RoomSetup} that creates rooms and joins users directly through a {@link ChatService}.
 */
final class ServiceRooms {
  private ServiceRooms() {}

  /** Rooms of {@code service}; {@code errorQueue} says whether senders subscribe to it. */
  static RoomSetup of(ChatService service, boolean errorQueue) {
    return new RoomSetup() {
      @Override
      public boolean errorQueue() {
        return errorQueue;
      }

      @Override
      public long createRoom(String name, String creator) {
        return service.createRoom(name, creator).id();
      }

      @Override
      public void join(long roomId, List<String> usernames) {
        usernames.forEach(u -> service.join(roomId, u));
      }
    };
  }
}
