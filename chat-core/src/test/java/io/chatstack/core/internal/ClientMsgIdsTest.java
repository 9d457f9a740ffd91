package io.chatstack.core.internal;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The clientMsgId policy every bus applies (in-memory and Kafka): the window, in-flight sharing,
 * the lookup of older keys and the log's first occurrence as the answer.
 */
class ClientMsgIdsTest {
  private final List<ChatMessage> appended = new ArrayList<>();
  private final List<String> lookedUp = new ArrayList<>();

  private CompletableFuture<ChatMessage> appendAt(ChatMessage m, long seq) {
    appended.add(m);
    return CompletableFuture.completedFuture(m.withSeq(seq));
  }

  private ClientMsgIds withLookup(int window, Optional<ChatMessage> answer) {
    return new ClientMsgIds(
        window,
        (roomId, key) -> {
          lookedUp.add(key);
          return answer;
        });
  }

  private static ChatMessage sameKey(ChatMessage original, long seq) {
    return new ChatMessage(
        "other-id",
        original.roomId(),
        seq,
        "alice",
        original.content(),
        original.type(),
        original.timestamp(),
        original.clientMsgId());
  }

  @Test
  void theFirstOccurrenceOfAClientMsgIdWins() {
    RecentMessages recent = new RecentMessages(10);
    ChatMessage original = stored(1, 5, "hi");
    ChatMessage duplicate = sameKey(original, 9);
    assertThat(recent.firstOccurrence(original)).isSameAs(original);
    assertThat(recent.firstOccurrence(duplicate)).isSameAs(original);
    assertThat(recent.find(1, original.clientMsgId())).contains(original);
    assertThat(recent.find(2, original.clientMsgId())).isEmpty();
  }

  @Test
  void theWindowForgetsTheOldestEntries() {
    RecentMessages recent = new RecentMessages(2);
    ChatMessage a = stored(1, 1, "a");
    recent.firstOccurrence(a);
    recent.firstOccurrence(stored(1, 2, "b"));
    recent.firstOccurrence(stored(1, 3, "c"));
    assertThat(recent.find(1, a.clientMsgId())).isEmpty();
  }

  @Test
  void theLogsReaderKeepsFirstOccurrencesAndDropsLaterOnes() {
    ClientMsgIds ids = withLookup(10, Optional.empty());
    ChatMessage original = stored(1, 5, "hi");
    ChatMessage duplicate = sameKey(original, 9);
    assertThat(ids.notADuplicate(duplicate)).isTrue(); // nothing known yet
    assertThat(ids.firstInLog(original)).isTrue();
    assertThat(ids.firstInLog(duplicate)).isFalse();
    assertThat(ids.notADuplicate(original)).isTrue();
    assertThat(ids.notADuplicate(duplicate)).isFalse();
  }

  @Test
  void aRecordRememberedUnparsedIsParsedOnlyWhenAPublisherAsksForIt() {
    ClientMsgIds ids = withLookup(10, Optional.empty());
    ChatMessage original = stored(1, 5, "hi");
    AtomicInteger parses = new AtomicInteger();
    Supplier<ChatMessage> lazy =
        () -> {
          parses.incrementAndGet();
          return original;
        };
    assertThat(ids.firstInLog(1, original.clientMsgId(), 5, lazy)).isTrue();
    assertThat(ids.firstInLog(1, original.clientMsgId(), 9, () -> null)).isFalse();
    assertThat(ids.notADuplicate(original)).isTrue();
    assertThat(ids.notADuplicate(sameKey(original, 9))).isFalse();
    assertThat(ids.firstInLog(sameKey(original, 11))).isFalse();
    assertThat(parses).hasValue(1); // the parsed record of seq 11 asked who came first
    ChatMessage retry = draft(1, "alice", "hi", original.clientMsgId());
    assertThat(ids.publish(retry, m -> appendAt(m, 6)).join()).isSameAs(original);
    assertThat(appended).isEmpty();
  }

  @Test
  void anAppendAnsweredByItsOwnRecordIsNotParsedAgain() {
    ClientMsgIds ids = withLookup(10, Optional.empty());
    ChatMessage message = draft(1, "alice", "hi", "key-2");
    ChatMessage answer =
        ids.publish(
                message,
                m -> {
                  // The log's reader saw the appended record before the append completed.
                  ids.firstInLog(
                      1,
                      "key-2",
                      7,
                      () -> {
                        throw new AssertionError("the publisher's own record needs no parsing");
                      });
                  return appendAt(m, 7);
                })
            .join();
    assertThat(answer).isEqualTo(message.withSeq(7));
  }

  @Test
  void anUnparsableFirstOccurrenceDoesNotHideAValidRecord() {
    RecentMessages recent = new RecentMessages(10);
    ChatMessage valid = stored(1, 8, "hi");
    recent.firstSeq(1, valid.clientMsgId(), 3, () -> null);
    assertThat(recent.firstOccurrence(valid)).isSameAs(valid);
    assertThat(recent.find(1, valid.clientMsgId())).isEmpty();
    assertThat(recent.firstSeq(1, valid.clientMsgId())).isEqualTo(3);
    assertThat(recent.firstSeq(2, valid.clientMsgId())).isEqualTo(RecentMessages.UNKNOWN);
  }

