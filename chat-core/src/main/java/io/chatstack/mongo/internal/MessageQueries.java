package io.chatstack.mongo.internal;

import io.chatstack.core.HistoryQuery;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The queries of a history page. {@code {roomId: r, seq: {$lt|$gt: cursor}, type: {$in: [CHAT,
 * JOIN, LEAVE]}}} sorted by {@code seq}: an equality and a range on the {@link
 * MessageIndexes#ROOM_SEQ} index, which gives the bounds and the order (no in-memory sort, no
 * collection scan); the type condition is checked on the documents the scan fetches, so a page also
 * reads the change records between its messages. No index on {@code type}: it would cost every
 * insert, and change records are a small share of a room's records except where many reactions pile
 * up on a few messages. Stateless, thread-safe.
 */
public final class MessageQueries {
  private MessageQueries() {}

  /** The messages (no change records) of the room on the page side of the query's cursor. */
  public static Bson pageFilter(long roomId, HistoryQuery query) {
    boolean before = query.direction() == HistoryQuery.Direction.BEFORE;
    return new Document(MessageDocuments.ROOM_ID, roomId)
        .append(MessageDocuments.SEQ, new Document(before ? "$lt" : "$gt", query.cursor()))
        .append(MessageDocuments.TYPE, new Document("$in", MessageDocuments.MESSAGE_TYPES));
  }

  /** Descending seq for {@link HistoryQuery.Direction#BEFORE} (newest first), else ascending. */
  public static Bson pageSort(HistoryQuery query) {
    return new Document(
        MessageDocuments.SEQ, query.direction() == HistoryQuery.Direction.BEFORE ? -1 : 1);
  }
}
