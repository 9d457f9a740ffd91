package io.chatstack.spring.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In a Boot app (raw WebSocket sessions written through Tomcat's asynchronous remote): a client
 * that stops reading is closed as a slow consumer once its bounded queue is full, while a healthy
 * client of the same room receives every message.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "chatstack.security.authentication=dev",
      "chatstack.websocket.outbound-queue-frames=32"
    })
class SlowConsumerBootIT {
  private static final int MESSAGES = 6_000;

  @SpringBootApplication
  static class App {}

  @LocalServerPort int port;
  @Autowired ChatService chat;
  @Autowired MeterRegistry meters;

  /** Reads until the RECEIPT of its SUBSCRIBE if {@code stall}, then never asks for more. */
  private static final class Client implements WebSocket.Listener {
    final boolean stall;
    final CountDownLatch subscribed = new CountDownLatch(1);
    final AtomicInteger messages = new AtomicInteger();
    final StringBuilder part = new StringBuilder();

    Client(boolean stall) {
      this.stall = stall;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      part.append(data);
      if (last) {
        // One WebSocket message may carry several STOMP frames (the server coalesces writes).
        for (String frame : part.toString().split("\0")) {
          String command = frame.stripLeading();
          if (command.startsWith("MESSAGE")) {
            messages.incrementAndGet();
          } else if (command.startsWith("RECEIPT")) {
            subscribed.countDown();
            if (stall) {
              part.setLength(0);
              return null; // no more demand: the socket is no longer read
            }
          }
        }
        part.setLength(0);
      }
      socket.request(1);
      return null;
    }
  }

  private WebSocket open(Client client, String user, long roomId) throws Exception {
    WebSocket socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), client)
            .get(30, TimeUnit.SECONDS);
    socket.sendText("CONNECT\naccept-version:1.2\nhost:h\nlogin:" + user + "\n\n\0", true).join();
    socket
        .sendText(
            "SUBSCRIBE\nid:s\ndestination:/topic/chat/" + roomId + "\nreceipt:sub\n\n\0", true)
        .join();
    assertThat(client.subscribed.await(30, TimeUnit.SECONDS)).isTrue();
    return socket;
  }

  @Test
  void aClientThatStopsReadingIsClosedAndOthersGetEverything() throws Exception {
    Room room = chat.createRoom("flood", "alice");
    chat.join(room.id(), "slow");
    Client slow = new Client(true);
    Client healthy = new Client(false);
    open(slow, "slow", room.id());
    WebSocket healthySocket = open(healthy, "alice", room.id());

    String content = "x".repeat(3_900); // 6,000 of them: far more than socket buffers hold
    for (int i = 0; i < MESSAGES; i++) {
      chat.send(room.id(), "alice", content + i).join();
      if (i % 16 == 15) { // paced by the healthy reader, so only the stalled one falls behind
        int sent = i + 1;
        await().atMost(Duration.ofSeconds(30)).until(() -> healthy.messages.get() >= sent);
      }
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(
                      meters
                          .counter("chatstack.sessions.closed", "reason", "slow-consumer")
                          .count())
                  .isEqualTo(1.0);
              assertThat(healthy.messages).hasValue(MESSAGES);
            });
    assertThat(healthySocket.isInputClosed()).isFalse();
  }
}
