package io.chatstack.core.internal;

import io.chatstack.core.ActionRefusedException;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.InterceptContext;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageChangeRefusedException;
import io.chatstack.core.MessageDraft;
import io.chatstack.core.MessageNotFoundException;
import io.chatstack.core.MessageType;
import io.chatstack.core.Messages;
import io.chatstack.core.NotParticipantException;
import io.chatstack.core.Room;
import io.chatstack.core.RoomRole;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@link Messages} of {@code ChatService}: checks a change against the rules on the target's
 * current state ({@link MessageBus#find}), then publishes the change record like a send. The
 * accepting node checks; the log orders; every store and client applies with the rule of {@link
 * ChatMessage}, so a change that lost a race (the target was deleted in between) is ignored
 * everywhere. Thread-safe (stateless beyond its collaborators).
 */
public final class MessageChanges implements Messages {

  /** Asks whether a check accepts a room, as {@code ChatService.checkRoom} does. */
  @FunctionalInterface
  public interface RoomCheck {
    boolean test(long roomId, Predicate<? super Room> check);
  }

  private final MessageBus bus;
  private final Validator validate;
  private final Duration editWindow;
  private final Supplier<Instant> now;
  private final RoomCheck rooms;
  private final Function<Long, Room> freshRoom;
  private final Function<ChatMessage, CompletableFuture<ChatMessage>> publish;
  private final InterceptorChain interceptors;

  /**
   * @param now the service's clock, in milliseconds
   * @param freshRoom reads a room from the repository, bypassing the cache
   * @param publish publishes a draft like a send (timeout, unwrapped failures)
   */
  public MessageChanges(
      MessageBus bus,
      Validator validate,
      Duration editWindow,
      Supplier<Instant> now,
      RoomCheck rooms,
      Function<Long, Room> freshRoom,
      Function<ChatMessage, CompletableFuture<ChatMessage>> publish,
      InterceptorChain interceptors) {
    this.bus = bus;
    this.validate = validate;
    this.editWindow = editWindow;
    this.now = now;
    this.rooms = rooms;
    this.freshRoom = freshRoom;
    this.publish = publish;
    this.interceptors = interceptors;
  }

  @Override
  public CompletableFuture<ChatMessage> edit(
      long roomId,
      String actor,
      String messageId,
      String content,
      String clientMsgId,
      Predicate<? super Room> mayPost) {
    check(roomId, actor, mayPost);
    notMuted(roomId, actor);
    validate.messageId(messageId);
    validate.content(content);
    String key = validate.clientMsgId(clientMsgId);
    ChatMessage target = target(roomId, messageId);
    ownedAndAlive(target, actor, "edit");
    Instant at = now.get();
    if (at.isAfter(target.timestamp().plus(editWindow))) {
      throw new MessageChangeRefusedException(
          MessageChangeRefusedException.EDIT_WINDOW_EXPIRED,
          "Message "
              + messageId
              + " was sent at "
              + target.timestamp()
              + "; it can be edited for "
              + editWindow
              + " only");
    }
    InterceptContext context =
        new InterceptContext(
            roomId,
            actor,
            InterceptContext.Kind.EDIT,
            Optional.of(messageId),
            Optional.ofNullable(key));
    return interceptors
        .run(context, new MessageDraft(content, Map.of(), ""))
        .thenCompose(
            draft ->
                publish.apply(
                    change(
                        roomId,
                        actor,
                        MessageType.EDIT,
                        messageId,
                        draft.content(),
                        Map.of(),
                        at,
                        key)))
        .thenApply(record -> sameEdit(record, actor, messageId, key));
  }

  @Override
  public CompletableFuture<ChatMessage> delete(
      long roomId, String actor, String messageId, Predicate<? super Room> mayPost) {
    check(roomId, actor, mayPost);
    validate.messageId(messageId);
    ChatMessage target = target(roomId, messageId);
    if (!target.sender().equals(actor) && mayDeleteOthers(roomId, actor, target.sender())) {
      editable(target, "delete");
      alive(target, "delete");
    } else {
      ownedAndAlive(target, actor, "delete");
    }
    return publish.apply(
        change(roomId, actor, MessageType.DELETE, messageId, "", Map.of(), now.get(), null));
  }

  @Override
  public CompletableFuture<ChatMessage> react(
      long roomId,
      String user,
      String messageId,
      String emoji,
      boolean add,
      Predicate<? super Room> mayPost) {
    check(roomId, user, mayPost);
    notMuted(roomId, user);
    validate.messageId(messageId);
    validate.emoji(emoji);
    ChatMessage target = target(roomId, messageId);
    editable(target, "react to");
    alive(target, "react to");
    return publish.apply(
        change(
            roomId,
            user,
            MessageType.REACTION,
            messageId,
            emoji,
            Map.of(ChatMessage.REACTION_ADD, add),
            now.get(),
            null));
  }

  private void check(long roomId, String actor, Predicate<? super Room> mayPost) {
    Objects.requireNonNull(mayPost, "mayPost");
    if (!rooms.test(roomId, mayPost)) {
      throw new NotParticipantException(roomId, actor);
    }
    validate.username(actor);
  }

  /**
   * Whether {@code actor} may delete a message of {@code sender}, with the role rules of
   * moderation: the owner deletes anyone's, a moderator those of members only (not the owner's, not
   * another moderator's). A privilege, so it is asked of a fresh read of the room, as moderation
   * does: a role just taken away on another node is not honoured from a stale cache.
   */
  private boolean mayDeleteOthers(long roomId, String actor, String sender) {
    if (!rooms.test(roomId, r -> r.role(actor).map(RoomRole::moderates).orElse(false))) {
      return false;
    }
    Room room = freshRoom.apply(roomId);
    return room.role(actor).map(RoomRole::moderates).orElse(false)
        && RoomModeration.targetRefusal(room, actor, sender) == null;
  }

  /** Refuses a muted user's edits and reactions (asked of the cached room, confirmed fresh). */
  private void notMuted(long roomId, String user) {
    Instant at = now.get();
    if (!rooms.test(roomId, r -> r.mutedAt(user, at).isEmpty())) {
      throw new ActionRefusedException(
          ActionRefusedException.MUTED, user + " is muted in room " + roomId);
    }
  }

  private ChatMessage target(long roomId, String messageId) {
    Optional<ChatMessage> found = bus.find(roomId, messageId);
    return found.orElseThrow(() -> new MessageNotFoundException(roomId, messageId));
  }

  private static void ownedAndAlive(ChatMessage target, String actor, String what) {
    editable(target, what);
    if (!target.sender().equals(actor)) {
      throw new MessageChangeRefusedException(
          MessageChangeRefusedException.NOT_MESSAGE_SENDER,
          "Only "
              + target.sender()
              + ", who sent message "
              + target.id()
              + ", may "
              + what
              + " it");
    }
    alive(target, what);
  }

  private static void editable(ChatMessage target, String what) {
    if (target.type() != MessageType.CHAT) {
      throw new MessageChangeRefusedException(
          MessageChangeRefusedException.NOT_EDITABLE,
          "Message "
              + target.id()
              + " is a "
              + target.type()
              + " message; only chat messages can be changed, cannot "
              + what
              + " it");
    }
  }

  private static void alive(ChatMessage target, String what) {
    if (target.deleted()) {
      throw new MessageChangeRefusedException(
          MessageChangeRefusedException.MESSAGE_DELETED,
          "Message " + target.id() + " was deleted; cannot " + what + " it");
    }
  }

  /**
   * A re-sent edit is answered with the original record; a clientMsgId that names another record of
   * the room (a message, or an edit of another message) is refused rather than answered with it.
   */
  private static ChatMessage sameEdit(
      ChatMessage record, String actor, String messageId, String key) {
    if (key != null
        && (record.type() != MessageType.EDIT
            || !record.targetId().equals(messageId)
            || !record.sender().equals(actor))) {
      throw new InvalidInputException(
          "invalid-client-msg-id",
          "clientMsgId '"
              + key
              + "' was already used in room "
              + record.roomId()
              + " for another message; use a new one for this edit");
    }
    return record;
  }

  private static ChatMessage change(
      long roomId,
      String actor,
      MessageType type,
      String targetId,
      String content,
      Map<String, Object> metadata,
      Instant at,
      String clientMsgId) {
    return new ChatMessage(
        UUID.randomUUID().toString(),
        roomId,
        ChatMessage.UNASSIGNED_SEQ,
        actor,
        content,
        type,
        at,
        clientMsgId,
        targetId,
        "",
        metadata,
        Optional.empty(),
        false,
        Map.of(),
        0L);
  }
}
