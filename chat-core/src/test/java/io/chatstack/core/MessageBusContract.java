package io.chatstack.core;

import static io.chatstack.core.TestMessages.draft;
import static io.chatstack.core.TestMessages.freshRoomId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compatibility kit for {@link MessageBus}: ordering, seq, idempotence, recovery, fan-out and
 * concurrency. Every implementation passes it with a tiny subclass.
 *
 * <p>Use it like {@link MessageStoreContract}: depend on chat-core's test-jar and override {@link
 * #createStore()} and {@link #createBus(MessageStore)} in a subclass. The kit closes the bus after
 * each test; close anything else they start (a store's client) in an {@code @AfterEach} of your
 * own.
 */
public abstract class MessageBusContract {
  /** How long asynchronous buses may take to deliver or persist. */
  protected static final Duration WAIT = Duration.ofSeconds(60);

  protected MessageStore store;
  protected MessageBus bus;

  /** A fresh, empty-or-shared store for one test. */
  protected abstract MessageStore createStore();

  /** A started bus writing to {@code store}. */
  protected abstract MessageBus createBus(MessageStore store);

  @BeforeEach
  void startBus() {
    store = createStore();
    bus = createBus(store);
  }

  @AfterEach
  void closeBus() {
    bus.close();
  }

  private ChatMessage publish(ChatMessage m) {
    return bus.publish(m).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  private List<ChatMessage> collect(long roomId) {
    List<ChatMessage> received = new CopyOnWriteArrayList<>();
    bus.subscribe(roomId, received::add);
    return received;
  }

  @Test
  void publishAssignsStrictlyIncreasingSeqPerRoom() {
    long roomId = freshRoomId();
    List<ChatMessage> acked = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ChatMessage sent = draft(roomId, "alice", "m" + i);
      ChatMessage ack = publish(sent);
      assertThat(ack).isEqualTo(sent.withSeq(ack.seq()));
      acked.add(ack);
    }
    assertThat(acked)
        .extracting(ChatMessage::seq)
        .isSorted()
        .doesNotHaveDuplicates()
        .allMatch(s -> s >= 0);
  }

  @Test
  void subscribersReceiveEveryMessageInSeqOrder() {
    long roomId = freshRoomId();
    List<ChatMessage> first = collect(roomId);
    List<ChatMessage> second = collect(roomId);
    List<ChatMessage> acked = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      acked.add(publish(draft(roomId, "alice", "m" + i)));
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(first).containsExactlyElementsOf(acked);
              assertThat(second).containsExactlyElementsOf(acked);
            });
  }

  @Test
  void closedSubscriptionStopsDelivery() {
    long roomId = freshRoomId();
    List<ChatMessage> kept = collect(roomId);
    List<ChatMessage> dropped = new CopyOnWriteArrayList<>();
    Subscription subscription = bus.subscribe(roomId, dropped::add);
    ChatMessage before = publish(draft(roomId, "alice", "before"));
    await().atMost(WAIT).until(() -> dropped.size() == 1);
    subscription.close();
    ChatMessage after = publish(draft(roomId, "alice", "after"));
    await().atMost(WAIT).untilAsserted(() -> assertThat(kept).containsExactly(before, after));
    assertThat(dropped).containsExactly(before);
  }

  /**
   * A listener registered while a record is being delivered either gets that record or finds it
   * delivered to every earlier listener when its registration returns (what a replay from a node's
   * history tail relies on). The first listener holds the delivery up until the registration is
   * under way.
   */
  @Test
  void aListenerRegisteredDuringADeliveryGetsTheRecordOrFindsItWithEveryEarlierListener()
      throws Exception {
    long roomId = freshRoomId();
    CountDownLatch delivering = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    bus.subscribe(
        roomId,
        m -> {
          delivering.countDown();
          try {
            release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    List<ChatMessage> earlier = collect(roomId);
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try {
      Future<ChatMessage> sent = sender.submit(() -> publish(draft(roomId, "alice", "held")));
      assertThat(delivering.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      List<ChatMessage> later = new CopyOnWriteArrayList<>();
      List<ChatMessage> earlierWhenRegistered = new CopyOnWriteArrayList<>();
      Thread registering =
          new Thread(
              () -> {
                bus.subscribe(roomId, later::add);
                earlierWhenRegistered.addAll(earlier);
              });
      registering.start();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !registering.isAlive()
                      || registering.getState() == Thread.State.BLOCKED
                      || registering.getState() == Thread.State.WAITING);
      release.countDown();
      registering.join(WAIT.toMillis());
      ChatMessage held = sent.get(WAIT.toSeconds(), TimeUnit.SECONDS);
      ChatMessage next = publish(draft(roomId, "alice", "next"));
      await().atMost(WAIT).untilAsserted(() -> assertThat(later).endsWith(next));
      assertThat(earlierWhenRegistered.contains(held) || later.contains(held))
          .as("the held record reached the new listener or every earlier one before it registered")
          .isTrue();
    } finally {
      release.countDown();
      sender.shutdownNow();
    }
  }

  @Test
  void roomsAreIsolated() {
    long a = freshRoomId();
    long b = freshRoomId();
    List<ChatMessage> inA = collect(a);
    List<ChatMessage> inB = collect(b);
    ChatMessage toA = publish(draft(a, "alice", "for a"));
    ChatMessage toB = publish(draft(b, "bob", "for b"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(inA).containsExactly(toA);
              assertThat(inB).containsExactly(toB);
            });
  }

  @Test
  void publishingTheSameClientMsgIdTwiceStoresAndDeliversOnce() {
    long roomId = freshRoomId();
    List<ChatMessage> received = collect(roomId);
    ChatMessage original = publish(draft(roomId, "alice", "hello", "key-1"));
    ChatMessage retry = publish(draft(roomId, "alice", "hello", "key-1"));
    ChatMessage next = publish(draft(roomId, "alice", "next"));
    assertThat(retry.id()).isEqualTo(original.id());
    assertThat(retry.seq()).isEqualTo(original.seq());
    await().atMost(WAIT).untilAsserted(() -> assertThat(received).containsExactly(original, next));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(store.page(roomId, HistoryQuery.latest(10)).messages())
                    .containsExactly(original, next));
  }

  @Test
  void sinceReturnsEverythingAfterASeqAndRespectsTheLimit() {
    long roomId = freshRoomId();
    List<ChatMessage> acked = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      acked.add(publish(draft(roomId, "alice", "m" + i)));
    }
    assertThat(bus.since(roomId, acked.get(9).seq(), 100))
        .containsExactlyElementsOf(acked.subList(10, 30));
    assertThat(bus.since(roomId, acked.get(9).seq(), 5))
        .containsExactlyElementsOf(acked.subList(10, 15));
    assertThat(bus.since(roomId, -1, 1000)).containsExactlyElementsOf(acked);
    assertThat(bus.since(roomId, acked.get(29).seq(), 10)).isEmpty();
  }

  @Test
  void withinLogKeepsASeqTheLogReachedAndLowersOneItHasNot() {
    long roomId = freshRoomId();
    ChatMessage first = publish(draft(roomId, "alice", "first"));
    ChatMessage last = publish(draft(roomId, "alice", "last"));
    assertThat(bus.withinLog(roomId, first.seq())).isEqualTo(first.seq());
    assertThat(bus.withinLog(roomId, last.seq())).isEqualTo(last.seq());
    assertThat(bus.withinLog(roomId, -1)).isEqualTo(-1);

    long ahead = last.seq() + 1_000;
    long within = bus.withinLog(roomId, ahead);
    assertThat(within).isGreaterThanOrEqualTo(last.seq()).isLessThan(ahead);
    // Whatever is published next comes after it: a replay from it misses nothing new.
    assertThat(publish(draft(roomId, "alice", "next")).seq()).isGreaterThan(within);
  }

  @Test
  void everyAcknowledgedMessageReachesTheStore() {
    long roomId = freshRoomId();
    List<ChatMessage> acked = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      acked.add(publish(draft(roomId, "alice", "m" + i)));
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(store.page(roomId, HistoryQuery.latest(100)).messages())
                    .containsExactlyElementsOf(acked));
  }

  @Test
  void historyIsReadFromTheStoreTheBusOwns() {
    long roomId = freshRoomId();
    List<ChatMessage> acked = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      acked.add(publish(draft(roomId, "alice", "m" + i)));
    }
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(bus.history(roomId, HistoryQuery.latest(3)))
                    .isEqualTo(new HistoryPage(acked.subList(2, 5), true)));
    assertThat(bus.history(roomId, HistoryQuery.before(acked.get(2).seq(), 10)))
        .isEqualTo(store.page(roomId, HistoryQuery.before(acked.get(2).seq(), 10)));
  }

  @Test
  void concurrentSendersToManyRoomsLoseNothingAndKeepPerRoomOrder() throws Exception {
    int threads = 8;
    int perRoom = 40;
    List<Long> rooms = List.of(freshRoomId(), freshRoomId(), freshRoomId(), freshRoomId());
    Map<Long, List<ChatMessage>> received = new ConcurrentHashMap<>();
    rooms.forEach(r -> received.put(r, collect(r)));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<ChatMessage>>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String sender = "sender-" + t;
      futures.add(
          pool.submit(
              () -> {
                start.await();
                List<ChatMessage> mine = new ArrayList<>();
                for (int i = 0; i < perRoom; i++) {
                  for (long room : rooms) {
                    mine.add(publish(draft(room, sender, sender + ":" + i)));
                  }
                }
                return mine;
              }));
    }
    start.countDown();
    List<ChatMessage> acked = new ArrayList<>();
    for (Future<List<ChatMessage>> f : futures) {
      acked.addAll(f.get(5, TimeUnit.MINUTES));
    }
    pool.shutdown();
    assertThat(acked).hasSize(threads * perRoom * rooms.size());
    for (long room : rooms) {
      List<ChatMessage> expected =
          new ArrayList<>(acked.stream().filter(m -> m.roomId() == room).toList());
      expected.sort((x, y) -> Long.compare(x.seq(), y.seq()));
      assertThat(expected).extracting(ChatMessage::seq).doesNotHaveDuplicates();
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertThat(received.get(room)).containsExactlyElementsOf(expected));
      for (int t = 0; t < threads; t++) {
        String sender = "sender-" + t;
        List<String> inOrder =
            received.get(room).stream()
                .filter(m -> m.sender().equals(sender))
                .map(ChatMessage::content)
                .toList();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < perRoom; i++) {
          sent.add(sender + ":" + i);
        }
        assertThat(inOrder).containsExactlyElementsOf(sent);
      }
    }
  }

  @Test
  void roomEventsReachSubscribers() {
    List<RoomEvent> events = Collections.synchronizedList(new ArrayList<>());
    bus.subscribeRoomEvents(events::add);
    Room room =
        new Room(
            freshRoomId(),
            "general",
            "alice",
            java.time.Instant.parse("2026-01-01T00:00:00Z"),
            java.util.Set.of("alice"));
    RoomEvent event = new RoomEvent(RoomEvent.Kind.CREATED, room.summary(), "alice");
    bus.publishRoomEvent(event).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    await().atMost(WAIT).untilAsserted(() -> assertThat(events).contains(event));
  }

  @Test
  void findAnswersWithAMessageOfTheRoomAtOnceButNeverWithAChangeRecord() {
    long roomId = freshRoomId();
    ChatMessage sent = publish(draft(roomId, "alice", "hi"));
    assertThat(bus.find(roomId, sent.id())).as("right after the publish").contains(sent);
    assertThat(bus.find(freshRoomId(), sent.id())).isEmpty();
    assertThat(bus.find(roomId, "no-such-id")).isEmpty();
    ChatMessage edit = publish(TestChanges.edit(roomId, "alice", sent.id(), "hi!"));
    assertThat(bus.find(roomId, edit.id())).isEmpty();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(bus.find(roomId, sent.id()))
                    .hasValueSatisfying(m -> assertThat(m.content()).isEqualTo("hi!")));
    assertThat(bus.find(roomId, edit.id())).as("stored").isEmpty();
  }

  @Test
  void sinceReplaysChangeRecordsAndHistoryListsMessagesInTheirCurrentState() {
    long roomId = freshRoomId();
    ChatMessage sent = publish(draft(roomId, "alice", "hi"));
    ChatMessage edit = publish(TestChanges.edit(roomId, "alice", sent.id(), "hi!"));
    ChatMessage reaction = publish(TestChanges.reaction(roomId, "bob", sent.id(), "👍", true));
    ChatMessage other = publish(draft(roomId, "bob", "next"));
    assertThat(bus.since(roomId, -1, 100))
        .as("at once, stored or not")
        .extracting(ChatMessage::id)
        .containsExactly(sent.id(), edit.id(), reaction.id(), other.id());
    assertThat(bus.since(roomId, sent.seq(), 100)).containsExactly(edit, reaction, other);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(bus.history(roomId, HistoryQuery.latest(10)).messages())
                    .extracting(ChatMessage::id, ChatMessage::content, ChatMessage::lastChangeSeq)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(sent.id(), "hi!", reaction.seq()),
                        org.assertj.core.groups.Tuple.tuple(other.id(), "next", 0L)));
    List<ChatMessage> replay = bus.since(roomId, -1, 100);
    assertThat(replay).endsWith(edit, reaction, other);
    assertThat(RoomView.of(replay).messages())
        .isEqualTo(bus.history(roomId, HistoryQuery.latest(10)).messages());
  }

  @Test
  void eraseSenderTurnsWhatTheSenderWroteIntoTombstonesAlsoJustAfterSending() {
    long roomId = freshRoomId();
    ChatMessage mine = publish(draft(roomId, "alice", "secret"));
    ChatMessage theirs = publish(draft(roomId, "bob", "public"));
    ChatMessage edit = publish(TestChanges.edit(roomId, "alice", mine.id(), "secret edit"));
    long other = freshRoomId();
    publish(draft(other, "alice", "secret elsewhere"));
    assertThat(bus.eraseSender("alice")).isEqualTo(2);
    assertThat(bus.history(roomId, HistoryQuery.latest(10)).messages())
        .extracting(ChatMessage::id, ChatMessage::content, ChatMessage::deleted)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(mine.id(), "", true),
            org.assertj.core.groups.Tuple.tuple(theirs.id(), "public", false));
    assertThat(bus.since(roomId, -1, 100))
        .extracting(ChatMessage::id)
        .containsExactly(mine.id(), theirs.id(), edit.id());
    assertThat(bus.since(roomId, -1, 100)).noneMatch(m -> m.content().contains("secret"));
    assertThat(bus.since(other, -1, 100)).singleElement().matches(ChatMessage::deleted);
    assertThat(bus.eraseSender("alice")).isZero();
  }
}
