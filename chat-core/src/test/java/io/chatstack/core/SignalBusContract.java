package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compatibility kit for {@link SignalBus}: every node (the sender included) receives every signal
 * published after it subscribed, each field intact, in the sender's order; a closed subscription or
 * bus delivers nothing more; a failing listener harms no other.
 *
 * <p>Use it like {@link MessageBusContract}: depend on chat-core's test-jar and override {@link
 * #createBus()} (and {@link #createPeer()} when the implementation spans processes). The kit closes
 * every bus it created after each test.
 */
public abstract class SignalBusContract {
  /** How long asynchronous buses may take to deliver. */
  protected static final Duration WAIT = Duration.ofSeconds(30);

  private final List<SignalBus> created = new ArrayList<>();
  protected SignalBus bus;

  /** A started bus. */
  protected abstract SignalBus createBus();

  /**
   * Another node's bus on the same medium as {@link #bus}; the default returns {@link #bus} itself
   * (for single-process implementations).
   */
  protected SignalBus createPeer() {
    return bus;
  }

  @BeforeEach
  void startBus() {
    bus = track(createBus());
  }

  @AfterEach
  void closeBuses() {
    created.forEach(SignalBus::close);
  }

  private SignalBus track(SignalBus signalBus) {
    created.add(signalBus);
    return signalBus;
  }

  private static List<Signal> collect(SignalBus signalBus) {
    List<Signal> received = new CopyOnWriteArrayList<>();
    signalBus.subscribe(received::add);
    return received;
  }

  private static Signal typing(String user, long value) {
    return Signal.of(Signal.Kind.TYPING, "node-a", 42, user, value);
  }

  @Test
  void everyFieldOfEveryKindArrivesIntact() {
    List<Signal> received = collect(bus);
    List<Signal> sent = new ArrayList<>();
    sent.add(new Signal(Signal.Kind.LEASE, "node-a", 0, "", 0, List.of("alice", "bob", "ö-ü")));
    sent.add(new Signal(Signal.Kind.LEASE, "node-a", 0, "", 0, List.of()));
    sent.add(Signal.of(Signal.Kind.ONLINE, "node-a", 0, "alice", 0));
    sent.add(Signal.of(Signal.Kind.OFFLINE, "node-a", 0, "alice", 0));
    sent.add(Signal.of(Signal.Kind.NODE_LEFT, "node-a", 0, "", 0));
    sent.add(Signal.of(Signal.Kind.TYPING, "node-a", Long.MAX_VALUE, "bob", 1));
    sent.add(Signal.of(Signal.Kind.READ, "node-a", 7, "bob", 1L << 40));
    sent.forEach(bus::publish);
    await().atMost(WAIT).until(() -> received.size() >= sent.size());
    assertThat(received).containsExactlyElementsOf(sent);
  }

  @Test
  void everySubscriberOfEveryNodeReceivesInTheSendersOrder() {
    SignalBus peer = createPeer();
    if (peer != bus) {
      track(peer);
    }
    List<Signal> first = collect(bus);
    List<Signal> second = collect(bus);
    List<Signal> onPeer = collect(peer);
    List<Signal> sent = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      sent.add(typing("u" + i, i % 2));
    }
    sent.forEach(bus::publish);
    await().atMost(WAIT).until(() -> onPeer.size() >= 200 && first.size() >= 200);
    await().atMost(WAIT).until(() -> second.size() >= 200);
    assertThat(first).containsExactlyElementsOf(sent);
    assertThat(second).containsExactlyElementsOf(sent);
    assertThat(onPeer).containsExactlyElementsOf(sent);
  }

  @Test
  void aSubscriberReceivesOnlyWhatWasPublishedAfterIt() {
    List<Signal> early = collect(bus);
    bus.publish(typing("before", 1));
    await().atMost(WAIT).until(() -> early.size() == 1);
    List<Signal> late = collect(bus);
    bus.publish(typing("after", 1));
    await().atMost(WAIT).until(() -> early.size() == 2 && late.size() == 1);
    assertThat(late).containsExactly(typing("after", 1));
  }

  @Test
  void aClosedSubscriptionReceivesNothingMore() {
    List<Signal> kept = collect(bus);
    List<Signal> dropped = new CopyOnWriteArrayList<>();
    Subscription subscription = bus.subscribe(dropped::add);
    bus.publish(typing("one", 1));
    await().atMost(WAIT).until(() -> dropped.size() == 1);
    subscription.close();
    subscription.close();
    bus.publish(typing("two", 1));
    bus.publish(typing("three", 1));
    await().atMost(WAIT).until(() -> kept.size() == 3);
    assertThat(dropped).containsExactly(typing("one", 1));
  }

  @Test
  void aFailingListenerHarmsNoOther() {
    bus.subscribe(
        s -> {
          throw new IllegalStateException("boom");
        });
    List<Signal> received = collect(bus);
    bus.publish(typing("one", 1));
    bus.publish(typing("two", 0));
    await().atMost(WAIT).until(() -> received.size() == 2);
    assertThat(received).containsExactly(typing("one", 1), typing("two", 0));
  }

  @Test
  void aClosedBusAcceptsPublishesSilentlyAndClosesAgain() {
    List<Signal> received = collect(bus);
    bus.close();
    bus.publish(typing("late", 1));
    bus.close();
    assertThat(received).isEmpty();
  }
}
