package io.chatstack.server.internal;

import io.chatstack.core.ChatService;
import io.chatstack.core.SignalSettings;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.chatstack.server.RoomAuthorizer;
import io.chatstack.server.TestFrame;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.RouteParser;
import io.chatstack.stomp.StompDestinations;
import io.chatstack.stomp.StompFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * What the tests of {@link SessionSubscriptions} share: an in-memory ChatService over a {@link
 * CountingBus}, recorded replies and a closer that counts (or, when replaced, defers) closes.
 */
abstract class SessionSubscriptionsFixture {
  static final StompDestinations D = StompDestinations.DEFAULTS;
  final CountingBus bus = new CountingBus();

  /** Presence, typing and receipts without waiting: no grace, throttle or receipt interval. */
  static final SignalSettings FAST =
      SignalSettings.DEFAULTS
          .withPresenceGrace(Duration.ZERO)
          .withTypingThrottle(Duration.ZERO)
          .withTypingTimeout(Duration.ofMillis(300))
          .withReceiptInterval(Duration.ZERO);

  // History tails off: the bus counts the session's subscriptions only.
  final ChatService service =
      ChatService.builder()
          .messageBus(bus)
          .signalSettings(FAST)
          .historyTail(0, 0, Duration.ofMinutes(1))
          .build();
  // The service's own subscriptions (e.g. to room events for its cache).
  final int base = bus.open.get();
  final RecordingReplies replies = new RecordingReplies();
  final FrameWriter frames = new FrameWriter();
  final List<Runnable> deferredCloses = new ArrayList<>();
  final AtomicInteger closes = new AtomicInteger();
  Executor closer =
      r -> {
        closes.incrementAndGet();
        r.run();
      };

  @AfterEach
  void close() {
    service.close();
  }

  SessionSubscriptions subscriptions(String user, int max, RoomAuthorizer authorizer) {
    return new SessionSubscriptions(
        new ChatPrincipal(user),
        service,
        new RoomAccess(service, authorizer),
        new RouteParser(D),
        frames,
        new SharedMessages(frames, D, 16),
        new ErrorQueue(D.errors(), frames, replies),
        max,
        closer,
        replies);
  }

  SessionSubscriptions subscriptions(String user) {
    return subscriptions(user, 10, RoomAuthorizer.defaults());
  }

  static StompFrame subscribe(String id, String destination, String... more) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("id", id);
    headers.put("destination", destination);
    for (int i = 0; i < more.length; i += 2) {
      headers.put(more[i], more[i + 1]);
    }
    return new StompFrame(Command.SUBSCRIBE, headers, new byte[0]);
  }

  static StompFrame unsubscribe(String id, String receipt) {
    return new StompFrame(Command.UNSUBSCRIBE, Map.of("id", id, "receipt", receipt), new byte[0]);
  }

  List<String> contents() {
    return replies.frames().stream()
        .filter(f -> f.header("destination").startsWith("/topic/chat/"))
        .map(f -> f.body().replaceAll(".*\"content\":\"([^\"]*)\".*", "$1"))
        .toList();
  }

  List<TestFrame> errorQueue() {
    return replies.frames().stream()
        .filter(f -> f.header("destination").equals(D.errors()))
        .toList();
  }
}
