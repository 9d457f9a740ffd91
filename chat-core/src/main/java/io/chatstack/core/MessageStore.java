package io.chatstack.core;

import java.util.List;
import java.util.Optional;

/**
 * Port: durable message history.
 *
 * <p>The store keeps every record of the log: messages (CHAT, JOIN, LEAVE) and change records
 * (EDIT, DELETE, REACTION, see {@link MessageType#isChange()}). When it stores a change record it
 * also applies it to its target, in seq order, under the rule of {@link ChatMessage} (only a change
 * with a seq above the target's {@link ChatMessage#lastChangeSeq()}, never to a deleted message),
 * so that a replayed or repeated batch changes nothing more. {@link #page} lists messages only, in
 * their current state; {@link #records} lists both, for replays.
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

  /**
   * One page of a room's history: messages (never change records) in their current state (see
   * {@link ChatMessage}: edited content, tombstones, reactions), ascending by seq.
   */
  HistoryPage page(long roomId, HistoryQuery query);

  /**
   * Every stored record of the room with seq &gt; {@code afterSeq}, ascending, at most {@code
   * limit}: messages in their current state and the change records, so that a client applying the
   * change records in order (skipping those at or below a message's {@link
   * ChatMessage#lastChangeSeq()}) ends in the current state. Serves {@link MessageBus#since}.
   */
  List<ChatMessage> records(long roomId, long afterSeq, int limit);

  /** The message (not a change record) of the room with this id, in its current state, if any. */
  Optional<ChatMessage> findById(long roomId, String messageId);

  /**
   * Erasure for data-protection requests: every CHAT message of {@code sender}, in every room,
   * becomes a tombstone (as a DELETE would make it) and the content of their EDIT records is
   * removed. Idempotent.
   *
   * @return the number of messages that became tombstones by this call
   */
  long eraseSender(String sender);

  /**
   * Removes every record of the room (used when a deleted room's history is erased). Idempotent.
   * The default throws {@link UnsupportedOperationException}.
   *
   * @return the number of records removed
   */
  default long eraseRoom(long roomId) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot erase a room");
  }

  /** The stored message of the room with this clientMsgId, if any. */
  Optional<ChatMessage> findByClientMsgId(long roomId, String clientMsgId);
}
