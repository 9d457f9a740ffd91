package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ForwardingMessageBus;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageStore;
import io.chatstack.core.TestChanges;
import io.chatstack.core.TestMessages;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-room history tails against the store they stand in for, over the in-memory bus. */
class RoomTailsTest {
  private final CountingStore store = new CountingStore();
  private final MessageBus bus = new InMemoryMessageBus(store);
  private final AtomicLong clock = new AtomicLong();
  private final List<RoomTails> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(RoomTails::close);
    bus.close();
  }

  private RoomTails tails(int perRoom, long maxBytes) {
    return tails(bus, perRoom, maxBytes, Duration.ofSeconds(5));
  }

  /** Tails over {@code on} (max age 1 minute, this test's clock), closed after the test. */
  private RoomTails tails(MessageBus on, int perRoom, long maxBytes, Duration loadWait) {
    RoomTails tails =
        new RoomTails(on, perRoom, maxBytes, Duration.ofMinutes(1), loadWait, clock::get);
    opened.add(tails);
    return tails;
  }

  private ChatMessage send(long roomId, String content) {
    return bus.publish(TestMessages.draft(roomId, "alice", content)).join();
  }

  private ChatMessage publish(ChatMessage draft) {
    return bus.publish(draft).join();
  }

  @Test
  void theLatestPageIsReadFromTheStoreOnceThenFromTheTailWithNewMessages() {
    long room = TestMessages.freshRoomId();
    for (int i = 0; i < 30; i++) {
      send(room, "m" + i);
    }
    RoomTails tails = tails(100, 1 << 20);

    assertThat(tails.page(room, HistoryQuery.latest(20)))
        .contains(bus.history(room, HistoryQuery.latest(20)));
    int storeReads = store.reads.get();
    send(room, "new");

    for (int i = 0; i < 5; i++) {
      HistoryPage page = tails.page(room, HistoryQuery.latest(20)).orElseThrow();
      assertThat(page.messages()).last().extracting(ChatMessage::content).isEqualTo("new");
    }
    assertThat(store.reads.get()).as("store reads after the load").isEqualTo(storeReads);
    assertThat(tails.loads()).isEqualTo(1);
    assertThat(tails.hits()).isEqualTo(6);
  }

  @Test
  void pagesAndReplaysEqualTheStoresAfterEditsDeletesAndReactions() {
    long room = TestMessages.freshRoomId();
    Random random = new Random(42);
    List<ChatMessage> sent = new ArrayList<>();
    RoomTails tails = tails(1000, 1 << 24);
    for (int i = 0; i < 300; i++) {
      if (i == 40) {
        tails.page(room, HistoryQuery.latest(10)); // load part-way: the rest arrives live
      }
      int action = sent.isEmpty() ? 0 : random.nextInt(6);
      ChatMessage target = sent.isEmpty() ? null : sent.get(random.nextInt(sent.size()));
      switch (action) {
        case 0, 1 -> sent.add(send(room, "m" + i));
        case 2 -> publish(TestChanges.edit(room, "alice", target.id(), "edited " + i));
        case 3 -> {
          if (random.nextInt(4) == 0) {
            publish(TestChanges.delete(room, "alice", target.id()));
          }
        }
        default ->
            publish(
                TestChanges.reaction(
                    room,
                    "u" + random.nextInt(5),
                    target.id(),
                    "e" + random.nextInt(2),
                    random.nextBoolean()));
      }
    }
    for (int limit : new int[] {1, 7, 50, 1000}) {
      assertThat(tails.page(room, HistoryQuery.latest(limit)))
          .contains(bus.history(room, HistoryQuery.latest(limit)));
    }
    long middle = sent.get(sent.size() / 2).seq();
    assertThat(tails.page(room, HistoryQuery.before(middle, 25)))
        .contains(bus.history(room, HistoryQuery.before(middle, 25)));
    assertThat(tails.page(room, HistoryQuery.after(middle, 25)))
        .contains(bus.history(room, HistoryQuery.after(middle, 25)));
    assertThat(tails.since(room, middle, 100)).contains(bus.since(room, middle, 100));
    assertThat(tails.since(room, -1, 1000)).contains(bus.since(room, -1, 1000));
  }

  @Test
  void aQuestionReachingBelowTheTailIsLeftToTheStore() {
    long room = TestMessages.freshRoomId();
    List<ChatMessage> sent = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sent.add(send(room, "m" + i));
    }
    RoomTails tails = tails(10, 1 << 20);

    assertThat(tails.page(room, HistoryQuery.latest(10)))
        .contains(bus.history(room, HistoryQuery.latest(10)));
    assertThat(tails.page(room, HistoryQuery.latest(11))).isEmpty();
    assertThat(tails.page(room, HistoryQuery.before(sent.get(25).seq(), 10))).isEmpty();
    assertThat(tails.page(room, HistoryQuery.after(sent.get(5).seq(), 5))).isEmpty();
    assertThat(tails.since(room, sent.get(5).seq(), 100)).isEmpty();
    assertThat(tails.since(room, sent.get(19).seq(), 100))
        .contains(bus.since(room, sent.get(19).seq(), 100));
    assertThat(tails.since(room, sent.get(18).seq(), 100)).as("m19 is below the tail").isEmpty();
    assertThat(tails.page(room, HistoryQuery.after(sent.get(19).seq(), 3)))
        .contains(bus.history(room, HistoryQuery.after(sent.get(19).seq(), 3)));
    ChatMessage newest = send(room, "m30");
    assertThat(tails.page(room, HistoryQuery.latest(10)).orElseThrow().messages())
        .last()
        .isEqualTo(newest);
    assertThat(tails.since(room, sent.get(20).seq(), 100))
        .contains(bus.since(room, sent.get(20).seq(), 100));
    assertThat(tails.since(room, sent.get(19).seq(), 100)).as("m20 left the tail").isEmpty();
    assertThat(tails.misses()).isEqualTo(6);
    assertThat(tails.hits()).isEqualTo(5);
  }

  @Test
  void aRoomSmallerThanTheTailAnswersEveryPageWithoutMore() {
    long room = TestMessages.freshRoomId();
    send(room, "only");
    RoomTails tails = tails(10, 1 << 20);

    HistoryPage page = tails.page(room, HistoryQuery.latest(5)).orElseThrow();
    assertThat(page.hasMore()).isFalse();
    assertThat(page.messages()).extracting(ChatMessage::content).containsExactly("only");
    assertThat(tails.page(room, HistoryQuery.after(-1, 5))).contains(page);
    assertThat(tails.page(room, HistoryQuery.latest(1000)))
        .as("more than the tail holds, but the whole room")
        .contains(page);
    assertThat(tails.page(TestMessages.freshRoomId(), HistoryQuery.latest(5)))
        .contains(new HistoryPage(List.of(), false));
  }

  @Test
  void theByteBoundDropsTheLeastRecentlyReadRooms() {
    long a = TestMessages.freshRoomId();
    long b = TestMessages.freshRoomId();
    long c = TestMessages.freshRoomId();
    for (long room : new long[] {a, b, c}) {
      for (int i = 0; i < 10; i++) {
        send(room, "x".repeat(100));
      }
    }
    long oneRoom = RoomTails.ROOM_OVERHEAD + 10 * RoomTails.size(send(a, "x".repeat(100)));
    RoomTails tails = tails(10, 2 * oneRoom + oneRoom / 2);

    tails.page(a, HistoryQuery.latest(5));
    tails.page(b, HistoryQuery.latest(5));
    tails.page(a, HistoryQuery.latest(5)); // b is now the least recently read
    tails.page(c, HistoryQuery.latest(5));

    assertThat(tails.rooms()).isEqualTo(2);
    assertThat(tails.evictions()).isEqualTo(1);
    assertThat(tails.bytes()).isLessThanOrEqualTo(2 * oneRoom + oneRoom / 2);
    long loads = tails.loads();
    tails.page(a, HistoryQuery.latest(5));
    assertThat(tails.loads()).as("a stayed").isEqualTo(loads);
    tails.page(b, HistoryQuery.latest(5));
    assertThat(tails.loads()).as("b was dropped").isEqualTo(loads + 1);
  }

  @Test
  void aTailIsLoadedAgainAfterItsMaxAgeSoThatStoreOnlyChangesReachIt() {
    long room = TestMessages.freshRoomId();
    send(room, "secret");
    RoomTails tails = tails(10, 1 << 20);
    tails.page(room, HistoryQuery.latest(5));

    store.eraseSender("alice"); // as another node's erasure would
    assertThat(tails.page(room, HistoryQuery.latest(5)).orElseThrow().messages().get(0).content())
        .isEqualTo("secret");
    clock.addAndGet(Duration.ofMinutes(1).plusNanos(1).toNanos());

    assertThat(tails.page(room, HistoryQuery.latest(5)).orElseThrow().messages().get(0).deleted())
        .isTrue();
    assertThat(tails.loads()).isEqualTo(2);
  }

  @Test
  void aReactionThatCannotBeAppliedExactlyDropsTheTail() {
    long room = TestMessages.freshRoomId();
    ChatMessage target = send(room, "popular");
    for (int i = 0; i < 25; i++) {
      publish(TestChanges.reaction(room, "u" + i, target.id(), "+1", true));
    }
    RoomTails tails = tails(100, 1 << 20);
    assertThat(tails.page(room, HistoryQuery.latest(5)))
        .as("load: 25 users, 20 listed")
        .isPresent();

    publish(TestChanges.reaction(room, "u3", target.id(), "+1", false));

    assertThat(tails.rooms()).isZero();
    assertThat(tails.bytes()).isZero();
    HistoryPage fromStore = bus.history(room, HistoryQuery.latest(5));
    assertThat(fromStore.messages().get(0).reactions().get("+1").count()).isEqualTo(24);
  }

  @Test
  void recordsArrivingWhileTheTailLoadsEnterItOnce() {
    long room = TestMessages.freshRoomId();
    send(room, "before");
    AtomicInteger histories = new AtomicInteger();
    MessageBus racing =
        new ForwardingMessageBus(bus) {
          @Override
          public HistoryPage history(long roomId, HistoryQuery query) {
            if (histories.getAndIncrement() == 0) {
              send(room, "during"); // after the tail subscribed, before it read the store
            }
            return super.history(roomId, query);
          }
        };
    RoomTails tails = tails(racing, 10, 1 << 20, Duration.ofSeconds(5));

    assertThat(tails.page(room, HistoryQuery.latest(10)).orElseThrow().messages())
        .extracting(ChatMessage::content)
        .containsExactly("before", "during");
    assertThat(tails.since(room, -1, 10).orElseThrow()).hasSize(2);
  }

  @Test
  void offTailsAnswerNothingAndReadNothing() {
    long room = TestMessages.freshRoomId();
    send(room, "m");
    RoomTails tails = tails(0, 1 << 20);
    int reads = store.reads.get();

    assertThat(tails.page(room, HistoryQuery.latest(1))).isEmpty();
    assertThat(tails.since(room, -1, 1)).isEmpty();
    assertThat(store.reads.get()).isEqualTo(reads);
  }

  @Test
  void forgettingAndClosingEndTheSubscriptions() {
    long room = TestMessages.freshRoomId();
    send(room, "m");
    CountingBus counting = new CountingBus(bus);
    RoomTails tails = tails(counting, 10, 1 << 20, Duration.ofSeconds(5));
    tails.page(room, HistoryQuery.latest(1));
    tails.page(TestMessages.freshRoomId(), HistoryQuery.latest(1));
    assertThat(counting.open).hasValue(2);

    tails.forget(room);
    assertThat(counting.open).hasValue(1);
    assertThat(tails.rooms()).isEqualTo(1);
    tails.close();
    assertThat(counting.open).hasValue(0);
    assertThat(tails.bytes()).isZero();
    assertThat(tails.page(room, HistoryQuery.latest(1))).isEmpty();
  }

  @Test
  void theSizeEstimateCountsStringsMetadataAndReactions() {
    ChatMessage m =
        new ChatMessage(
            "id",
            1,
            5,
            "bob",
            "hello",
            io.chatstack.core.MessageType.CHAT,
            java.time.Instant.EPOCH,
            "cid",
            "t12",
            "r1234",
            java.util.Map.of("k", "v"),
            Optional.empty(),
            false,
            java.util.Map.of("+1", new io.chatstack.core.Reaction(2, List.of("ann", "bo"))),
            0);
    // 240 + 2 × 21 chars; metadata 64 + 2 × "{k=v}"; emoji 64 + 2 × 2; users 48 + 2 × 3, 48 + 2 × 2
    assertThat(RoomTails.size(m)).isEqualTo(282 + 74 + 68 + 54 + 52);
  }

  @Test
  void theTotalSizeIsTheRoomOverheadPlusItsRecordsAndFollowsTheLiveStream() {
    long room = TestMessages.freshRoomId();
    for (int i = 0; i < 3; i++) {
      send(room, "m" + i);
    }
    RoomTails tails = tails(4, 1 << 20);
    tails.page(room, HistoryQuery.latest(4));
    long expected = RoomTails.ROOM_OVERHEAD;
    for (ChatMessage m : bus.since(room, -1, 10)) {
      expected += RoomTails.size(m);
    }
    assertThat(tails.bytes()).isEqualTo(expected);

    ChatMessage fourth = send(room, "m3");
    ChatMessage fifth = send(room, "a much longer fifth message");
    List<ChatMessage> kept = bus.since(room, -1, 10).subList(1, 5); // the first left the tail
    long now = RoomTails.ROOM_OVERHEAD;
    for (ChatMessage m : kept) {
      now += RoomTails.size(m);
    }
    assertThat(kept).contains(fourth, fifth);
    assertThat(tails.bytes()).isEqualTo(now);
    ChatMessage edit = publish(TestChanges.edit(room, "alice", fifth.id(), "short"));
    long edited = now - RoomTails.size(kept.get(0)) + RoomTails.size(edit);
    edited += RoomTails.size(bus.history(room, HistoryQuery.latest(1)).messages().get(0));
    edited -= RoomTails.size(fifth);
    assertThat(tails.bytes()).isEqualTo(edited);
  }

  @Test
  void theLiveStreamKeepsTheTailsWithinTheByteBound() {
    long a = TestMessages.freshRoomId();
    long b = TestMessages.freshRoomId();
    send(a, "x");
    send(b, "x");
    long oneMessage = RoomTails.size(send(a, "y"));
    long bound = 2 * RoomTails.ROOM_OVERHEAD + 3 * oneMessage;
    RoomTails tails = tails(100, bound);
    tails.page(a, HistoryQuery.latest(5));
    tails.page(b, HistoryQuery.latest(5));
    assertThat(tails.bytes()).as("exactly at the bound: nothing dropped").isEqualTo(bound);
    assertThat(tails.rooms()).isEqualTo(2);

    send(b, "z"); // b grows beyond the bound: a, read least recently, goes

    assertThat(tails.rooms()).isEqualTo(1);
    assertThat(tails.evictions()).isEqualTo(1);
    assertThat(tails.bytes()).isLessThanOrEqualTo(bound);
    assertThat(tails.page(b, HistoryQuery.latest(5)).orElseThrow().messages()).hasSize(2);
  }

  @Test
  void clearingDropsEveryTailAndTheNextReadLoadsAgain() {
    long room = TestMessages.freshRoomId();
    send(room, "m");
    CountingBus counting = new CountingBus(bus);
    RoomTails tails = tails(counting, 10, 1 << 20, Duration.ofSeconds(5));
    tails.page(room, HistoryQuery.latest(1));

    tails.clear();

    assertThat(tails.rooms()).isZero();
    assertThat(tails.bytes()).isZero();
    assertThat(counting.open).hasValue(0);
    tails.since(room, -1, 10);
    assertThat(tails.loads()).isEqualTo(2);
    assertThat(tails.hits()).isEqualTo(2);
  }

  @Test
  void aTailIsUsedUntilItsMaxAgeAndItsSubscriptionEndsWhenReloaded() {
    long room = TestMessages.freshRoomId();
    send(room, "m");
    CountingBus counting = new CountingBus(bus);
    RoomTails tails = tails(counting, 10, 1 << 20, Duration.ofSeconds(5));
    tails.page(room, HistoryQuery.latest(1));
    clock.addAndGet(Duration.ofMinutes(1).toNanos());
    tails.page(room, HistoryQuery.latest(1));
    assertThat(tails.loads()).as("exactly the max age: still used").isEqualTo(1);

    clock.incrementAndGet();
    tails.page(room, HistoryQuery.latest(1));

    assertThat(tails.loads()).isEqualTo(2);
    assertThat(counting.open).hasValue(1);
  }

  @Test
  void aReaderWaitsForAnotherReadersLoadOfTheSameRoom() throws Exception {
    long room = TestMessages.freshRoomId();
    send(room, "m");
    java.util.concurrent.CountDownLatch loading = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    MessageBus slow =
        new ForwardingMessageBus(bus) {
          @Override
          public HistoryPage history(long roomId, HistoryQuery query) {
            loading.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return super.history(roomId, query);
          }
        };
    RoomTails tails = tails(slow, 10, 1 << 20, Duration.ofSeconds(30));
    java.util.concurrent.CompletableFuture<Optional<HistoryPage>> first =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> tails.page(room, HistoryQuery.latest(1)));
    assertThat(loading.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    java.util.concurrent.CompletableFuture<Optional<HistoryPage>> second =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> tails.page(room, HistoryQuery.latest(1)));
    release.countDown();

    assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS)).isPresent();
    assertThat(second.get(10, java.util.concurrent.TimeUnit.SECONDS)).isPresent();
    assertThat(tails.loads()).isEqualTo(1);
  }

  @Test
  void aFailedLoadLeavesNoTailAndTheStoreIsAsked() {
    long room = TestMessages.freshRoomId();
    send(room, "m");
    MessageBus failing =
        new ForwardingMessageBus(bus) {
          @Override
          public HistoryPage history(long roomId, HistoryQuery query) {
            throw new io.chatstack.core.ChatUnavailableException("store down");
          }
        };
    RoomTails broken = tails(failing, 10, 1 << 20, Duration.ZERO);

    assertThat(broken.page(room, HistoryQuery.latest(1))).isEmpty();
    assertThat(broken.rooms()).isZero();
    assertThat(broken.bytes()).isZero();
    assertThat(broken.misses()).isEqualTo(1);
    assertThat(broken.loads()).isZero();
  }

  /** An in-memory store that counts its reads. */
  static final class CountingStore implements MessageStore {
    final InMemoryMessageStore memory = new InMemoryMessageStore();
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public int storeAll(List<ChatMessage> messages) {
      return memory.storeAll(messages);
    }

    @Override
    public HistoryPage page(long roomId, HistoryQuery query) {
      reads.incrementAndGet();
      return memory.page(roomId, query);
    }

    @Override
    public List<ChatMessage> records(long roomId, long afterSeq, int limit) {
      reads.incrementAndGet();
      return memory.records(roomId, afterSeq, limit);
    }

    @Override
    public Optional<ChatMessage> findById(long roomId, String messageId) {
      return memory.findById(roomId, messageId);
    }

    @Override
    public long eraseSender(String sender) {
      return memory.eraseSender(sender);
    }

    @Override
    public Optional<ChatMessage> findByClientMsgId(long roomId, String clientMsgId) {
      return memory.findByClientMsgId(roomId, clientMsgId);
    }
  }
}
