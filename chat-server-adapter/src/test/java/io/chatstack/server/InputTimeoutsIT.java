package io.chatstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatService;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over a real socket (Tyrus): an idle connection and a frame sent too slowly (slowloris) are
 * answered with ERROR and closed, while a client that connects promptly keeps its connection.
 */
class InputTimeoutsIT {
  static ChatService service;
  static ChatServer server;

  // The frame timeout is the shorter, so that half a CONNECT meets it before the connect timeout.

  @BeforeAll
  static void start() {
    service = ChatService.builder().build();
    server =
        ChatServer.builder()
            .port(0)
            .config(
                StompServerConfig.builder(service, new DevAuthenticator())
                    .heartbeat(Duration.ZERO, Duration.ZERO)
                    .connectTimeout(Duration.ofMillis(1500))
                    .frameTimeout(Duration.ofMillis(300))
                    .build())
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
    service.close();
  }

  @Test
  void idleWebSocketGetsConnectTimeoutAndIsClosed() throws Exception {
    try (RawStompClient idle = RawStompClient.open(server.uri())) {
      TestFrame error = idle.await(f -> f.command().equals("ERROR"));
      idle.awaitClosed();

      assertThat(error.header("code")).isEqualTo("connect-timeout");
      assertThat(error.body()).contains("send CONNECT");
      assertThat(idle.closeReason.getCloseCode()).isEqualTo(CloseReason.CloseCodes.VIOLATED_POLICY);
    }
  }

  @Test
  void halfAConnectGetsFrameTimeoutAndIsClosed() throws Exception {
    try (RawStompClient slow = RawStompClient.open(server.uri())) {
      slow.send("CONNECT\naccept-version:1.2\nlog");
      TestFrame error = slow.await(f -> f.command().equals("ERROR"));
      slow.awaitClosed();

      assertThat(error.header("code")).isEqualTo("frame-timeout");
    }
  }

  @Test
  void promptClientKeepsItsConnection() throws Exception {
    try (RawStompClient prompt = RawStompClient.connected(server.uri(), "alice")) {
      prompt.send(
          TestFrame.frame(
              "SUBSCRIBE", "", "id", "r", "destination", "/topic/rooms", "receipt", "r1"));
      prompt.awaitReceipt("r1");
      assertThat(prompt.closeReason).isNull();
      assertThat(prompt.frames).noneMatch(f -> f.command().equals("ERROR"));
    }
  }
}
