package io.chatstack.server.internal;

import io.chatstack.core.ChatService;
import io.chatstack.server.DevAuthenticator;
import io.chatstack.server.StompLimits;
import io.chatstack.server.StompServerConfig;
import java.time.Duration;
import java.util.function.Consumer;

/** A protocol engine over an in-memory transport and an in-memory ChatService; no network. */
final class EngineFixture implements AutoCloseable {
  final ChatService service;
  final StompRuntime runtime;

  EngineFixture(ChatService service, StompLimits limits, Duration heartbeat) {
    this(service, limits, heartbeat, b -> {});
  }

  /** With further settings, e.g. timeouts or a {@link ManualScheduler}. */
  EngineFixture(
      ChatService service,
      StompLimits limits,
      Duration heartbeat,
      Consumer<StompServerConfig.Builder> settings) {
    this.service = service;
    StompServerConfig.Builder builder =
        StompServerConfig.builder(service, new DevAuthenticator())
            .limits(limits)
            .heartbeat(heartbeat, heartbeat);
    settings.accept(builder);
    this.runtime = new StompRuntime(builder.build());
  }

  EngineFixture() {
    this(ChatService.builder().build(), StompLimits.DEFAULTS, Duration.ZERO);
  }

  Connection open() {
    RecordingTransport transport = new RecordingTransport();
    return new Connection(new StompSession(runtime, transport, HandshakeInfo.NONE), transport);
  }

  record Connection(StompSession session, RecordingTransport transport) {}

  @Override
  public void close() {
    runtime.close();
    service.close();
  }
}
