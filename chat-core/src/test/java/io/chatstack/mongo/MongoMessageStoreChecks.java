package io.chatstack.mongo;

import static io.chatstack.core.TestMessages.freshRoomId;
import static io.chatstack.core.TestMessages.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageStore;
import io.chatstack.core.MessageStoreContract;
import io.chatstack.core.MessageType;
import io.chatstack.core.TestMessages;
import io.chatstack.mongo.internal.MessageIndexes;
import io.chatstack.mongo.internal.MessageQueries;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The port contract plus what is specific to the MongoDB store; one subclass per server. */
abstract class MongoMessageStoreChecks extends MessageStoreContract {

  /** Database holding {@link MongoMessageStore#DEFAULT_COLLECTION}, used by {@link #store()}. */
  protected abstract MongoDatabase database();

  private MongoCollection<Document> collection() {
    return database().getCollection(MongoMessageStore.DEFAULT_COLLECTION);
  }

  @Test
  void indexesAreCreatedAtStart() {
    store();
    Map<String, Document> indexes =
        collection().listIndexes().into(new ArrayList<>()).stream()
            .collect(Collectors.toMap(d -> d.getString("name"), d -> d));
    Document roomSeq = indexes.get(MessageIndexes.ROOM_SEQ);
    assertThat(roomSeq).as("index %s", MessageIndexes.ROOM_SEQ).isNotNull();
    assertThat(roomSeq.getBoolean("unique")).isTrue();
    assertThat(roomSeq.get("key", Document.class).keySet()).containsExactly("roomId", "seq");
    Document clientMsgId = indexes.get(MessageIndexes.ROOM_CLIENT_MSG_ID);
    assertThat(clientMsgId).as("index %s", MessageIndexes.ROOM_CLIENT_MSG_ID).isNotNull();
    assertThat(clientMsgId.getBoolean("unique")).isTrue();
    assertThat(clientMsgId.get("key", Document.class).keySet())
        .containsExactly("roomId", "clientMsgId");
    assertThat(clientMsgId.get("partialFilterExpression", Document.class)).isNotNull();
  }

  @Test
  void aRetentionIsATtlIndexOnTheTimestampThatFollowsTheSetting() {
    String name = "retention_" + freshRoomId();
    MongoCollection<Document> messages = database().getCollection(name);
    new MongoMessageStore(database(), name, java.time.Duration.ofDays(30));
    assertThat(ttl(messages)).isEqualTo(30L * 24 * 3600);
    new MongoMessageStore(database(), name, java.time.Duration.ofDays(1));
    assertThat(ttl(messages)).isEqualTo(24L * 3600);
    new MongoMessageStore(database(), name);
    assertThat(ttl(messages)).isNull();
    for (java.time.Duration wrong :
        List.of(java.time.Duration.ofMillis(10), java.time.Duration.ofSeconds(-5))) {
      assertThatThrownBy(() -> new MongoMessageStore(database(), name, wrong))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least one second");
    }
    new MongoMessageStore(database(), name, java.time.Duration.ofSeconds(90));
    new MongoMessageStore(database(), name, java.time.Duration.ofSeconds(90));
    assertThat(ttl(messages)).isEqualTo(90L);
    messages.drop();
  }

  @Test
  void aPlainIndexNamedLikeTheTtlIndexIsReplacedByTheRetention() {
    String name = "retention_" + freshRoomId();
    MongoCollection<Document> messages = database().getCollection(name);
    messages.createIndex(
        new Document("timestamp", 1),
        new com.mongodb.client.model.IndexOptions().name(MessageIndexes.TIMESTAMP_TTL));
    new MongoMessageStore(database(), name, java.time.Duration.ofHours(1));
    assertThat(ttl(messages)).isEqualTo(3600L);
    messages.drop();
  }

  @Test
  void aBlankCollectionNameIsRefused() {
    for (String blank : java.util.Arrays.asList(null, "", "  ")) {
      assertThatThrownBy(() -> new MongoMessageStore(database(), blank))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("collectionName must not be blank");
    }
  }

  /** expireAfterSeconds of the TTL index, or null when there is none. */
  private static Long ttl(MongoCollection<Document> messages) {
    for (Document index : messages.listIndexes()) {
      if (MessageIndexes.TIMESTAMP_TTL.equals(index.getString("name"))) {
        assertThat(index.get("key", Document.class).keySet()).containsExactly("timestamp");
        return index.get("expireAfterSeconds", Number.class).longValue();
      }
    }
    return null;
  }

  @Test
  void metadataKeysThatMongoDbWouldRefuseAsFieldNamesAreStored() {
    long roomId = freshRoomId();
    ChatMessage plain = stored(roomId, 1, "with metadata");
    java.util.Map<String, Object> metadata = new java.util.LinkedHashMap<>();
    metadata.put("$where", "x");
    metadata.put("a.b", java.util.List.of(1, 2.5, true));
    metadata.put("nested", java.util.Map.of("url", "https://example.com/a.png"));
    ChatMessage m =
        new ChatMessage(
            plain.id(),
            roomId,
            1,
            "alice",
            "with metadata",
            io.chatstack.core.MessageType.CHAT,
            plain.timestamp(),
            plain.clientMsgId(),
            "",
            "some-message-id",
            metadata,
            java.util.Optional.empty(),
            false,
            java.util.Map.of(),
            0L);
    store().storeAll(List.of(m));
    assertThat(store().findById(roomId, m.id())).contains(m);
  }

