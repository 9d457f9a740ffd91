package io.chatstack.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatService;
import io.chatstack.core.InvalidContentException;
import io.chatstack.core.MessageBus;
import io.chatstack.core.MessageStore;
import io.chatstack.core.PersistListener;
import io.chatstack.core.ReadState;
import io.chatstack.core.ReadStateRepository;
import io.chatstack.core.Room;
import io.chatstack.core.RoomRepository;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.Signal;
import io.chatstack.core.SignalBus;
import io.chatstack.core.SignalSettings;
import io.chatstack.core.Subscription;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import io.chatstack.memory.InMemoryReadStateRepository;
import io.chatstack.memory.InMemoryRoomRepository;
import io.chatstack.memory.InMemorySignalBus;
import io.chatstack.server.Authenticator;
import io.chatstack.server.DevAuthenticator;
import io.chatstack.server.JwtAuthenticator;
import io.chatstack.server.RoomAccess;
import io.chatstack.server.StompEngine;
import io.chatstack.server.StompLimits;
import io.chatstack.server.StompServerConfig;
import io.chatstack.spring.security.ChatSecurityAutoConfiguration;
import io.chatstack.spring.security.internal.HandshakePrincipalAuthenticator;
import io.chatstack.spring.web.ChatRestAutoConfiguration;
import io.chatstack.spring.websocket.ChatWebSocketAutoConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@ExtendWith(OutputCaptureExtension.class)
class ChatstackAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ChatstackAutoConfiguration.class));

  @Test
  void withNothingConfiguredEverythingIsInMemory() {
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(ChatService.class);
          assertThat(context.getBean(RoomRepository.class))
              .isInstanceOf(InMemoryRoomRepository.class);
          assertThat(context.getBean(MessageStore.class)).isInstanceOf(InMemoryMessageStore.class);
          assertThat(context.getBean(MessageBus.class)).isInstanceOf(InMemoryMessageBus.class);
          ChatService chat = context.getBean(ChatService.class);
          Room room = chat.createRoom("general", "alice");
          ChatMessage sent = chat.send(room.id(), "alice", "hi").join();
          assertThat(
                  context
                      .getBean(MessageStore.class)
                      .findByClientMsgId(room.id(), sent.clientMsgId()))
              .contains(sent);
        });
  }

  @Test
  void persistListenerBeansAreCalledInOrderAfterTheStoreHasTheMessage() {
    List<String> calls = new CopyOnWriteArrayList<>();
    runner
        .withBean(
            "second",
            PersistListener.class,
            () -> batch -> batch.forEach(m -> calls.add("second:" + m.content())))
        .withBean("first", FirstListener.class, () -> new FirstListener(calls))
        .run(
            context -> {
              ChatService chat = context.getBean(ChatService.class);
              Room room = chat.createRoom("hooks", "alice");
              chat.send(room.id(), "alice", "hi").join();
              assertThat(calls).endsWith("first:hi", "second:hi");
            });
  }

  @org.springframework.core.annotation.Order(1)
  record FirstListener(List<String> calls) implements PersistListener {
    @Override
    public void afterPersist(List<ChatMessage> batch) {
      batch.forEach(m -> calls.add("first:" + m.content()));
    }
  }

  @Test
  void userBeansReplaceTheDefaults() {
    InMemoryRoomRepository rooms = new InMemoryRoomRepository();
    rooms.create("pre-existing", "zoe", Instant.EPOCH);
    runner
        .withBean(RoomRepository.class, () -> rooms)
        .withBean(
            "myChat", ChatService.class, () -> ChatService.builder().roomRepository(rooms).build())
        .run(
            context -> {
              assertThat(context).hasSingleBean(ChatService.class).hasBean("myChat");
              assertThat(context.getBean(ChatService.class).rooms())
                  .extracting(RoomSummary::name)
                  .containsExactly("pre-existing");
            });
  }

  @Test
  void propertiesSetLimits() {
    runner
        .withPropertyValues("chatstack.limits.max-content-length=5")
        .run(
            context -> {
              ChatService chat = context.getBean(ChatService.class);
              Room room = chat.createRoom("r", "alice");
              Assertions.assertThatThrownBy(() -> chat.send(room.id(), "alice", "too long"))
                  .isInstanceOf(InvalidContentException.class)
                  .hasMessageContaining("maximum is 5");
            });
  }

  @Test
  void customizersAdjustTheBuilder() {
    Instant fixed = Instant.parse("2026-02-03T04:05:06Z");
    runner
        .withBean(
            ChatServiceCustomizer.class, () -> b -> b.clock(Clock.fixed(fixed, ZoneOffset.UTC)))
        .run(
            context -> {
              ChatService chat = context.getBean(ChatService.class);
              Room room = chat.createRoom("r", "alice");
              assertThat(room.createdAt()).isEqualTo(fixed);
            });
  }

  @Test
  void signalPropertiesDefaultToTheCoreDefaults() {
    runner.run(
        context -> {
          assertThat(context.getBean(ChatstackProperties.class).signalSettings())
              .isEqualTo(SignalSettings.DEFAULTS);
          assertThat(context.getBean(ChatService.class).readStates().receiptsEnabled()).isTrue();
        });
  }

  @Test
  void signalPropertiesAreBoundAndReachTheService() {
    runner
        .withPropertyValues(
            "chatstack.presence.grace=0s",
            "chatstack.presence.lease=30s",
            "chatstack.typing.throttle=1s",
            "chatstack.typing.timeout=2500ms",
            "chatstack.read-receipts.enabled=false")
        .run(
            context -> {
              assertThat(context.getBean(ChatstackProperties.class).signalSettings())
                  .isEqualTo(
                      new SignalSettings(
                          Duration.ZERO,
                          Duration.ofSeconds(30),
                          Duration.ofSeconds(1),
                          Duration.ofMillis(2500),
                          false,
                          SignalSettings.DEFAULTS.receiptInterval()));
              assertThat(context.getBean(ChatService.class).readStates().receiptsEnabled())
                  .isFalse();
            });
  }

  @Test
  void anOutOfRangeSignalPropertyFailsStartupNamingIt() {
    runner
        .withPropertyValues("chatstack.presence.lease=0s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasStackTraceContaining("chatstack.presence.lease must be positive"));
    runner
        .withPropertyValues("chatstack.typing.throttle=-1s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("chatstack.typing.throttle must not be negative"));
  }

  @Test
  void signalBusAndReadStateRepositoryDefaultToMemory() {
    runner.run(
        context -> {
          assertThat(context.getBean(SignalBus.class)).isInstanceOf(InMemorySignalBus.class);
          assertThat(context.getBean(ReadStateRepository.class))
              .isInstanceOf(InMemoryReadStateRepository.class);
        });
  }

  @Test
  void theServiceUsesTheApplicationsSignalBusAndReadStateRepository() {
    RecordingSignalBus signals = new RecordingSignalBus();
    InMemoryReadStateRepository reads = new InMemoryReadStateRepository();
    runner
        .withBean(SignalBus.class, () -> signals)
        .withBean(ReadStateRepository.class, () -> reads)
        .run(
            context -> {
              assertThat(context).hasSingleBean(SignalBus.class);
              assertThat(context).hasSingleBean(ReadStateRepository.class);
              ChatService chat = context.getBean(ChatService.class);
              Room room = chat.createRoom("signals", "alice");
              chat.join(room.id(), "bob");
              ChatMessage hello = chat.send(room.id(), "alice", "hello").join();

              ReadState state = chat.readStates().markRead(room.id(), "bob", hello.seq());

              assertThat(state.lastReadSeq()).isEqualTo(hello.seq());
              assertThat(reads.find(room.id(), "bob")).isEqualTo(hello.seq());
              try (Subscription online = chat.presence().connected("bob")) {
                Awaitility.await().until(() -> !signals.published.isEmpty());
              }
            });
    assertThat(signals.closed).as("the service closes its signal bus").isTrue();
  }

  /** A signal bus in this process that remembers what was published and whether it was closed. */
  static final class RecordingSignalBus implements SignalBus {
    final InMemorySignalBus delegate = new InMemorySignalBus();
    final List<Signal> published = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    @Override
    public void publish(Signal signal) {
      published.add(signal);
      delegate.publish(signal);
    }

    @Override
    public Subscription subscribe(Consumer<Signal> listener) {
      return delegate.subscribe(listener);
    }

    @Override
    public void close() {
      closed = true;
      delegate.close();
    }
  }

  @Test
  void websocketPropertiesSetTheStompLimits() {
    WebApplicationContextRunner web =
        new WebApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    ChatstackAutoConfiguration.class,
                    ChatSecurityAutoConfiguration.class,
                    ChatWebSocketAutoConfiguration.class));
    web.run(
        context -> {
          assertThat(context.getBean(StompEngine.class).config().limits())
              .isEqualTo(StompLimits.DEFAULTS);
          assertThat(context)
              .doesNotHaveBean("chatWebSocketSocketBuffers")
              .doesNotHaveBean("chatWebSocketContainer");
        });
    // A mock servlet context has no WebSocket container to configure: the user's own container
    // bean stands in (and shows that it replaces chatstack's); SmallBuffersIT covers the real one.
    WebApplicationContextRunner ownContainer =
        web.withBean(
            "userContainer",
            ServletServerContainerFactoryBean.class,
            () ->
                new ServletServerContainerFactoryBean() {
                  @Override
                  public void afterPropertiesSet() {}
                });
    ownContainer
        .withPropertyValues("chatstack.websocket.buffer-size=1024")
        .run(
            context ->
                assertThat(context)
                    .hasBean("chatWebSocketSocketBuffers")
                    .doesNotHaveBean("chatWebSocketContainer"));
    ownContainer
        .withPropertyValues("chatstack.websocket.buffer-size=10")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasRootCauseMessage(
                        "chatstack.websocket.buffer-size must be at least 256 (bytes), was 10"));
    web.withPropertyValues(
            "chatstack.websocket.sends-per-second=500",
            "chatstack.websocket.outbound-queue-frames=64")
        .run(
            context -> {
              StompLimits limits = context.getBean(StompEngine.class).config().limits();
              assertThat(limits.sendsPerSecond()).isEqualTo(500);
              assertThat(limits.outboundQueueFrames()).isEqualTo(64);
            });
    web.withPropertyValues(
            "chatstack.websocket.connect-timeout=3s",
            "chatstack.websocket.frame-timeout=7s",
            "chatstack.websocket.close-timeout=4s")
        .run(
            context -> {
              StompServerConfig config = context.getBean(StompEngine.class).config();
              assertThat(config.connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));
              assertThat(config.frameTimeout()).isEqualTo(java.time.Duration.ofSeconds(7));
              assertThat(config.closeTimeout()).isEqualTo(java.time.Duration.ofSeconds(4));
            });
  }

  @Test
  void restIsRegisteredInServletAppsAndCanBeSwitchedOff() {
    WebApplicationContextRunner web =
        new WebApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    ChatstackAutoConfiguration.class,
                    ChatSecurityAutoConfiguration.class,
                    ChatRestAutoConfiguration.class));
    web.run(
        context ->
            assertThat(context)
                .hasBean("chatRoomController")
                .hasBean("chatRoomSignalController")
                .hasBean("chatMessageChangeController")
                .hasBean("chatAdminController")
                .hasBean("chatApiFilter"));
    web.withPropertyValues("chatstack.rest.enabled=false")
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean("chatRoomController")
                    .doesNotHaveBean("chatRoomSignalController")
                    .doesNotHaveBean("chatMessageChangeController")
                    .doesNotHaveBean("chatAdminController"));
    runner
        .withConfiguration(AutoConfigurations.of(ChatRestAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean("chatRoomController"));
  }

  @Test
  void badHistoryTailPropertiesFailStartupNamingThem() {
    for (String bad :
        new String[] {
          "chatstack.history.tail.records-per-room=-1",
          "chatstack.history.tail.max-age=0s",
          "chatstack.history.tail.max-size=-1B"
        }) {
      runner
          .withPropertyValues(bad)
          .run(
              context ->
                  assertThat(context)
                      .getFailure()
                      .rootCause()
                      .as(bad)
                      .hasMessageContaining("chatstack.history.tail: records-per-room must be"));
    }
  }

  @Test
  void badLifecyclePropertiesFailStartupNamingThem() {
    for (String window : new String[] {"0s", "-1m"}) {
      runner
          .withPropertyValues("chatstack.messages.edit-window=" + window)
          .run(
              context ->
                  assertThat(context)
                      .getFailure()
                      .rootCause()
                      .hasMessageContaining("chatstack.messages.edit-window must be positive"));
    }
    new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                ChatstackAutoConfiguration.class,
                ChatSecurityAutoConfiguration.class,
                ChatRestAutoConfiguration.class))
        .withPropertyValues("chatstack.admin.authority= ")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("chatstack.admin.authority"));
  }

  @Test
  void restNeedsNoWebSocketOnTheClassPath() {
    new WebApplicationContextRunner()
        .withClassLoader(new FilteredClassLoader(WebSocketConfigurer.class))
        .withConfiguration(
            AutoConfigurations.of(
                ChatstackAutoConfiguration.class,
                ChatSecurityAutoConfiguration.class,
                ChatRestAutoConfiguration.class,
                ChatWebSocketAutoConfiguration.class))
        .run(
            context ->
                assertThat(context)
                    .hasBean("chatRoomController")
                    .hasSingleBean(Authenticator.class)
                    .hasSingleBean(RoomAccess.class)
                    .doesNotHaveBean(StompEngine.class));
  }

  @Test
  void oneAuthenticatorFromTheSecurityPropertiesOrTheirDeprecatedAliases(CapturedOutput output) {
    ApplicationContextRunner security =
        runner.withConfiguration(AutoConfigurations.of(ChatSecurityAutoConfiguration.class));
    String secret = "0123456789abcdef0123456789abcdef";
    security.run(
        context ->
            assertThat(context.getBean(Authenticator.class))
                .isInstanceOf(HandshakePrincipalAuthenticator.class));
    security
        .withPropertyValues("chatstack.websocket.authentication=dev")
        .run(
            context ->
                assertThat(context.getBean(Authenticator.class))
                    .isInstanceOf(DevAuthenticator.class));
    assertThat(output)
        .contains("WARN", "chatstack.security.authentication=dev", "trust the user name");
    security
        .withPropertyValues(
            "chatstack.websocket.authentication=dev",
            "chatstack.security.authentication=jwt",
            "chatstack.websocket.jwt-secret=" + secret)
        .run(
            context ->
                assertThat(context.getBean(Authenticator.class))
                    .isInstanceOf(JwtAuthenticator.class));
    security
        .withPropertyValues(
            "chatstack.security.authentication=jwt", "chatstack.security.jwt.secret=short")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasRootCauseMessage(
                        "chatstack.security.authentication=jwt needs chatstack.security.jwt.secret"
                            + " of at least 32 characters (or chatstack.security.jwt.jwk-set-uri)"));
    security
        .withPropertyValues("chatstack.security.authentication=magic")
        .run(
            context ->
                assertThat(context).getFailure().hasMessageContaining("principal, dev or jwt"));
  }
}
