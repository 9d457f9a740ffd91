package io.chatstack.core;

import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Changes to messages already sent: edit, delete, react. Each change is a record of its own in the
 * room's ordered log (type {@link MessageType#EDIT}, {@link MessageType#DELETE}, {@link
 * MessageType#REACTION}, with {@link ChatMessage#targetId()} naming the message), delivered live in
 * room order to every node, replayed by {@code since}, and applied to the stored message so that
 * history shows its current state.
 *
 * <p>Obtain it from {@link ChatService#messages()}. Thread-safe. Validation and permission errors
 * are thrown at once and change nothing; the returned future completes with the change record and
 * its seq once the log acknowledged it (like a send), or fails with {@link
 * ChatUnavailableException} after the send timeout.
 *
 * <p>Rules: only the sender of a message edits it, and the sender deletes it; the room's owner also
 * deletes anyone's message and a moderator those of members ({@link RoomRole}); anyone else is
 * refused with {@link MessageChangeRefusedException#NOT_MESSAGE_SENDER}; an edit must come within
 * the edit window ({@link ChatService.Builder#editWindow}); only CHAT messages are edited, deleted
 * or reacted to ({@link MessageChangeRefusedException#NOT_EDITABLE}); a deleted message is not
 * edited or reacted to ({@link MessageChangeRefusedException#MESSAGE_DELETED}); an unknown id
 * throws {@link MessageNotFoundException}. Two changes racing on different nodes are both ordered
 * by the log; a change that reaches an already deleted message is ignored everywhere.
 */
public interface Messages {

  /**
   * Replaces the content of {@code actor}'s message, if {@code mayPost} accepts the room (checked
   * like {@link ChatService#checkRoom}).
   *
   * @param clientMsgId idempotency key of the edit (as for sends), or null for a generated one
   * @throws NotParticipantException when {@code mayPost} refuses the room
   */
  CompletableFuture<ChatMessage> edit(
      long roomId,
      String actor,
      String messageId,
      String content,
      String clientMsgId,
      Predicate<? super Room> mayPost);

  /** {@link #edit(long, String, String, String, String, Predicate)} for a participant. */
  default CompletableFuture<ChatMessage> edit(
      long roomId, String actor, String messageId, String content, String clientMsgId) {
    return edit(roomId, actor, messageId, content, clientMsgId, r -> r.hasParticipant(actor));
  }

  /**
   * Deletes a message (it becomes a tombstone), if {@code mayPost} accepts the room: {@code
   * actor}'s own, or as the room's owner or a moderator another's (the rules above). Deleting a
   * deleted message again is refused with {@link MessageChangeRefusedException#MESSAGE_DELETED}.
   */
  CompletableFuture<ChatMessage> delete(
      long roomId, String actor, String messageId, Predicate<? super Room> mayPost);

  /** {@link #delete(long, String, String, Predicate)} for a participant. */
  default CompletableFuture<ChatMessage> delete(long roomId, String actor, String messageId) {
    return delete(roomId, actor, messageId, r -> r.hasParticipant(actor));
  }

  /**
   * Adds ({@code add}) or removes {@code user}'s reaction {@code emoji} on a message of the room,
   * if {@code mayPost} accepts the room. Idempotent per user, message and emoji: adding twice
   * counts once. The emoji is one grapheme, not ASCII, at most 32 UTF-16 chars ({@code
   * invalid-emoji}).
   */
  CompletableFuture<ChatMessage> react(
      long roomId,
      String user,
      String messageId,
      String emoji,
      boolean add,
      Predicate<? super Room> mayPost);

  /** {@link #react(long, String, String, String, boolean, Predicate)} for a participant. */
  default CompletableFuture<ChatMessage> react(
      long roomId, String user, String messageId, String emoji, boolean add) {
    return react(roomId, user, messageId, emoji, add, r -> r.hasParticipant(user));
  }
}
