package io.chatstack.core;

import java.util.List;
import java.util.Optional;

/**
 * Port: durable message history.
 *
 * <p>Implementations are thread-safe. Writes are idempotent: a message whose (roomId, seq) or
 * (roomId, clientMsgId) is already stored is skipped, so at-least-once delivery from the bus never
 * stores a duplicate. Failures surface as {@link ChatUnavailableException}; the next call may work.
 */
public interface MessageStore {

  /**
   * Stores messages that already have their seq. Duplicates are skipped, not errors.
   *
   * @return the number of messages newly stored
   */
  int storeAll(List<ChatMessage> messages);

  /** One page of a room's history; messages are ascending by seq. */
  HistoryPage page(long roomId, HistoryQuery query);

  /** The stored message of the room with this clientMsgId, if any. */
  Optional<ChatMessage> findByClientMsgId(long roomId, String clientMsgId);
}
