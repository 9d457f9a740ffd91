package io.chatstack.mongo.internal;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The indexes of the message collection. Creating an index that already exists with the same
 * definition is a no-op on the server, so this runs at every start. Stateless, thread-safe.
 */
public final class MessageIndexes {
  /** Serves history pages in both directions and makes (roomId, seq) unique. */
  public static final String ROOM_SEQ = "roomId_seq_unique";

  /** Makes a client's retry of the same message in the same room a duplicate. */
  public static final String ROOM_CLIENT_MSG_ID = "roomId_clientMsgId_unique";

  /** Expires messages a retention after their timestamp; present only with a retention. */
  public static final String TIMESTAMP_TTL = "timestamp_ttl";

  private MessageIndexes() {}

  /**
   * Makes the TTL index match {@code retention}: absent for {@link Duration#ZERO}, otherwise on
   * {@code timestamp} with that many seconds (an index with another expiry is replaced).
   */
  public static void retention(MongoCollection<Document> collection, Duration retention) {
    Document existing = null;
    for (Document index : collection.listIndexes()) {
      if (TIMESTAMP_TTL.equals(index.getString("name"))) {
        existing = index;
      }
    }
    long seconds = retention.toSeconds();
    if (existing != null) {
      Number current = existing.get("expireAfterSeconds", Number.class);
      if (seconds > 0 && current != null && current.longValue() == seconds) {
        return;
      }
      collection.dropIndex(TIMESTAMP_TTL);
    }
    if (seconds > 0) {
      collection.createIndex(
          Indexes.ascending(MessageDocuments.TIMESTAMP),
          new IndexOptions().name(TIMESTAMP_TTL).expireAfter(seconds, TimeUnit.SECONDS));
    }
  }

  public static void create(MongoCollection<Document> collection) {
    collection.createIndexes(
        List.of(
            new IndexModel(
                Indexes.ascending(MessageDocuments.ROOM_ID, MessageDocuments.SEQ),
                new IndexOptions().name(ROOM_SEQ).unique(true)),
            new IndexModel(
                Indexes.ascending(MessageDocuments.ROOM_ID, MessageDocuments.CLIENT_MSG_ID),
                new IndexOptions()
                    .name(ROOM_CLIENT_MSG_ID)
                    .unique(true)
                    .partialFilterExpression(
                        Filters.type(MessageDocuments.CLIENT_MSG_ID, "string")))));
  }
}
