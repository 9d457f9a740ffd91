package io.chatstack.mongo.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import io.chatstack.core.internal.CurrentState;
import io.chatstack.json.ChatJson;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The stored form of a {@link ChatMessage}: {@code _id} (message id), {@code roomId}, {@code seq}
 * (64-bit integers), {@code sender}, {@code content}, {@code type} (enum name), {@code timestamp}
 * (BSON date, UTC, milliseconds) and {@code clientMsgId}; and, only when not empty, {@code
 * targetId}, {@code replyTo}, {@code metadataJson} (the metadata as one JSON string, so that its
 * keys never meet MongoDB's field-name rules), {@code editedAt} (date), {@code deleted} (true),
 * {@code reactions} (emoji, escaped by {@link ReactionKeys}, → array of user names in reaction
 * order) and {@code lastChangeSeq}; absent fields read as empty. {@link #toDocument} never writes
 * {@code reactions}: a {@link ChatMessage}'s reactions are a view (at most {@link
 * io.chatstack.core.Reaction#MAX_USERS} names each) that the REACTION records maintain in the
 * document (see {@link ChangeUpdates}); messages from the bus have none. Values are stored as BSON
 * values, never interpreted, so query operators or dots in content are plain text. Stateless,
 * thread-safe.
 */
public final class MessageDocuments {
  public static final String ID = "_id";
  public static final String ROOM_ID = "roomId";
  public static final String SEQ = "seq";
  public static final String CLIENT_MSG_ID = "clientMsgId";
  public static final String SENDER = "sender";
  public static final String CONTENT = "content";
  public static final String TYPE = "type";
  public static final String TIMESTAMP = "timestamp";
  public static final String TARGET_ID = "targetId";
  public static final String REPLY_TO = "replyTo";
  public static final String METADATA_JSON = "metadataJson";
  public static final String EDITED_AT = "editedAt";
  public static final String DELETED = "deleted";
  public static final String REACTIONS = "reactions";
  public static final String LAST_CHANGE_SEQ = "lastChangeSeq";

  /** Type names of the messages, which history pages list. */
  public static final List<String> MESSAGE_TYPES =
      List.of(
          MessageType.CHAT.name(),
          MessageType.JOIN.name(),
          MessageType.LEAVE.name(),
          MessageType.SYSTEM.name());

  private MessageDocuments() {}

  public static Document toDocument(ChatMessage m) {
    Document d =
        new Document(ID, m.id())
            .append(ROOM_ID, m.roomId())
            .append(SEQ, m.seq())
            .append(SENDER, m.sender())
            .append(CONTENT, m.content())
            .append(TYPE, m.type().name())
            .append(TIMESTAMP, Date.from(m.timestamp()))
            .append(CLIENT_MSG_ID, m.clientMsgId());
    if (!m.targetId().isEmpty()) {
      d.append(TARGET_ID, m.targetId());
    }
    if (!m.replyTo().isEmpty()) {
      d.append(REPLY_TO, m.replyTo());
    }
    if (!m.metadata().isEmpty()) {
      d.append(METADATA_JSON, ChatJson.toJson(m.metadata()));
    }
    m.editedAt().ifPresent(t -> d.append(EDITED_AT, Date.from(t)));
    if (m.deleted()) {
      d.append(DELETED, true);
    }
    if (m.lastChangeSeq() != 0) {
      d.append(LAST_CHANGE_SEQ, m.lastChangeSeq());
    }
    return d;
  }

  @SuppressWarnings("unchecked")
  public static ChatMessage fromDocument(Document d) {
    String metadataJson = d.getString(METADATA_JSON);
    Map<String, Object> metadata =
        metadataJson == null ? Map.of() : ChatJson.fromJson(metadataJson, Map.class);
    Date editedAt = d.getDate(EDITED_AT);
    Document reactions = d.get(REACTIONS, Document.class);
    Map<String, Collection<String>> users = new LinkedHashMap<>();
    if (reactions != null) {
      reactions.forEach((key, names) -> users.put(ReactionKeys.decode(key), (List<String>) names));
    }
    Number lastChange = d.get(LAST_CHANGE_SEQ, Number.class);
    return new ChatMessage(
        d.getString(ID),
        d.get(ROOM_ID, Number.class).longValue(),
        d.get(SEQ, Number.class).longValue(),
        d.getString(SENDER),
        d.getString(CONTENT),
        MessageType.valueOf(d.getString(TYPE)),
        d.getDate(TIMESTAMP).toInstant(),
        d.getString(CLIENT_MSG_ID),
        d.getString(TARGET_ID),
        d.getString(REPLY_TO),
        metadata,
        Optional.ofNullable(editedAt).map(Date::toInstant),
        Boolean.TRUE.equals(d.getBoolean(DELETED)),
        CurrentState.reactions(users),
        lastChange == null ? 0 : lastChange.longValue());
  }
}
