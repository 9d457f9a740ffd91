package io.chatstack.core;

import java.util.List;
import java.util.function.Consumer;

/**
 * What each user has read: a durable {@code lastReadSeq} per user and room (kept by the {@link
 * ReadStateRepository}, never moving back) and the exact number of unread chat messages from others
 * after it; plus read receipts for the other participants.
 *
 * <p>Obtain it from {@link ChatService#readStates()}. Thread-safe. Listeners are called on a
 * chatstack thread; they must be quick.
 */
public interface ReadStates {

  /**
   * Sets the user's {@code lastReadSeq} for a room to {@code max(old, min(seq, latest seq of the
   * room))} and tells every device of the user on every node, and the room's receipt subscribers.
   *
   * @return the state after the change (unchanged when {@code seq} is not newer)
   * @throws NotParticipantException if the user is not a participant of the room
   * @throws RoomNotFoundException if there is no such room
   * @throws InvalidInputException if {@code seq} is below {@link ReadState#NOTHING_READ}
   */
  ReadState markRead(long roomId, String username, long seq);

  /**
   * The user's state in one room.
   *
   * @throws RoomNotFoundException if there is no such room
   */
  ReadState state(long roomId, String username);

  /** The user's state in each room they are a participant of, ordered by room id. */
  List<ReadState> states(String username);

  /**
   * Follows the user's read state in all their rooms: an event whenever it changes from any device
   * on any node, and whenever a chat message from someone else raises an unread count.
   */
  Subscription subscribe(String username, Consumer<ReadState> listener);

  /**
   * Follows a room's read receipts: at most one per user and room per {@link
   * SignalSettings#receiptInterval()} (the latest wins). None when receipts are disabled. The
   * caller checks that the subscriber may see the room.
   */
  Subscription subscribeReceipts(long roomId, Consumer<ReadReceipt> listener);

  /** Whether read receipts are sent ({@link SignalSettings#readReceipts()}). */
  boolean receiptsEnabled();
}
