package io.chatstack.mongo.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import java.util.Date;
import org.bson.Document;

/**
 * The stored form of a {@link ChatMessage}: {@code _id} (message id), {@code roomId}, {@code seq}
 * (64-bit integers), {@code sender}, {@code content}, {@code type} (enum name), {@code timestamp}
 * (BSON date, UTC, milliseconds) and {@code clientMsgId}. Values are stored as BSON values, never
 * interpreted, so query operators or dots in content are plain text. Stateless, thread-safe.
 */
public final class MessageDocuments {
  public static final String ID = "_id";
  public static final String ROOM_ID = "roomId";
  public static final String SEQ = "seq";
  public static final String CLIENT_MSG_ID = "clientMsgId";

  private MessageDocuments() {}

  public static Document toDocument(ChatMessage m) {
    return new Document(ID, m.id())
        .append(ROOM_ID, m.roomId())
        .append(SEQ, m.seq())
        .append("sender", m.sender())
        .append("content", m.content())
        .append("type", m.type().name())
        .append("timestamp", Date.from(m.timestamp()))
        .append(CLIENT_MSG_ID, m.clientMsgId());
  }

  public static ChatMessage fromDocument(Document d) {
    return new ChatMessage(
        d.getString(ID),
        d.get(ROOM_ID, Number.class).longValue(),
        d.get(SEQ, Number.class).longValue(),
        d.getString("sender"),
        d.getString("content"),
        MessageType.valueOf(d.getString("type")),
        d.getDate("timestamp").toInstant(),
        d.getString(CLIENT_MSG_ID));
  }
}
