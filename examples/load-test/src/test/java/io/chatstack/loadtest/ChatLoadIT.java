package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatService;
import io.chatstack.server.ChatServer;
import io.chatstack.server.DevAuthenticator;
import io.chatstack.server.StompServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Smoke test: a short light-load run against the standalone server with in-memory services. */
class ChatLoadIT {
  private ChatService service;
  private ChatServer server;

  @BeforeEach
  void start() {
    service = ChatService.builder().build();
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
    RoomSetup rooms =
        new RoomSetup() {
          @Override
          public long createRoom(String name, String creator) {
            return service.createRoom(name, creator).id();
          }

          @Override
          public void join(long roomId, List<String> usernames) {
            usernames.forEach(u -> service.join(roomId, u));
          }
        };
    URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/ws");
    try (ChatLoad load = ChatLoad.open(HttpClient.newHttpClient(), ws, rooms, "it", 2, 5, 5)) {
      LatencyRecorder.Result r =
          load.run(50, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(10));

      assertThat(r.expected()).isEqualTo(2 * 50 * 5);
      assertThat(r.received()).isEqualTo(r.expected());
      assertThat(r.p50Micros()).isPositive();
      assertThat(load.errors()).isZero();
    }
  }
}
