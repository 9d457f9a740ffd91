package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ReadReceipt;
import io.chatstack.core.Signal;
import io.chatstack.core.SignalSettings;
import io.chatstack.core.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadReceiptsTest {
  private final ReadStateFixture fx = new ReadStateFixture();
  private final List<Signal> seenByProbe = new CopyOnWriteArrayList<>();
  private long room;

  @BeforeEach
  void setUp() {
    room = fx.chat.createRoom("general", "alice").id();
    fx.chat.join(room, "bob");
    for (int i = 0; i < 5; i++) {
      fx.say(room, "alice", "m" + i);
    }
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  /** Subscribed after the services: once it saw a signal, they have handled it. */
  private void probe() {
    fx.signals.subscribe(seenByProbe::add);
  }

  private void publishRead(String user, long seq) {
    int before = seenByProbe.size();
    fx.signals.publish(Signal.of(Signal.Kind.READ, "elsewhere", room, user, seq));
    await().until(() -> seenByProbe.size() > before);
  }

  @Test
  void atMostOneReceiptPerUserPerIntervalAndTheLatestWins() {
    ReadStateService node =
        fx.node(SignalSettings.DEFAULTS.withReceiptInterval(Duration.ofSeconds(1)));
    List<ReadReceipt> receipts = new CopyOnWriteArrayList<>();
    node.subscribeReceipts(room, receipts::add);
    List<ReadReceipt> elsewhere = new CopyOnWriteArrayList<>();
    node.subscribeReceipts(room + 1, elsewhere::add);
    probe();
    node.markRead(room, "bob", 3);
    await().until(() -> receipts.size() == 1);
    publishRead("bob", 4);
    publishRead("bob", 6);
    publishRead("bob", 5);
    publishRead("alice", 6);
    assertThat(receipts)
        .containsExactly(new ReadReceipt(room, "bob", 3), new ReadReceipt(room, "alice", 6));
    fx.clock.advance(Duration.ofMillis(999));
    node.tick();
    assertThat(receipts).hasSize(2);
    fx.clock.advance(Duration.ofMillis(1));
    node.tick();
    assertThat(receipts).hasSize(3).last().isEqualTo(new ReadReceipt(room, "bob", 6));
    fx.clock.advance(Duration.ofSeconds(5));
    node.tick();
    assertThat(receipts).hasSize(3);
    assertThat(elsewhere).isEmpty();
  }

  @Test
  void theTimerTicksThroughTheScheduler() {
    ReadStateService node = fx.node();
    List<ReadReceipt> receipts = new CopyOnWriteArrayList<>();
    node.subscribeReceipts(room, receipts::add);
    probe();
    publishRead("bob", 3);
    publishRead("bob", 4);
    fx.clock.advance(Duration.ofSeconds(1));
    ReadStateFixture.ManualScheduler scheduler = fx.lastScheduler();
    assertThat(scheduler.periodic).hasSize(1);
    scheduler.periodic.get(0).run();
    assertThat(receipts)
        .containsExactly(new ReadReceipt(room, "bob", 3), new ReadReceipt(room, "bob", 4));
  }

  @Test
  void aClosedReceiptSubscriptionGetsNothingMore() {
    ReadStateService node = fx.node();
    List<ReadReceipt> receipts = new CopyOnWriteArrayList<>();
    List<ReadReceipt> other = new CopyOnWriteArrayList<>();
    Subscription subscription = node.subscribeReceipts(room, receipts::add);
    node.subscribeReceipts(room, other::add);
    probe();
    publishRead("bob", 3);
    subscription.close();
    publishRead("alice", 3);
    assertThat(receipts).containsExactly(new ReadReceipt(room, "bob", 3));
    assertThat(other).hasSize(2);
  }

  @Test
  void aFailingReceiptListenerDoesNotStopTheOthers() {
    ReadStateService node = fx.node();
    List<ReadReceipt> receipts = new CopyOnWriteArrayList<>();
    node.subscribeReceipts(
        room,
        r -> {
          throw new IllegalStateException("boom");
        });
    node.subscribeReceipts(room, receipts::add);
    probe();
    publishRead("bob", 3);
    assertThat(receipts).containsExactly(new ReadReceipt(room, "bob", 3));
  }

  @Test
  void noReceiptsWhenDisabled() {
    ReadStateService node = fx.node(SignalSettings.DEFAULTS.withReadReceipts(false));
    assertThat(node.receiptsEnabled()).isFalse();
    List<ReadReceipt> receipts = new CopyOnWriteArrayList<>();
    Subscription subscription = node.subscribeReceipts(room, receipts::add);
    probe();
    publishRead("bob", 3);
    node.markRead(room, "bob", 4);
    await().until(() -> seenByProbe.size() == 2);
    fx.clock.advance(Duration.ofSeconds(2));
    node.tick();
    assertThat(receipts).isEmpty();
    subscription.close();
  }
}
