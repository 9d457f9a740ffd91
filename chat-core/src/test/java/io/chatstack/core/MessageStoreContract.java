package io.chatstack.core;

import static io.chatstack.core.TestMessages.freshRoomId;
import static io.chatstack.core.TestMessages.stored;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Compatibility kit for {@link MessageStore}: every implementation passes it with a tiny subclass.
 * Each test uses fresh room ids, so a shared database is fine.
 *
 * <p>To check an implementation, depend on {@code io.chatstack:chat-core} with {@code
 * <type>test-jar</type>} and {@code <scope>test</scope>} (plus JUnit Jupiter, AssertJ and
 * Awaitility, which the kits use) and subclass:
 *
 * <pre>{@code
 * class MyMessageStoreTest extends MessageStoreContract {
 *   private final MessageStore store = new MyMessageStore();
 *
 *   @Override
 *   protected MessageStore store() {
 *     return store;
 *   }
 * }
 * }</pre>
 */
public abstract class MessageStoreContract extends MessageChangesContract {

  /** The store under test; may be shared across tests. */
  protected abstract MessageStore store();

  private static List<ChatMessage> room(long roomId, int count, long firstSeq, long step) {
    List<ChatMessage> messages = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      messages.add(stored(roomId, firstSeq + i * step, "message " + i));
    }
    return messages;
  }

  @Test
  void storedMessagesComeBackEqual() {
    long roomId = freshRoomId();
    ChatMessage m =
        new ChatMessage(
            "id-" + roomId,
            roomId,
            42,
            "alice",
            "hello",
            MessageType.JOIN,
            Instant.parse("2026-03-04T05:06:07.890Z"),
            "client-1");
    assertThat(store().storeAll(List.of(m))).isEqualTo(1);
    assertThat(store().page(roomId, HistoryQuery.latest(10)).messages()).containsExactly(m);
  }

  @Test
  void emptyRoomHasAnEmptyPage() {
    HistoryPage page = store().page(freshRoomId(), HistoryQuery.latest(10));
    assertThat(page.messages()).isEmpty();
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void latestPageHoldsTheNewestMessagesAscending() {
    long roomId = freshRoomId();
    List<ChatMessage> all = room(roomId, 30, 5, 3);
    store().storeAll(all);
    HistoryPage page = store().page(roomId, HistoryQuery.latest(10));
    assertThat(page.messages()).containsExactlyElementsOf(all.subList(20, 30));
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void pagingBackwardAndForwardVisitsEveryMessageOnce() {
    long roomId = freshRoomId();
    List<ChatMessage> all = room(roomId, 253, 0, 7);
    store().storeAll(all);

    List<ChatMessage> backward = new ArrayList<>();
    HistoryQuery query = HistoryQuery.latest(40);
    while (true) {
      HistoryPage page = store().page(roomId, query);
      backward.addAll(0, page.messages());
      Optional<HistoryQuery> next = page.next(query);
      if (next.isEmpty()) {
        break;
      }
      query = next.get();
    }
    assertThat(backward).containsExactlyElementsOf(all);

    List<ChatMessage> forward = new ArrayList<>();
    query = HistoryQuery.after(-1, 40);
    while (true) {
      HistoryPage page = store().page(roomId, query);
      forward.addAll(page.messages());
      Optional<HistoryQuery> next = page.next(query);
      if (next.isEmpty()) {
        break;
      }
      query = next.get();
    }
    assertThat(forward).containsExactlyElementsOf(all);
  }

  @Test
  void cursorsAreExclusive() {
    long roomId = freshRoomId();
    List<ChatMessage> all = room(roomId, 10, 100, 10);
    store().storeAll(all);
    assertThat(store().page(roomId, HistoryQuery.before(150, 100)).messages())
        .containsExactlyElementsOf(all.subList(0, 5));
    assertThat(store().page(roomId, HistoryQuery.after(150, 100)).messages())
        .containsExactlyElementsOf(all.subList(6, 10));
    assertThat(store().page(roomId, HistoryQuery.after(150, 2)).hasMore()).isTrue();
    assertThat(store().page(roomId, HistoryQuery.after(170, 2)).hasMore()).isFalse();
  }

  @Test
  void storingTheSameMessagesAgainIsIgnored() {
    long roomId = freshRoomId();
    List<ChatMessage> all = room(roomId, 20, 1, 1);
    assertThat(store().storeAll(all)).isEqualTo(20);
    assertThat(store().storeAll(all)).isZero();
    assertThat(store().page(roomId, HistoryQuery.latest(100)).messages()).hasSize(20);
  }

  @Test
  void aBatchWithSomeDuplicatesStoresTheRest() {
    long roomId = freshRoomId();
    List<ChatMessage> first = room(roomId, 10, 1, 1);
    store().storeAll(first);
    List<ChatMessage> batch = new ArrayList<>(first.subList(5, 10));
    batch.addAll(room(roomId, 5, 11, 1));
    assertThat(store().storeAll(batch)).isEqualTo(5);
    assertThat(store().page(roomId, HistoryQuery.latest(100)).messages())
        .extracting(ChatMessage::seq)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
  }

  @Test
  void aSecondMessageWithTheSameClientMsgIdIsNotStored() {
    long roomId = freshRoomId();
    ChatMessage first = TestMessages.draft(roomId, "alice", "hi", "retry-key").withSeq(1);
    ChatMessage retry = TestMessages.draft(roomId, "alice", "hi", "retry-key").withSeq(2);
    store().storeAll(List.of(first));
    assertThat(store().storeAll(List.of(retry))).isZero();
    assertThat(store().page(roomId, HistoryQuery.latest(10)).messages()).containsExactly(first);
    assertThat(store().findByClientMsgId(roomId, "retry-key")).contains(first);
    assertThat(store().findByClientMsgId(roomId, "other")).isEmpty();
    assertThat(store().findByClientMsgId(freshRoomId(), "retry-key")).isEmpty();
  }

  @Test
  void roomsAreIsolated() {
    long a = freshRoomId();
    long b = freshRoomId();
    store().storeAll(List.of(stored(a, 1, "in a"), stored(b, 1, "in b")));
    assertThat(store().page(a, HistoryQuery.latest(10)).messages())
        .extracting(ChatMessage::content)
        .containsExactly("in a");
    assertThat(store().page(b, HistoryQuery.latest(10)).messages())
        .extracting(ChatMessage::content)
        .containsExactly("in b");
  }

  @Test
  void metacharactersAreStoredVerbatim() {
    long roomId = freshRoomId();
    String content =
        "'; DROP TABLE messages; -- {\"$where\": \"sleep(1000)\"} $gt . \\ \" ` 😀 \u202e";
    ChatMessage m =
        new ChatMessage(
            "id-" + roomId,
            roomId,
            1,
            "{$ne: null}",
            content,
            MessageType.CHAT,
            Instant.parse("2026-03-04T05:06:07.001Z"),
            "$key.with.dots");
    store().storeAll(List.of(m));
    assertThat(store().page(roomId, HistoryQuery.latest(1)).messages()).containsExactly(m);
    assertThat(store().findByClientMsgId(roomId, "$key.with.dots")).contains(m);
  }
}