  @Test
  void documentsHoldTypedFieldsWithAUtcDate() {
    ChatMessage m = stored(freshRoomId(), 7, "typed");
    store().storeAll(List.of(m));
    Document raw = collection().find(Filters.eq("_id", m.id())).first();
    assertThat(raw).isNotNull();
    assertThat(raw.get("roomId")).isEqualTo(m.roomId());
    assertThat(raw.get("seq")).isEqualTo(7L);
    assertThat(raw.get("timestamp")).isInstanceOf(Date.class).isEqualTo(Date.from(m.timestamp()));
    assertThat(raw.getString("type")).isEqualTo("CHAT");
    assertThat(raw.getString("clientMsgId")).isEqualTo(m.clientMsgId());
  }

  @Test
  void aBatchWithAnUnorderedMessageIsRejectedAndNothingIsStored() {
    long roomId = freshRoomId();
    List<ChatMessage> batch =
        List.of(stored(roomId, 1, "ok"), TestMessages.draft(roomId, "alice", "no seq"));
    assertThatThrownBy(() -> store().storeAll(batch))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no seq");
    assertThat(store().page(roomId, HistoryQuery.latest(10)).messages()).isEmpty();
    assertThat(store().storeAll(List.of())).isZero();
  }

  @Test
  void aHundredThousandMessageRoomPagesFullyWithoutGapOrDuplicate() {
    long roomId = freshRoomId();
    int count = 100_000;
    List<ChatMessage> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(stored(roomId, 3L * i + 1, "m" + i));
      if (batch.size() == 10_000) {
        assertThat(store().storeAll(batch)).isEqualTo(batch.size());
        batch.clear();
      }
    }
    List<Long> seqs = new ArrayList<>(count);
    HistoryQuery query = HistoryQuery.after(-1, HistoryQuery.MAX_LIMIT);
    for (Optional<HistoryQuery> q = Optional.of(query); q.isPresent(); ) {
      HistoryPage page = store().page(roomId, q.get());
      page.messages().forEach(m -> seqs.add(m.seq()));
      q = page.next(q.get());
    }
    assertThat(seqs).hasSize(count).isSorted().doesNotHaveDuplicates();
    assertThat(seqs.get(0)).isEqualTo(1L);
    assertThat(seqs.get(count - 1)).isEqualTo(3L * (count - 1) + 1);

