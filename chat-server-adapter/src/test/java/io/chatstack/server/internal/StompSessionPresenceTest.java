package io.chatstack.server.internal;

import static io.chatstack.server.TestFrame.connect;
import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatService;
import io.chatstack.core.PresenceEvent;
import io.chatstack.core.Room;
import io.chatstack.server.StompLimits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connected session holds its user's presence until it ends, however it ends; a connection that
 * never completed CONNECT never counted.
 */
class StompSessionPresenceTest {
  static final Duration WAIT = Duration.ofSeconds(10);
  private final ManualScheduler scheduler = new ManualScheduler();
  private final EngineFixture fixture =
      new EngineFixture(
          ChatService.builder().signalSettings(SessionSubscriptionsFixture.FAST).build(),
          StompLimits.DEFAULTS,
          Duration.ZERO,
          b -> b.scheduler(scheduler));
  private final Room room = fixture.service.createRoom("general", "watcher");
  private final List<PresenceEvent> events = new CopyOnWriteArrayList<>();

  {
    fixture.service.join(room.id(), "alice");
    fixture.service.join(room.id(), "bob");
    fixture.service.presence().subscribe(room.id(), events::add);
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  private List<String> changes() {
    return events.stream()
        .filter(e -> e.type() != PresenceEvent.Type.SNAPSHOT)
        .map(e -> e.type() + ":" + e.user())
        .toList();
  }

  private void awaitChanges(String... expected) {
    await().atMost(WAIT).until(() -> changes().size() >= expected.length);
    assertThat(changes()).containsExactly(expected);
  }

  private List<String> online() {
    return fixture.service.presence().snapshot(room.id()).online();
  }

  @Test
  void onlineFromConnectedUntilDisconnect() {
    EngineFixture.Connection c = fixture.open();
    assertThat(online()).isEmpty();

    c.session().onText(connect("alice"));
    awaitChanges("ONLINE:alice");
    assertThat(online()).containsExactly("alice");

    c.session().onText(frame("DISCONNECT", "", "receipt", "bye"));
    awaitChanges("ONLINE:alice", "OFFLINE:alice");
    assertThat(online()).isEmpty();
  }

  @Test
  void twoConnectionsCountOnceAndTheUserStaysOnlineWhileOneIsOpen() {
    EngineFixture.Connection phone = fixture.open();
    EngineFixture.Connection laptop = fixture.open();
    phone.session().onText(connect("alice"));
    laptop.session().onText(connect("alice"));
    awaitChanges("ONLINE:alice");

    phone.session().onTransportClosed();
    laptop.session().onTransportClosed();
    awaitChanges("ONLINE:alice", "OFFLINE:alice");
  }

  @Test
  void anErrorEndsThePresenceToo() {
    EngineFixture.Connection c = fixture.open();
    c.session().onText(connect("alice"));
    awaitChanges("ONLINE:alice");

    c.session().onText(frame("ACK", "", "id", "1"));

    assertThat(c.transport().violation).isTrue();
    awaitChanges("ONLINE:alice", "OFFLINE:alice");
  }

  @Test
  void aConnectionThatNeverConnectedIsNeverOnline() {
    EngineFixture.Connection c = fixture.open();
    c.session().onText(frame("CONNECT", "", "accept-version", "1.2"));
    c.session().onText(connect("alice")); // too late: closed
    c.session().onTransportClosed();
    assertThat(c.session().isOpen()).isFalse();
    // Events come in order: had alice been online, her event would come before bob's.
    EngineFixture.Connection other = fixture.open();
    other.session().onText(connect("bob"));
    awaitChanges("ONLINE:bob");
  }
}