  @Test
  void aGeneratedKeyIsAppendedWithoutAnyLookup() {
    ClientMsgIds ids = withLookup(10, Optional.empty());
    ChatMessage fresh = draft(1, "alice", "hi", null);
    assertThat(ids.publish(fresh, m -> appendAt(m, 3)).join()).isEqualTo(fresh.withSeq(3));
    assertThat(appended).containsExactly(fresh);
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void aKeyTheLogHasSeenRecentlyIsAnsweredWithTheOriginal() {
    ClientMsgIds ids = withLookup(10, Optional.empty());
    ChatMessage original = stored(1, 5, "hi");
    ids.firstInLog(original);
    ChatMessage retry = draft(1, "alice", "hi", original.clientMsgId());
    assertThat(ids.publish(retry, m -> appendAt(m, 6)).join()).isSameAs(original);
    assertThat(appended).isEmpty();
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void aKeyBeyondTheWindowIsAnsweredByTheLookup() {
    ChatMessage original = stored(1, 5, "hi");
    ClientMsgIds ids = withLookup(10, Optional.of(original));
    ChatMessage retry = draft(1, "alice", "hi", original.clientMsgId());
    assertThat(ids.publish(retry, m -> appendAt(m, 6)).join()).isSameAs(original);
    assertThat(lookedUp).containsExactly(original.clientMsgId());
    assertThat(appended).isEmpty();
  }

  @Test
  void anUnknownKeyIsLookedUpOnceThenAppended() {
    ClientMsgIds ids = withLookup(10, Optional.empty());
    ChatMessage message = draft(1, "alice", "hi", "key-1");
    assertThat(ids.publish(message, m -> appendAt(m, 7)).join()).isEqualTo(message.withSeq(7));
    assertThat(lookedUp).containsExactly("key-1");
    assertThat(appended).containsExactly(message);
  }

  @Test
  void concurrentPublishesOfOneKeyAppendOnceAndShareTheAnswer() {
    ClientMsgIds ids = withLookup(10, Optional.empty());
    CompletableFuture<ChatMessage> log = new CompletableFuture<>();
    ChatMessage first = draft(1, "alice", "hi", "key-1");
    ChatMessage second = draft(1, "alice", "hi", "key-1");
    CompletableFuture<ChatMessage> a =
        ids.publish(
            first,
            m -> {
              appended.add(m);
              return log;
            });
    CompletableFuture<ChatMessage> b = ids.publish(second, m -> appendAt(m, 99));
    assertThat(a).isNotDone();
    assertThat(b).isNotDone();
    log.complete(first.withSeq(4));
    assertThat(a.join()).isEqualTo(first.withSeq(4));
    assertThat(b.join()).isEqualTo(first.withSeq(4));
    assertThat(appended).containsExactly(first);
    assertThat(lookedUp).containsExactly("key-1");
  }

  @Test
  void theAnswerIsTheLogsFirstOccurrenceWhenAnotherNodeRacedTheKeyIn() {
    ClientMsgIds ids = withLookup(10, Optional.empty());
    ChatMessage mine = draft(1, "alice", "hi", "key-1");
    ChatMessage theirs = sameKey(mine.withSeq(3), 3);
    ChatMessage answer =
        ids.publish(
                mine,
                m -> {
                  // The fan-out reads the other node's record first, then ours.
                  ids.firstInLog(theirs);
                  ids.firstInLog(m.withSeq(8));
                  return CompletableFuture.completedFuture(m.withSeq(8));
                })
            .join();
    assertThat(answer).isSameAs(theirs);
  }

  @Test
  void failuresOfTheLookupOrTheAppendFailThePublishAndAreNotRemembered() {
    ClientMsgIds failing =
        new ClientMsgIds(
            10,
            (roomId, key) -> {
              throw new ChatUnavailableException("store down");
            });
    assertThatThrownBy(() -> failing.publish(draft(1, "a", "x", "k"), m -> appendAt(m, 1)).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ChatUnavailableException.class);
    assertThat(appended).isEmpty();

    ClientMsgIds ids = withLookup(10, Optional.empty());
    ChatMessage message = draft(1, "alice", "hi", "key-1");
    assertThatThrownBy(
            () ->
                ids.publish(
                        message,
                        m ->
                            CompletableFuture.failedFuture(
                                new ChatUnavailableException("not acknowledged")))
                    .join())
        .hasCauseInstanceOf(ChatUnavailableException.class);
    assertThatThrownBy(
            () ->
                ids.publish(
                        message,
                        m -> {
                          throw new ChatUnavailableException("producer closed");
                        })
                    .join())
        .hasCauseInstanceOf(ChatUnavailableException.class);
    // Nothing was appended, so a retry is appended now.
    assertThat(ids.publish(message, m -> appendAt(m, 2)).join()).isEqualTo(message.withSeq(2));
  }

  @Test
  void closeFailsThePublishesStillWaiting() {
    ClientMsgIds ids = withLookup(10, Optional.empty());
    CompletableFuture<ChatMessage> waiting =
        ids.publish(draft(1, "alice", "hi", "key-1"), m -> new CompletableFuture<>());
    ids.close(new ChatUnavailableException("closed"));
    assertThatThrownBy(waiting::join).hasCauseInstanceOf(ChatUnavailableException.class);
  }
}
