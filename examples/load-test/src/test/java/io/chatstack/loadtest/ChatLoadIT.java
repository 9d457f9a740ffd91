package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatService;
import io.chatstack.core.Interception;
import io.chatstack.server.ChatServer;
import io.chatstack.server.DevAuthenticator;
import io.chatstack.server.StompServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Short light-load runs against the standalone server with in-memory services: every message
 * arrives, and refused sends are counted while their senders stay connected.
 */
class ChatLoadIT {
  private ChatService service;
  private ChatServer server;
  private volatile boolean refuseEveryTenth;

  @BeforeEach
  void start() {
    service =
        ChatService.builder()
            // The refusal test's interceptor runs on the hook executor for every send: a generous
            // deadline, so a busy machine does not turn a hand-off into an interceptor-failed.
            .beforeSendTimeout(Duration.ofSeconds(30))
            .interceptor(
                (context, draft) ->
                    refuseEveryTenth && draft.content().endsWith("3")
                        ? Interception.reject("test-refusal", "every tenth message")
                        : Interception.accept())
            .build();
    server =
        ChatServer.builder()
            .port(0)
            .config(StompServerConfig.builder(service, new DevAuthenticator()).build())
            .build()
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
    service.close();
  }

  @Test
  void everyScheduledMessageReachesEverySubscriberOfItsRoom() {
    URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    try (ChatLoad load =
        ChatLoad.open(
            HttpClient.newHttpClient(), ws, ServiceRooms.of(service, false), "it", 2, 5, 5)) {
      LatencyRecorder.Result r =
          load.run(50, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10));

      assertThat(r.expected()).isEqualTo(2 * 50 * 5);
      assertThat(r.received()).isEqualTo(r.expected());
      assertThat(r.p50Micros()).isPositive();
      assertThat(load.errors()).isZero();
      assertThat(load.spread().messages()).isEqualTo(2 * 50);
    }
  }

  @Test
  void refusedSendsAreCountedByCodeAndTheirSendersStayConnected() {
    refuseEveryTenth = true; // content ends with the message's sequence number: 3, 13, 23, ...
    URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    try (ChatLoad load =
        ChatLoad.open(
            HttpClient.newHttpClient(), ws, ServiceRooms.of(service, true), "it", 2, 5, 5)) {
      LatencyRecorder.Result r =
          load.run(50, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));

      // 150 messages in all, 15 refused; 100 in the window, 10 of them refused.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                assertThat(load.refusals()).isEqualTo(Map.of("test-refusal", 15L));
                LatencyRecorder.Result now = load.result();
                assertThat(now.refused()).isEqualTo(15);
                assertThat(now.received()).isEqualTo(now.expected() - 10 * 5);
              });
      r = load.result();
      assertThat(load.errors()).isZero();
      assertThat(load.closedConnections()).isZero();
      assertThat(r.summary()).endsWith("refused=15");
    }
  }
}