    HistoryPage oldest =
        store().page(roomId, HistoryQuery.before(seqs.get(1000), HistoryQuery.MAX_LIMIT));
    assertThat(oldest.messages())
        .extracting(ChatMessage::seq)
        .containsExactlyElementsOf(seqs.subList(0, 1000));
    assertThat(oldest.hasMore()).isFalse();
  }

  @Test
  void historyQueriesInBothDirectionsUseTheRoomSeqIndexWithoutSorting() {
    long roomId = freshRoomId();
    ChatMessage a = stored(roomId, 1, "a");
    store()
        .storeAll(
            List.of(a, TestMessages.reaction(a, 2, "bob", "👍", true), stored(roomId, 3, "b")));
    for (HistoryQuery query : List.of(HistoryQuery.after(0, 50), HistoryQuery.before(3, 50))) {
      Document plan;
      try {
        plan =
            collection()
                .find(MessageQueries.pageFilter(roomId, query))
                .sort(MessageQueries.pageSort(query))
                .limit(query.limit() + 1)
                .explain();
      } catch (MongoCommandException e) {
        Assumptions.abort(
            "this server does not support explain ("
                + e.getErrorMessage()
                + "); index use not checked");
        return;
      }
      List<Document> stages = new ArrayList<>();
      collectStages(plan.get("queryPlanner", Document.class).get("winningPlan"), stages);
      assertThat(stages)
          .extracting(s -> s.getString("stage"))
          .contains("IXSCAN")
          .doesNotContain("SORT", "COLLSCAN");
      assertThat(stages)
          .filteredOn(s -> "IXSCAN".equals(s.getString("stage")))
          .extracting(s -> s.getString("indexName"))
          .containsOnly(MessageIndexes.ROOM_SEQ);
    }
  }

  @Test
  void documentsHoldOnlyTheLifecycleFieldsThatAreSet() {
    long roomId = freshRoomId();
    ChatMessage kept = stored(roomId, 1, "kept");
    ChatMessage doomed = stored(roomId, 2, "doomed");
    ChatMessage edit = TestMessages.change(kept, 4, MessageType.EDIT, "alice", "kept!");
    store()
        .storeAll(
            List.of(
                kept,
                doomed,
                TestMessages.reaction(kept, 3, "bob", "👍", true),
                edit,
                TestMessages.reaction(kept, 5, "carol", "👍", true),
                TestMessages.reaction(doomed, 6, "bob", ".\u0301", true),
                TestMessages.change(doomed, 7, MessageType.DELETE, "alice", "")));

    Document plain = raw(stored(roomId, 8, "plain"));
    assertThat(plain.keySet())
        .containsExactlyInAnyOrder(
            "_id", "roomId", "seq", "sender", "content", "type", "timestamp", "clientMsgId");
    Document current = collection().find(Filters.eq("_id", kept.id())).first();
    assertThat(current.get("reactions", Document.class))
        .isEqualTo(new Document("👍", List.of("bob", "carol")));
    assertThat(current.getString("content")).isEqualTo("kept!");
    assertThat(current.getDate("editedAt")).isEqualTo(Date.from(edit.timestamp()));
    assertThat(current.get("lastChangeSeq")).isEqualTo(5L);
    assertThat(current).doesNotContainKeys("deleted", "metadataJson", "targetId", "replyTo");
    Document tombstone = collection().find(Filters.eq("_id", doomed.id())).first();
    assertThat(tombstone.getBoolean("deleted")).isTrue();
    assertThat(tombstone.getString("content")).isEmpty();
    assertThat(tombstone).doesNotContainKeys("reactions", "metadataJson", "editedAt");
    Document editRecord = collection().find(Filters.eq("_id", edit.id())).first();
    assertThat(editRecord.getString("targetId")).isEqualTo(kept.id());
    assertThat(editRecord.getString("type")).isEqualTo("EDIT");
    assertThat(editRecord).doesNotContainKeys("lastChangeSeq", "deleted", "reactions");
  }

  @Test
  void aFailingChangeStopsTheBatchAndARetryAppliesWhatIsLeft() {
    long roomId = freshRoomId();
    ChatMessage broken = stored(roomId, 1, "broken");
    ChatMessage fine = stored(roomId, 2, "fine");
    store().storeAll(List.of(broken, fine));
    // A reactions field that is not a sub-document makes the server refuse the REACTION update.
    collection()
        .updateOne(
            Filters.eq("_id", broken.id()), new Document("$set", new Document("reactions", "x")));
    ChatMessage firstEdit = TestMessages.change(fine, 3, MessageType.EDIT, "alice", "fine!");
    List<ChatMessage> batch =
        List.of(
            firstEdit,
            TestMessages.reaction(broken, 4, "bob", "👍", true),
            TestMessages.change(fine, 5, MessageType.EDIT, "alice", "fine!!"));

    assertThatThrownBy(() -> store().storeAll(batch))
        .isInstanceOf(io.chatstack.core.ChatUnavailableException.class)
        .hasMessageContaining("apply REACTION");
    assertThat(store().findById(roomId, fine.id()).orElseThrow().content()).isEqualTo("fine!");
    assertThat(store().records(roomId, 1, 10))
        .extracting(ChatMessage::seq)
        .containsExactly(2L, 3L, 4L, 5L);

    collection()
        .updateOne(
            Filters.eq("_id", broken.id()), new Document("$unset", new Document("reactions", "")));
    assertThat(store().storeAll(batch)).isZero();
    assertThat(store().findById(roomId, fine.id()).orElseThrow().content()).isEqualTo("fine!!");
    ChatMessage repaired = store().findById(roomId, broken.id()).orElseThrow();
    assertThat(repaired.reactions()).containsOnlyKeys("👍");
    assertThat(repaired.lastChangeSeq()).isEqualTo(4);
  }

  private Document raw(ChatMessage m) {
    store().storeAll(List.of(m));
    return collection().find(Filters.eq("_id", m.id())).first();
  }

  @Test
  void aDocumentWrittenWithoutTheLifecycleFieldsReadsAsAPlainMessage() {
    long roomId = freshRoomId();
    Document old =
        new Document("_id", "old-" + roomId)
            .append("roomId", roomId)
            .append("seq", 1L)
            .append("sender", "alice")
            .append("content", "from before issue 17")
            .append("type", "CHAT")
            .append("timestamp", new Date(1_700_000_000_000L))
            .append("clientMsgId", "c-" + roomId);
    collection().insertOne(old);
    ChatMessage m = store().findById(roomId, "old-" + roomId).orElseThrow();
    assertThat(m)
        .isEqualTo(
            new ChatMessage(
                "old-" + roomId,
                roomId,
                1,
                "alice",
                "from before issue 17",
                MessageType.CHAT,
                java.time.Instant.ofEpochMilli(1_700_000_000_000L),
                "c-" + roomId));
    store().storeAll(List.of(TestMessages.reaction(m, 2, "bob", "👍", true)));
    assertThat(store().findById(roomId, m.id()).orElseThrow().reactions()).containsOnlyKeys("👍");
  }

  private static void collectStages(Object node, List<Document> stages) {
    if (node instanceof Document d) {
      if (d.containsKey("stage")) {
        stages.add(d);
      }
      d.values().forEach(v -> collectStages(v, stages));
    } else if (node instanceof List<?> list) {
      list.forEach(v -> collectStages(v, stages));
    }
  }

  /** A store on {@link #database()}, for subclasses. */
  protected static MessageStore storeOn(MongoDatabase database) {
    return new MongoMessageStore(database);
  }
}
