package io.chatstack.server.internal;

import static io.chatstack.server.TestFrame.connect;
import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatService;
import io.chatstack.server.DevAuthenticator;
import io.chatstack.server.StompLimits;
import io.chatstack.server.StompServerConfig;
import io.chatstack.server.StompTransport;
import io.chatstack.server.TestFrame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The connect, frame-assembly and close timeouts: real timers with short timeouts where one must
 * fire, a {@link ManualScheduler} where one must not (or only at an exact moment).
 */
class StompSessionTimeoutsTest {
  private static final Duration SHORT = Duration.ofMillis(200);

  @Test
  void connectionWithoutConnectIsClosedWithConnectTimeout() {
    try (EngineFixture fixture = fixture(b -> b.connectTimeout(SHORT))) {
      EngineFixture.Connection c = fixture.open();

      TestFrame error = awaitClosedWithError(c);
      assertThat(error.header("code")).isEqualTo("connect-timeout");
      assertThat(error.body()).contains("200 ms").contains("send CONNECT");
      assertThat(c.transport().violation).isTrue();
    }
  }

  @Test
  void halfAConnectIsClosedWithFrameTimeout() {
    try (EngineFixture fixture = fixture(b -> b.frameTimeout(SHORT))) {
      EngineFixture.Connection c = fixture.open();
      c.session().onText("CONNECT\naccept-version:1.2\nlogin:al");

      TestFrame error = awaitClosedWithError(c);
      assertThat(error.header("code")).isEqualTo("frame-timeout");
      assertThat(error.body()).contains("200 ms").contains("NUL");
    }
  }

  @Test
  void halfASendAfterConnectIsClosedWithFrameTimeout() {
    try (EngineFixture fixture = fixture(b -> b.frameTimeout(SHORT))) {
      EngineFixture.Connection c = fixture.open();
      c.session().onText(connect("alice"));
      c.session()
          .onBinary(
              ByteBuffer.wrap(
                  "SEND\ndestination:/app/chat/send/1\n\n{\"content\":\"sl"
                      .getBytes(StandardCharsets.UTF_8)));

      TestFrame error = awaitClosedWithError(c);
      assertThat(error.header("code")).isEqualTo("frame-timeout");
      assertThat(c.transport().commands()).containsExactly("CONNECTED", "ERROR");
    }
  }

  @Test
  void connectInTimeCancelsTheConnectTimeout() {
    ManualScheduler clock = new ManualScheduler();
    try (EngineFixture fixture = fixture(b -> b.connectTimeout(SHORT).scheduler(clock))) {
      EngineFixture.Connection c = fixture.open();
      clock.advance(Duration.ofMillis(199));
      c.session().onText(connect("alice"));
      clock.advance(Duration.ofSeconds(60));

      assertThat(c.transport().commands()).containsExactly("CONNECTED");
      assertThat(c.transport().closed).isFalse();
    }
  }

  @Test
  void connectTimeoutFiresAtItsDeadlineNotBefore() {
    ManualScheduler clock = new ManualScheduler();
    try (EngineFixture fixture = fixture(b -> b.connectTimeout(SHORT).scheduler(clock))) {
      EngineFixture.Connection c = fixture.open();
      c.session().onText("\n"); // a heart-beat is not a CONNECT
      clock.advance(Duration.ofMillis(199));
      assertThat(c.transport().closed).isFalse();
      clock.advance(Duration.ofMillis(1));
      assertThat(c.transport().closed).isTrue();
      assertThat(c.transport().frames().get(0).header("code")).isEqualTo("connect-timeout");
    }
  }

