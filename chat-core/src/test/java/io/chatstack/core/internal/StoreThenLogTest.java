package io.chatstack.core.internal;

import static io.chatstack.core.TestMessages.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageStore;
import io.chatstack.core.TestChanges;
import io.chatstack.memory.InMemoryMessageStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code since()} of every bus: store below the stored mark, then the log, no gap, no duplicate.
 */
class StoreThenLogTest {
  private static final long ROOM = 1;

  private final InMemoryMessageStore memory = new InMemoryMessageStore();
  private final AtomicBoolean storeDown = new AtomicBoolean();
  private final AtomicInteger storeReads = new AtomicInteger();
  private final MessageStore store =
      new MessageStore() {
        @Override
        public List<ChatMessage> records(long roomId, long afterSeq, int limit) {
          storeReads.incrementAndGet();
          if (storeDown.get()) {
            throw new ChatUnavailableException("store down");
          }
          return memory.records(roomId, afterSeq, limit);
        }

        @Override
        public Optional<ChatMessage> findById(long roomId, String messageId) {
          throw new UnsupportedOperationException();
        }

        @Override
        public long eraseSender(String sender) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int storeAll(List<ChatMessage> messages) {
          return memory.storeAll(messages);
        }

        @Override
        public HistoryPage page(long roomId, HistoryQuery query) {
          throw new UnsupportedOperationException("since() reads records, not history pages");
        }

        @Override
        public Optional<ChatMessage> findByClientMsgId(long roomId, String clientMsgId) {
          return memory.findByClientMsgId(roomId, clientMsgId);
        }
      };
  private final List<ChatMessage> log = new ArrayList<>();
  private final List<Long> logReadsFrom = new ArrayList<>();
  private long storedBelow;
  private final ClientMsgIds ids = new ClientMsgIds(100, (roomId, key) -> Optional.empty());
  private final StoreLookups outages = new StoreLookups(store, "test", Duration.ofSeconds(4));
  private final StoreThenLog since =
      StoreThenLog.of(
          store,
          new StoreThenLog.Log() {
            @Override
            public long storedBelow(long roomId) {
              return storedBelow;
            }

            @Override
            public List<ChatMessage> read(
                long roomId, long fromSeq, int max, Predicate<ChatMessage> keep) {
              logReadsFrom.add(fromSeq);
              List<ChatMessage> found = new ArrayList<>();
              for (ChatMessage m : log) {
                if (m.seq() >= fromSeq && found.size() < max && keep.test(m)) {
                  found.add(m);
                }
              }
              return found;
            }
          },
          ids,
          outages);

  @AfterEach
  void close() {
    outages.close();
  }

  /** Messages 1..n in the log, 1..stored-1 also in the store. */
  private List<ChatMessage> logOf(int n, long stored) {
    for (long seq = 1; seq <= n; seq++) {
      ChatMessage m = stored(ROOM, seq, "m" + seq);
      log.add(m);
      ids.firstInLog(m);
      if (seq < stored) {
        memory.storeAll(List.of(m));
      }
    }
    storedBelow = stored;
    return List.copyOf(log);
  }

  @Test
  void theStoredPartComesFromTheStoreAndTheRestFromTheLog() {
    List<ChatMessage> all = logOf(8, 6);
    assertThat(since.since(ROOM, 0, 100)).containsExactlyElementsOf(all);
    assertThat(logReadsFrom).containsExactly(6L);
    assertThat(since.since(ROOM, 2, 100)).containsExactlyElementsOf(all.subList(2, 8));
    assertThat(since.since(ROOM, 6, 100)).containsExactlyElementsOf(all.subList(6, 8));
  }

  @Test
  void aMessageTheStoreHasBeyondTheMarkIsTakenFromTheLogOnce() {
    List<ChatMessage> all = logOf(8, 6);
    memory.storeAll(List.of(all.get(6))); // stored, but the persisters did not commit it yet
    assertThat(since.since(ROOM, 0, 100)).containsExactlyElementsOf(all);
  }

