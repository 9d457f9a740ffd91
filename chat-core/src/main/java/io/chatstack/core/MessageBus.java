package io.chatstack.core;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Port: the ordered, durable log that assigns each message its seq and fans it out to every node.
 *
 * <p>A bus owns its {@link MessageStore}: it is given the store when it is constructed, gets every
 * message into it (the in-memory bus writes synchronously; the Kafka bus through its persister) and
 * answers history from it, so that a {@link ChatService} and its bus can never disagree about where
 * messages live. Implementations are thread-safe. Listeners are called in seq order per room on a
 * delivery thread owned by the bus. Lifecycle: usable once constructed (or started, as the
 * implementation documents) until {@link #close()}.
 */
public interface MessageBus extends AutoCloseable {
  /** Page size of the default {@link #latestSeq} and {@link #countChat}. */
  int COUNT_PAGE = 1000;

  /**
   * Appends a message to its room's log.
   *
   * <p>The future completes with the message carrying its assigned seq once the log acknowledged it
   * durably, or fails with {@link ChatUnavailableException} after a bounded time. Publishing a
   * message whose (roomId, clientMsgId) was already published completes with the original message
   * and appends nothing (no duplicate is stored or delivered).
   */
  CompletableFuture<ChatMessage> publish(ChatMessage message);

  /**
   * Delivers every message published to the room after this call, in seq order, to {@code
   * listener}.
   *
   * <p>A record's delivery to the room's listeners is one step as seen from this method: when it
   * returns, every record of the room that {@code listener} will not get has already been delivered
   * to every listener registered before it. So a listener registered earlier that keeps what it
   * receives (a node's history tail) holds every record the new listener misses, and a replay read
   * from it after this call leaves no gap. Delivery of one record to the listeners holds up this
   * call; listeners are quick.
   */
  Subscription subscribe(long roomId, MessageListener listener);

  /**
   * Records of the room with seq &gt; {@code afterSeq}, ascending, at most {@code limit}: messages
   * and change records ({@link MessageStore#records}), from the store, and from the log for what is
   * not stored yet, without gaps or duplicates.
   */
  List<ChatMessage> since(long roomId, long afterSeq, int limit);

  /**
   * The message (not a change record) of the room with this id in its current state: from the
   * store, or from the part of the log not stored yet (then as it was sent, with the changes the
   * log holds after it not applied).
   */
  Optional<ChatMessage> find(long roomId, String messageId);

  /**
   * Erases what {@code sender} wrote in every room from the store ({@link
   * MessageStore#eraseSender}); what the log still holds expires with its retention.
   *
   * @return the number of messages that became tombstones
   */
  long eraseSender(String sender);

  /**
   * Erases a deleted room's history from the store ({@link MessageStore#eraseRoom}); what the log
   * still holds expires with its retention. The default throws {@link
   * UnsupportedOperationException}.
   *
   * @return the number of records removed
   */
  default long eraseRoom(long roomId) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot erase a room");
  }

  /**
   * One page of the room's stored history (messages in their current state, no change records),
   * ascending by seq (the messages the store holds; a message the log acknowledged may reach the
   * store a little later).
   *
   * @throws ChatUnavailableException when the store fails
   */
  HistoryPage history(long roomId, HistoryQuery query);

  /** Announces a room-list change to every node. Completes once the bus accepted it. */
  CompletableFuture<Void> publishRoomEvent(RoomEvent event);

  /** Delivers room-list changes published after this call. */
  Subscription subscribeRoomEvents(RoomEventListener listener);

  /**
   * The highest seq of the room's records (messages and change records, stored or only in the log),
   * {@link ReadState#NOTHING_READ} when the room has none. The default reads the newest stored
   * message from {@link #history} and pages through {@link #since} for what the log holds beyond
   * it.
   */
  default long latestSeq(long roomId) {
    List<ChatMessage> newest = history(roomId, HistoryQuery.latest(1)).messages();
    long last = newest.isEmpty() ? ReadState.NOTHING_READ : newest.get(newest.size() - 1).seq();
    while (true) {
      List<ChatMessage> page = since(roomId, last, COUNT_PAGE);
      if (page.isEmpty()) {
        return last;
      }
      last = page.get(page.size() - 1).seq();
    }
  }

  /**
   * {@code afterSeq} when the room's log has reached it; otherwise (a seq beyond the end of the
   * log: made up, or from a log that was reset) a lower seq that every record published after this
   * call exceeds. A subscriber's {@code since-seq} beyond the log would otherwise hide the room's
   * next records from it, its own removal among them; {@link ChatService#subscribe(long, long,
   * MessageListener)} replays from the result. Negative values are returned as they are. The
   * default returns {@code afterSeq} (no check).
   */
  default long withinLog(long roomId, long afterSeq) {
    return afterSeq;
  }

  /**
   * Exact number of {@link MessageType#CHAT} messages with a seq above {@code afterSeq} whose
   * sender is not {@code excludeSender} (stored or only in the log). The default pages through
   * {@link #since}; implementations may count in the store and add the log's unpersisted tail.
   */
  default long countChat(long roomId, long afterSeq, String excludeSender) {
    long count = 0;
    long last = afterSeq;
    while (true) {
      List<ChatMessage> page = since(roomId, last, COUNT_PAGE);
      if (page.isEmpty()) {
        return count;
      }
      for (ChatMessage m : page) {
        if (m.type() == MessageType.CHAT && !m.sender().equals(excludeSender)) {
          count++;
        }
      }
      last = page.get(page.size() - 1).seq();
    }
  }

  /** Stops delivery and releases resources. Idempotent. */
  @Override
  void close();
}
