package io.chatstack.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageStore;
import io.chatstack.core.MessageType;
import io.chatstack.mongo.internal.ChangeUpdates;
import io.chatstack.mongo.internal.MessageDocuments;
import io.chatstack.mongo.internal.MessageIndexes;
import io.chatstack.mongo.internal.MessageQueries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * {@link MessageStore} in a MongoDB collection (default {@code chat_messages}) through
 * mongodb-driver-sync.
 *
 * <p>At construction it creates a unique index on {@code (roomId, seq)}, which also serves every
 * history page in both directions, and a unique partial index on {@code (roomId, clientMsgId)};
 * with a retention, a TTL index on {@code timestamp} (see {@link #MongoMessageStore(MongoDatabase,
 * String, Duration)}). {@link #storeAll} inserts a batch unordered; a duplicate-key error means the
 * message is already stored and is skipped, so redelivered or retried messages are stored once.
 * Timestamps are BSON dates (UTC, millisecond precision). Content is stored as plain BSON strings,
 * never interpreted.
 *
 * <p>Change records (EDIT, DELETE, REACTION) are documents of their own. After inserting a batch,
 * each change of the batch updates its target in seq order with one guarded {@code updateOne} (the
 * target matches only while its {@code lastChangeSeq} is below the change's seq and it is not
 * deleted), so a replayed batch, or a change older than what its target reflects, changes nothing.
 * The first failing update ends the call with {@link ChatUnavailableException}: the records
 * inserted so far stay, and retrying the whole batch (as the persister does) inserts nothing more
 * and applies only the changes still missing. Reactions are a field {@code reactions} of the
 * target: emoji → array of user names ({@code $addToSet}/{@code $pull}, so adding twice or removing
 * an absent reaction changes nothing). History pages select {@code type} in [CHAT, JOIN, LEAVE] on
 * the {@code (roomId, seq)} index, see {@link io.chatstack.mongo.internal.MessageQueries}; {@link
 * #records} lists every type. {@link #eraseSender} scans the collection (no index on the sender).
 *
 * <p>Driver failures (server down, timeouts) surface as {@link ChatUnavailableException}; the
 * driver reconnects on its own, so the next call works again once the server is back. How long a
 * call waits for an unreachable server is the client's {@code serverSelectionTimeout} (driver
 * default 30 s); lower it to fail faster.
 *
 * <p>Thread-safe. Does not own the {@code MongoClient}: closing it is the caller's job.
 */
public final class MongoMessageStore implements MessageStore {
  /** Collection used when none is given. */
  public static final String DEFAULT_COLLECTION = "chat_messages";

  private final MongoCollection<Document> collection;

  /**
   * A store on {@code collectionName} in {@code database}; creates the indexes.
   *
   * @throws ChatUnavailableException when the server cannot be reached to create them
   */
  public MongoMessageStore(MongoDatabase database, String collectionName) {
    this(database, collectionName, Duration.ZERO);
  }

  /**
   * A store on {@code collectionName} in {@code database} whose messages expire {@code retention}
   * after their timestamp (MongoDB's TTL monitor removes them, about once a minute); {@link
   * Duration#ZERO} keeps them forever and removes an earlier retention's TTL index. Creates the
   * indexes.
   *
   * <p>The retention is the TTL index {@code timestamp_ttl} on {@code timestamp} with {@code
   * expireAfterSeconds} = the retention in whole seconds; a different retention than the index's
   * replaces it (drop and create), so give every node the same setting. Every record expires by its
   * own timestamp: a message goes before the change records made after it, which replays may then
   * still list for a while (clients ignore changes to unknown messages).
   *
   * @throws IllegalArgumentException when {@code retention} is negative or below one second
   * @throws ChatUnavailableException when the server cannot be reached to create them
   */
  public MongoMessageStore(MongoDatabase database, String collectionName, Duration retention) {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(retention, "retention");
    if (!retention.isZero() && retention.toSeconds() < 1) {
      throw new IllegalArgumentException(
          "retention must be zero (off) or at least one second, was " + retention);
    }
    if (collectionName == null || collectionName.isBlank()) {
      throw new IllegalArgumentException("collectionName must not be blank");
    }
    this.collection = database.getCollection(collectionName);
    call(
        "create indexes on " + collectionName,
        () -> {
          MessageIndexes.create(collection);
          MessageIndexes.retention(collection, retention);
          return null;
        });
  }

  /** A store on {@link #DEFAULT_COLLECTION} in {@code database}; creates the indexes. */
  public MongoMessageStore(MongoDatabase database) {
    this(database, DEFAULT_COLLECTION);
  }

  @Override
  public int storeAll(List<ChatMessage> messages) {
    List<Document> documents = new ArrayList<>(messages.size());
    for (ChatMessage m : messages) {
      if (m.seq() < 0) {
        throw new IllegalArgumentException(
            "message " + m.id() + " has no seq; only ordered messages are stored");
      }
      documents.add(MessageDocuments.toDocument(m));
    }
    if (documents.isEmpty()) {
      return 0;
    }
    int stored = call("store " + documents.size() + " messages", () -> insert(documents));
    List<ChatMessage> changes = new ArrayList<>();
    for (ChatMessage m : messages) {
      if (m.isChange()) {
        changes.add(m);
      }
    }
    changes.sort(Comparator.comparingLong(ChatMessage::seq));
    // In seq order, each guarded: a replayed batch (the persister retries after a failure here)
    // applies only what is not applied yet.
    for (ChatMessage change : changes) {
      call(
          "apply " + change.type() + " " + change.id() + " to message " + change.targetId(),
          () -> collection.updateOne(ChangeUpdates.filter(change), ChangeUpdates.update(change)));
    }
    return stored;
  }

  private int insert(List<Document> documents) {
    try {
      collection.insertMany(documents, new InsertManyOptions().ordered(false));
      return documents.size();
    } catch (MongoBulkWriteException e) {
      List<BulkWriteError> others =
          e.getWriteErrors().stream()
              .filter(
                  error ->
                      ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY)
              .toList();
      if (!others.isEmpty() || e.getWriteConcernError() != null) {
        throw e;
      }
      return documents.size() - e.getWriteErrors().size();
    }
  }

  @Override
  public List<ChatMessage> records(long roomId, long afterSeq, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    Bson filter =
        Filters.and(
            Filters.eq(MessageDocuments.ROOM_ID, roomId),
            Filters.gt(MessageDocuments.SEQ, afterSeq));
    return call(
        "read records of room " + roomId,
        () -> {
          List<ChatMessage> list = new ArrayList<>(Math.min(limit, 1024));
          collection
              .find(filter)
              .sort(Sorts.ascending(MessageDocuments.SEQ))
              .limit(limit)
              .forEach(d -> list.add(MessageDocuments.fromDocument(d)));
          return list;
        });
  }

  @Override
  public Optional<ChatMessage> findById(long roomId, String messageId) {
    Bson filter =
        Filters.and(
            Filters.eq(MessageDocuments.ID, messageId),
            Filters.eq(MessageDocuments.ROOM_ID, roomId),
            Filters.in(MessageDocuments.TYPE, MessageDocuments.MESSAGE_TYPES));
    return call(
        "find message " + messageId + " in room " + roomId,
        () ->
            Optional.ofNullable(collection.find(filter).first())
                .map(MessageDocuments::fromDocument));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Two {@code updateMany} calls over the collection (no index on the sender: erasure is rare,
   * and an index would cost every insert).
   */
  @Override
  public long eraseSender(String sender) {
    return call(
        "erase the messages of " + sender,
        () -> {
          long erased =
              collection
                  .updateMany(
                      Filters.and(
                          Filters.eq(MessageDocuments.SENDER, sender),
                          Filters.eq(MessageDocuments.TYPE, MessageType.CHAT.name()),
                          Filters.ne(MessageDocuments.DELETED, true)),
                      ChangeUpdates.tombstone())
                  .getModifiedCount();
          collection.updateMany(
              Filters.and(
                  Filters.eq(MessageDocuments.SENDER, sender),
                  Filters.eq(MessageDocuments.TYPE, MessageType.EDIT.name())),
              Updates.set(MessageDocuments.CONTENT, ""));
          return erased;
        });
  }

  @Override
  public long eraseRoom(long roomId) {
    return call(
        "erase room " + roomId,
        () ->
            collection.deleteMany(Filters.eq(MessageDocuments.ROOM_ID, roomId)).getDeletedCount());
  }

  @Override
  public HistoryPage page(long roomId, HistoryQuery query) {
    boolean before = query.direction() == HistoryQuery.Direction.BEFORE;
    Bson filter = MessageQueries.pageFilter(roomId, query);
    Bson sort = MessageQueries.pageSort(query);
    List<ChatMessage> found =
        call(
            "read history of room " + roomId,
            () -> {
              List<ChatMessage> list = new ArrayList<>(query.limit() + 1);
              collection
                  .find(filter)
                  .sort(sort)
                  .limit(query.limit() + 1)
                  .forEach(d -> list.add(MessageDocuments.fromDocument(d)));
              return list;
            });
    boolean more = found.size() > query.limit();
    List<ChatMessage> page = more ? found.subList(0, query.limit()) : found;
    if (before) {
      Collections.reverse(page);
    }
    return new HistoryPage(page, more);
  }

  @Override
  public Optional<ChatMessage> findByClientMsgId(long roomId, String clientMsgId) {
    Bson filter =
        Filters.and(
            Filters.eq(MessageDocuments.ROOM_ID, roomId),
            Filters.eq(MessageDocuments.CLIENT_MSG_ID, clientMsgId));
    return call(
        "find message by clientMsgId in room " + roomId,
        () ->
            Optional.ofNullable(collection.find(filter).first())
                .map(MessageDocuments::fromDocument));
  }

  private <T> T call(String operation, Supplier<T> action) {
    try {
      return action.get();
    } catch (MongoException e) {
      throw new ChatUnavailableException(
          "Message store (MongoDB, collection "
              + collection.getNamespace().getCollectionName()
              + ") failed to "
              + operation
              + ": "
              + e.getMessage()
              + "; check that MongoDB is reachable, the next call may succeed",
          e);
    }
  }
}
