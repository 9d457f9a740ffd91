package io.chatstack.mongo.internal;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.chatstack.core.ChatMessage;
import java.util.Date;
import org.bson.conversions.Bson;

/**
 * How a change record updates its target document: a guarded update that matches only when the
 * target is not deleted and its {@code lastChangeSeq} is below the change's seq (the rule of {@link
 * ChatMessage}), so replays and older changes change nothing. Stateless, thread-safe.
 */
public final class ChangeUpdates {
  private ChangeUpdates() {}

  /** The target document of {@code change}, if the change still applies to it. */
  public static Bson filter(ChatMessage change) {
    return Filters.and(
        Filters.eq(MessageDocuments.ID, change.targetId()),
        Filters.eq(MessageDocuments.ROOM_ID, change.roomId()),
        Filters.in(MessageDocuments.TYPE, MessageDocuments.MESSAGE_TYPES),
        Filters.ne(MessageDocuments.DELETED, true),
        Filters.not(Filters.gte(MessageDocuments.LAST_CHANGE_SEQ, change.seq())));
  }

  /** The update that applies {@code change} (EDIT, DELETE or REACTION). */
  public static Bson update(ChatMessage change) {
    Bson last = Updates.set(MessageDocuments.LAST_CHANGE_SEQ, change.seq());
    return switch (change.type()) {
      case EDIT ->
          Updates.combine(
              Updates.set(MessageDocuments.CONTENT, change.content()),
              Updates.set(MessageDocuments.EDITED_AT, Date.from(change.timestamp())),
              last);
      case DELETE -> Updates.combine(tombstone(), last);
      case REACTION -> {
        String field = MessageDocuments.REACTIONS + "." + ReactionKeys.encode(change.content());
        yield Updates.combine(
            change.reactionAdded()
                ? Updates.addToSet(field, change.sender())
                : Updates.pull(field, change.sender()),
            last);
      }
      default -> throw new IllegalArgumentException("not a change record: " + change.type());
    };
  }

  /** Makes a message a tombstone: content and metadata removed, no reactions, marked deleted. */
  public static Bson tombstone() {
    return Updates.combine(
        Updates.set(MessageDocuments.CONTENT, ""),
        Updates.set(MessageDocuments.DELETED, true),
        Updates.unset(MessageDocuments.METADATA_JSON),
        Updates.unset(MessageDocuments.REACTIONS));
  }
}