  @Test
  void limitsAndBoundsAreRespected() {
    List<ChatMessage> all = logOf(8, 4);
    assertThat(since.since(ROOM, 0, 2)).containsExactlyElementsOf(all.subList(0, 2));
    assertThat(since.since(ROOM, 0, 5)).containsExactlyElementsOf(all.subList(0, 5));
    assertThat(since.since(ROOM, 8, 5)).isEmpty();
    assertThat(since.since(ROOM, Long.MAX_VALUE, 5)).isEmpty();
    assertThat(since.since(ROOM, 0, HistoryQuery.MAX_LIMIT + 1)).hasSize(8);
    assertThatThrownBy(() -> since.since(ROOM, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRecordRepeatingAnEarlierClientMsgIdIsLeftOut() {
    List<ChatMessage> all = logOf(5, 3);
    ChatMessage original = all.get(3);
    ChatMessage repeated =
        new ChatMessage(
            "again",
            ROOM,
            6,
            original.sender(),
            original.content(),
            original.type(),
            original.timestamp(),
            original.clientMsgId());
    ids.firstInLog(repeated);
    log.add(repeated);
    ChatMessage repeatsStored =
        new ChatMessage(
            "again-2",
            ROOM,
            7,
            "alice",
            "x",
            original.type(),
            original.timestamp(),
            all.get(0).clientMsgId());
    log.add(repeatsStored); // beyond the window's knowledge, but already returned from the store
    assertThat(since.since(ROOM, 0, 100)).containsExactlyElementsOf(all);
  }

  @Test
  void whenTheStoreFailsEverythingComesFromTheLogAndTheStoreIsSkippedForAWhile() {
    List<ChatMessage> all = logOf(8, 6);
    storeDown.set(true);
    assertThat(since.since(ROOM, 2, 100)).containsExactlyElementsOf(all.subList(2, 8));
    assertThat(logReadsFrom).containsExactly(3L);
    int reads = storeReads.get();
    storeDown.set(false);
    assertThat(since.since(ROOM, 0, 100)).containsExactlyElementsOf(all);
    assertThat(storeReads.get()).isEqualTo(reads);
    assertThat(outages.storeRecentlyFailed()).isTrue();
  }

  @Test
  void aBusWithoutALogOfItsOwnReadsTheStoreAndReportsItsFailures() {
    StoreThenLog storeOnly = StoreThenLog.storeOnly(store);
    List<ChatMessage> all = logOf(8, 9);
    assertThat(storeOnly.since(ROOM, 3, 100)).containsExactlyElementsOf(all.subList(3, 8));
    assertThat(storeOnly.since(ROOM, 3, 2)).containsExactlyElementsOf(all.subList(3, 5));
    assertThat(logReadsFrom).isEmpty();
    storeDown.set(true);
    assertThatThrownBy(() -> storeOnly.since(ROOM, 0, 10))
        .isInstanceOf(ChatUnavailableException.class);
  }

  @Test
  void changeRecordsComeFromTheStoreAndFromTheLogWithTheMessages() {
    List<ChatMessage> all = logOf(3, 4);
    ChatMessage storedEdit = TestChanges.edit(ROOM, "alice", all.get(0).id(), "edited").withSeq(4);
    ChatMessage loggedDelete = TestChanges.delete(ROOM, "alice", all.get(1).id()).withSeq(5);
    memory.storeAll(List.of(storedEdit));
    log.add(storedEdit);
    log.add(loggedDelete);
    storedBelow = 5;
    List<ChatMessage> records = since.since(ROOM, 0, 100);
    assertThat(records).extracting(ChatMessage::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(records.get(0).content()).as("in its current state").isEqualTo("edited");
    assertThat(records.subList(3, 5)).containsExactly(storedEdit, loggedDelete);
    assertThat(logReadsFrom).containsExactly(5L);
  }
}
