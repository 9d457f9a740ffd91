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
import io.chatstack.core.TestMessages;
import io.chatstack.mongo.internal.MessageIndexes;
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
    assertThatThrownBy(
            () -> new MongoMessageStore(database(), name, java.time.Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one second");
    messages.drop();
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
    store().storeAll(List.of(stored(roomId, 1, "a"), stored(roomId, 2, "b")));
    for (Document sort : List.of(new Document("seq", 1), new Document("seq", -1))) {
      Document plan;
      try {
        plan =
            collection()
                .find(Filters.and(Filters.eq("roomId", roomId), Filters.gt("seq", 0L)))
                .sort(sort)
                .limit(51)
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
          .doesNotContain("SORT");
      assertThat(stages)
          .filteredOn(s -> "IXSCAN".equals(s.getString("stage")))
          .extracting(s -> s.getString("indexName"))
          .containsOnly(MessageIndexes.ROOM_SEQ);
    }
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
