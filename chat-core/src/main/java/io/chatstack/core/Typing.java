package io.chatstack.core;

import java.util.function.Consumer;

/**
 * Typing indicators across every node. A {@code true} is forwarded at most once per user and room
 * per {@link SignalSettings#typingThrottle()}; a {@code false} follows by itself {@link
 * SignalSettings#typingTimeout()} after the last {@code true}, when the user's next chat message in
 * the room is delivered, or when the user goes offline. Nothing is stored or replayed.
 *
 * <p>Obtain it from {@link ChatService#typing()}. Thread-safe. Listeners are called on a chatstack
 * signal thread; they must be quick.
 */
public interface Typing {

  /**
   * Says that {@code username} is (or stopped) typing in a room.
   *
   * @throws NotParticipantException if the user is not a participant of the room
   * @throws RoomNotFoundException if there is no such room
   */
  void typing(long roomId, String username, boolean typing);

  /**
   * Follows who is typing in a room; the caller checks that the subscriber may see the room.
   *
   * @throws RoomNotFoundException if there is no such room
   */
  Subscription subscribe(long roomId, Consumer<TypingEvent> listener);
}