  @Test
  void completingAFrameInTimeCancelsItsClockAndTheNextPartialFrameStartsANewOne() {
    ManualScheduler clock = new ManualScheduler();
    try (EngineFixture fixture = fixture(b -> b.frameTimeout(SHORT).scheduler(clock))) {
      EngineFixture.Connection c = fixture.open();
      String connect = connect("alice");
      c.session().onText(connect.substring(0, 10));
      clock.advance(Duration.ofMillis(150));
      c.session().onText(connect.substring(10));
      clock.advance(Duration.ofMillis(150)); // 300 ms after the first byte: fine, it completed
      assertThat(c.transport().closed).isFalse();

      String subscribe = frame("SUBSCRIBE", "", "id", "e", "destination", "/user/queue/errors");
      String second = frame("SUBSCRIBE", "", "id", "r", "destination", "/topic/rooms");
      c.session().onText(subscribe.substring(0, 5));
      clock.advance(Duration.ofMillis(150));
      // Completes the first frame and starts the next: the next has its own 200 ms.
      c.session().onText(subscribe.substring(5) + second.substring(0, 5));
      clock.advance(Duration.ofMillis(150));
      assertThat(c.transport().closed).isFalse();
      clock.advance(Duration.ofMillis(50));

      assertThat(c.transport().closed).isTrue();
      List<TestFrame> frames = c.transport().frames();
      assertThat(frames.get(frames.size() - 1).header("code")).isEqualTo("frame-timeout");
    }
  }

  @Test
  void moreBytesOfTheSameFrameDoNotResetItsClock() {
    ManualScheduler clock = new ManualScheduler();
    try (EngineFixture fixture = fixture(b -> b.frameTimeout(SHORT).scheduler(clock))) {
      EngineFixture.Connection c = fixture.open();
      String connect = connect("alice");
      for (int i = 0; i < 4; i++) {
        c.session().onText(connect.substring(i, i + 1));
        clock.advance(Duration.ofMillis(60));
      }

      assertThat(c.transport().closed).isTrue();
      assertThat(c.transport().frames().get(0).header("code")).isEqualTo("frame-timeout");
    }
  }

  @Test
  void aClosingConnectionWhoseLastFrameIsNeverWrittenIsCutOffAfterTheCloseTimeout() {
    ManualScheduler clock = new ManualScheduler();
    try (EngineFixture fixture = fixture(b -> b.closeTimeout(SHORT).scheduler(clock))) {
      // A client that stopped reading: no write ever completes.
      List<String> written = new CopyOnWriteArrayList<>();
      AtomicBoolean closed = new AtomicBoolean();
      StompSession session =
          new StompSession(
              fixture.runtime,
              new StompTransport() {
                @Override
                public void send(String text, Consumer<Throwable> done) {
                  written.add(text);
                }

                @Override
                public void close(boolean violation, String reason) {
                  closed.set(true);
                }
              },
              HandshakeInfo.NONE);
      session.onText("BOGUS\n\n\0"); // an ERROR, then the connection closes
      assertThat(written).singleElement().asString().startsWith("ERROR");
      clock.advance(Duration.ofMillis(199));
      assertThat(closed).isFalse();
      clock.advance(Duration.ofMillis(1));
      assertThat(closed).isTrue();
    }
  }

  @Test
  void timeoutsMustBePositive() {
    StompServerConfig.Builder builder =
        StompServerConfig.builder(ChatService.builder().build(), new DevAuthenticator());
    for (Duration bad : List.of(Duration.ZERO, Duration.ofMillis(-1))) {
      assertThatThrownBy(() -> builder.connectTimeout(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("connectTimeout");
      assertThatThrownBy(() -> builder.frameTimeout(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("frameTimeout");
      assertThatThrownBy(() -> builder.closeTimeout(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("closeTimeout");
    }
    StompServerConfig defaults = builder.build();
    assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.frameTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.closeTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  private static EngineFixture fixture(Consumer<StompServerConfig.Builder> settings) {
    return new EngineFixture(
        ChatService.builder().build(), StompLimits.DEFAULTS, Duration.ZERO, settings);
  }

  private static TestFrame awaitClosedWithError(EngineFixture.Connection c) {
    await().atMost(Duration.ofSeconds(30)).until(() -> c.transport().closed);
    List<TestFrame> frames = c.transport().frames();
    TestFrame last = frames.get(frames.size() - 1);
    assertThat(last.command()).isEqualTo("ERROR");
    return last;
  }
}
