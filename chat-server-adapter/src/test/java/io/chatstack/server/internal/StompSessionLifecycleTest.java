package io.chatstack.server.internal;

import static io.chatstack.server.TestFrame.connect;
import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.server.StompLimits;
import io.chatstack.server.TestFrame;
import io.chatstack.stomp.StompDestinations;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a connection ends (DISCONNECT, transport closed, ERROR) and what it releases, and how the
 * engine answers frames in one message, over a bus that counts open subscriptions. Timers run on a
 * {@link ManualScheduler}, so clean-up happens on the test's thread.
 */
class StompSessionLifecycleTest {
  private final CountingBus bus = new CountingBus();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final EngineFixture fixture =
      new EngineFixture(
          // History tails off: the bus counts the session's subscriptions only.
          ChatService.builder().messageBus(bus).historyTail(0, 0, Duration.ofMinutes(1)).build(),
          StompLimits.DEFAULTS,
          Duration.ofSeconds(1),
          b -> b.scheduler(scheduler));
  private final Room room = fixture.service.createRoom("general", "alice");
  private final EngineFixture.Connection c = fixture.open();
  // The service's own subscriptions (e.g. to room events for its cache).
  private final int base = bus.open.get();

  @AfterEach
  void close() {
    fixture.close();
  }

  private void subscribeToRoom(String id) {
    c.session().onText(frame("SUBSCRIBE", "", "id", id, "destination", "/topic/chat/" + room.id()));
  }

  private List<String> contents() {
    return c.transport().frames().stream()
        .filter(f -> f.command().equals("MESSAGE"))
        .map(TestFrame::body)
        .toList();
  }

  private TestFrame last() {
    List<TestFrame> frames = c.transport().frames();
    return frames.get(frames.size() - 1);
  }

  @Test
  void disconnectIsReceiptedClosesCleanlyAndReleasesEverything() {
    c.session().onText(connect("alice"));
    subscribeToRoom("s1");
    c.session()
        .onText(
            frame("SUBSCRIBE", "", "id", "s2", "destination", StompDestinations.DEFAULTS.rooms()));
    assertThat(bus.open).hasValue(base + 2);

    c.session().onText(frame("DISCONNECT", "", "receipt", "bye"));

    assertThat(last().command()).isEqualTo("RECEIPT");
    assertThat(last().header("receipt-id")).isEqualTo("bye");
    assertThat(c.session().isOpen()).isFalse();
    assertThat(c.transport().closed).isTrue();
    assertThat(c.transport().violation).isFalse();
    assertThat(bus.open).hasValue(base);
    int written = c.transport().written.size();
    scheduler.advance(Duration.ofSeconds(10)); // no heart-beats after the end
    assertThat(c.transport().written).hasSize(written);
  }

  @Test
  void framesAfterADisconnectInTheSameMessageAreIgnored() {
    c.session().onText(connect("alice"));
    c.session()
        .onText(
            frame("DISCONNECT", "")
                + frame(
                    "SEND",
                    "{\"content\":\"late\"}",
                    "destination",
                    "/app/chat/send/" + room.id()));

    assertThat(fixture.service.since(room.id(), 0, 10)).hasSize(1); // the creator's JOIN
  }

  @Test
  void everyFrameOfOneMessageIsProcessed() {
    c.session()
        .onText(
            connect("alice")
                + frame("SUBSCRIBE", "", "id", "s1", "destination", "/topic/chat/" + room.id())
                + frame(
                    "SEND",
                    "{\"content\":\"both\"}",
                    "destination",
                    "/app/chat/send/" + room.id()));

    assertThat(contents()).anySatisfy(b -> assertThat(b).contains("both"));
  }

  @Test
  void binaryFramesAreProcessedLikeText() {
    c.session().onBinary(ByteBuffer.wrap(connect("alice").getBytes(StandardCharsets.UTF_8)));

    assertThat(c.transport().commands()).containsExactly("CONNECTED");
  }

  @Test
  void unsubscribeIsReceiptedAndReleasesTheSubscription() {
    c.session().onText(connect("alice"));
    subscribeToRoom("s1");
    c.session().onText(frame("UNSUBSCRIBE", "", "id", "s1", "receipt", "u1"));

    assertThat(last().command()).isEqualTo("RECEIPT");
    assertThat(last().header("receipt-id")).isEqualTo("u1");
    assertThat(bus.open).hasValue(base);
    assertThat(c.session().isOpen()).isTrue();
  }

