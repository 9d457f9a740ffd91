package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageStore;
import io.chatstack.core.TestMessages;
import io.chatstack.memory.InMemoryMessageStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link StoreLookups}: answers from the store, and steps aside for a while when it fails. */
class StoreLookupsTest {
  private final InMemoryMessageStore memory = new InMemoryMessageStore();
  private final AtomicInteger asked = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile String behaviour = "answer";
  private final MessageStore store =
      new MessageStore() {
        @Override
        public java.util.List<ChatMessage> records(long roomId, long afterSeq, int limit) {
          throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<ChatMessage> findById(long roomId, String messageId) {
          asked.incrementAndGet();
          if (behaviour.equals("fail")) {
            throw new IllegalStateException("store down");
          }
          return memory.findById(roomId, messageId);
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
          return memory.page(roomId, query);
        }

        @Override
        public Optional<ChatMessage> findByClientMsgId(long roomId, String clientMsgId) {
          asked.incrementAndGet();
          if (behaviour.equals("fail")) {
            throw new IllegalStateException("store down");
          }
          if (behaviour.equals("hang")) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return memory.findByClientMsgId(roomId, clientMsgId);
        }
      };
  private final StoreLookups lookups = new StoreLookups(store, "node", Duration.ofMillis(40));

  @AfterEach
  void close() {
    release.countDown();
    lookups.close();
  }

  @Test
  void aStoredKeyIsFoundAndAnUnknownOneIsNot() {
    ChatMessage stored = TestMessages.draft(1, "alice", "hi", "k1").withSeq(5);
    memory.storeAll(List.of(stored));
    assertThat(lookups.storeRecentlyFailed()).isFalse();
    assertThat(lookups.find(1, "k1")).contains(stored);
    assertThat(lookups.find(1, "k2")).isEmpty();
    assertThat(lookups.find(2, "k1")).isEmpty();
    assertThat(asked).hasValue(3);
  }

  @Test
  void afterAFailedLookupTheStoreIsNotAskedForAWhile() {
    memory.storeAll(List.of(TestMessages.draft(1, "alice", "hi", "k1").withSeq(5)));
    behaviour = "fail";
    assertThat(lookups.find(1, "k1")).isEmpty();
    assertThat(lookups.storeRecentlyFailed()).isTrue();
    behaviour = "answer";
    assertThat(lookups.find(1, "k1")).isEmpty();
    assertThat(asked).hasValue(1);
  }

  @Test
  void aLookupThatTakesTooLongCountsAsAMiss() {
    behaviour = "hang";
    assertThat(lookups.find(1, "k1")).isEmpty();
    assertThat(lookups.storeRecentlyFailed()).isTrue();
  }

  @Test
  void aFailureSeenElsewhereAlsoSkipsLookups() {
    lookups.storeFailed();
    assertThat(lookups.storeRecentlyFailed()).isTrue();
    assertThat(lookups.find(1, "k1")).isEmpty();
    assertThat(asked).hasValue(0);
  }

  @Test
  void aMessageIsFoundByIdAndAStoreThatCannotTellSaysSo() {
    ChatMessage stored = TestMessages.draft(1, "alice", "hi", "k1").withSeq(5);
    memory.storeAll(List.of(stored));
    assertThat(lookups.findById(1, stored.id())).contains(stored);
    assertThat(lookups.findById(1, "nope")).isEmpty();
    assertThat(lookups.findById(2, stored.id())).isEmpty();
    behaviour = "fail";
    assertThatThrownBy(() -> lookups.findById(1, stored.id()))
        .isInstanceOf(ChatUnavailableException.class)
        .hasMessageContaining("cannot tell now whether room 1 has message " + stored.id());
    assertThat(lookups.storeRecentlyFailed()).isTrue();
    behaviour = "answer";
    assertThatThrownBy(() -> lookups.findById(1, stored.id()))
        .as("skipped for a while, like clientMsgId lookups")
        .isInstanceOf(ChatUnavailableException.class);
    assertThat(asked).hasValue(4);
  }
}
