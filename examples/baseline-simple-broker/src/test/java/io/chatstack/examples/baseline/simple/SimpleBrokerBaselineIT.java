package io.chatstack.examples.baseline.simple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A SEND to a room reaches the room's subscriber, stamped with the CONNECT login. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SimpleBrokerBaselineIT {
  @LocalServerPort int port;

  @Test
  void sendReachesTheSubscriberWithTheLoginAsSender() throws Exception {
    WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
    // Strings both ways; the SEND's content-type header says application/json.
    client.setMessageConverter(
        new StringMessageConverter() {
          @Override
          protected boolean supportsMimeType(MessageHeaders headers) {
            return true;
          }
        });
    StompHeaders connect = new StompHeaders();
    connect.setLogin("alice");
    connect.setHeartbeat(new long[] {0, 0});
    StompSession session =
        client
            .connectAsync(
                "ws://127.0.0.1:" + port + "/ws",
                new WebSocketHttpHeaders(),
                connect,
                new StompSessionHandlerAdapter() {})
            .get(30, TimeUnit.SECONDS);
    try {
      BlockingQueue<String> received = new LinkedBlockingQueue<>();
      session.subscribe(
          "/topic/chat/7",
          new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
              return String.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
              received.add((String) payload);
            }
          });
      StompHeaders send = new StompHeaders();
      send.setDestination("/app/chat/send/7");
      send.setContentType(MimeTypeUtils.APPLICATION_JSON);
      String body = "{\"content\":\"hello 1732585200000\",\"clientMsgId\":\"c-1\"}";
      // Spring's inbound pool may handle a SEND before the SUBSCRIBE sent just before it (the
      // SimpleBroker has no receipts to wait for): send until the subscription delivers.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                session.send(send, body);
                return !received.isEmpty();
              });

      JsonNode message = JsonMapper.shared().readTree(received.peek());
      assertThat(message.get("sender").asString()).isEqualTo("alice");
      assertThat(message.get("content").asString()).isEqualTo("hello 1732585200000");
      assertThat(message.get("roomId").asLong()).isEqualTo(7);
      assertThat(message.get("type").asString()).isEqualTo("CHAT");
      assertThat(message.get("clientMsgId").asString()).isEqualTo("c-1");
      assertThat(message.get("timestamp").asString()).endsWith("Z");
      assertThat(message.get("id").asString()).hasSize(36);
    } finally {
      session.disconnect();
      client.stop();
    }
  }
}