  @Test
  void aClosedTransportReleasesEverythingAndDropsDeliveries() {
    c.session().onText(connect("alice"));
    subscribeToRoom("s1");
    int written = c.transport().written.size();

    c.session().onTransportClosed();
    c.session().onTransportClosed();
    fixture.service.send(room.id(), "alice", "nobody listens").join();
    c.session().deliver("MESSAGE\n\nx\0");
    c.session().onText(frame("SEND", "{\"content\":\"x\"}", "destination", "/app/chat/send/1"));

    assertThat(c.session().isOpen()).isFalse();
    assertThat(bus.open).hasValue(base);
    assertThat(c.transport().written).hasSize(written);
    assertThat(c.session().queuedFrames()).isZero();
  }

  @Test
  void aProtocolErrorReleasesEverything() {
    c.session().onText(connect("alice"));
    subscribeToRoom("s1");

    c.session().onText(frame("ACK", "", "id", "1"));

    assertThat(last().command()).isEqualTo("ERROR");
    assertThat(c.transport().violation).isTrue();
    assertThat(bus.open).hasValue(base);
  }

  @Test
  void aRefusedLoginIsAnErrorThatCarriesTheReceipt() {
    c.session().onText(frame("CONNECT", "", "accept-version", "1.2", "receipt", "c1"));

    assertThat(last().command()).isEqualTo("ERROR");
    assertThat(last().header("receipt-id")).isEqualTo("c1");
    assertThat(last().body()).contains("login");
    assertThat(c.session().isOpen()).isFalse();
  }

  @Test
  void anApplicationErrorWithoutErrorQueueClosesTheConnection() {
    c.session().onText(connect("alice"));

    c.session()
        .onText(
            frame(
                "SEND",
                "{\"content\":\"x\"}",
                "destination",
                "/app/chat/send/999",
                "receipt",
                "r1"));

    assertThat(last().command()).isEqualTo("ERROR");
    assertThat(last().header("receipt-id")).isEqualTo("r1");
    assertThat(c.session().isOpen()).isFalse();
  }

  @Test
  void anApplicationErrorWithErrorQueueKeepsTheConnection() {
    c.session().onText(connect("alice"));
    c.session().onText(frame("SUBSCRIBE", "", "id", "e", "destination", "/user/queue/errors"));

    c.session()
        .onText(
            frame(
                "SEND",
                "{\"content\":\"x\"}",
                "destination",
                "/app/chat/send/999",
                "receipt",
                "r1"));

    assertThat(last().command()).isEqualTo("MESSAGE");
    assertThat(last().header("subscription")).isEqualTo("e");
    assertThat(last().header("receipt-id")).isEqualTo("r1");
    assertThat(c.session().isOpen()).isTrue();
  }

  @Test
  void aFailedPublishIsAnApplicationError() {
    c.session().onText(connect("alice"));
    c.session().onText(frame("SUBSCRIBE", "", "id", "e", "destination", "/user/queue/errors"));
    bus.publishFailure.set(new ChatException("broker-down", "broker down"));

    c.session()
        .onText(
            frame(
                "SEND",
                "{\"content\":\"x\"}",
                "destination",
                "/app/chat/send/" + room.id(),
                "receipt",
                "r1"));

    assertThat(last().command()).isEqualTo("MESSAGE");
    assertThat(last().header("receipt-id")).isEqualTo("r1");
    assertThat(last().body()).contains("broker-down");
    assertThat(c.session().isOpen()).isTrue();
  }

  @Test
  void aPublishFailingWithoutAChatExceptionIsReportedAsUnavailable() {
    c.session().onText(connect("alice"));
    c.session().onText(frame("SUBSCRIBE", "", "id", "e", "destination", "/user/queue/errors"));
    bus.publishFailure.set(new IllegalStateException("broker down"));

    c.session()
        .onText(
            frame(
                "SEND",
                "{\"content\":\"x\"}",
                "destination",
                "/app/chat/send/" + room.id(),
                "receipt",
                "r1"));

    assertThat(last().command()).isEqualTo("MESSAGE");
    assertThat(last().header("receipt-id")).isEqualTo("r1");
    assertThat(c.session().isOpen()).isTrue();
  }

  @Test
  void anUnexpectedFailureIsAnInternalError() {
    c.session().onText(connect("alice"));
    bus.subscribeFailure.set(new IllegalStateException("bug"));

    subscribeToRoom("s1");

    assertThat(last().command()).isEqualTo("ERROR");
    assertThat(last().header("code")).isEqualTo("internal-error");
    assertThat(c.session().isOpen()).isFalse();
  }
}
