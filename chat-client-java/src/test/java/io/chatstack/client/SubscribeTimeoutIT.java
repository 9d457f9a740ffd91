package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.ServerContainerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scripted fake server answers CONNECT but holds back the RECEIPT of a room's SUBSCRIBE until the
 * client's subscribe timed out: the server made the subscription, so the client unsubscribes it
 * (else the server would stream to nobody and count it toward its subscription limit).
 */
class SubscribeTimeoutIT {
  static final List<String> received = new CopyOnWriteArrayList<>();
  static volatile Session session;
  static ServerContainer container;
  static int port;

  /** Replies CONNECTED to CONNECT, records every frame and keeps the session. */
  public static final class ScriptedEndpoint extends Endpoint {
    @Override
    public void onOpen(Session s, EndpointConfig config) {
      session = s;
      s.addMessageHandler(
          String.class,
          (MessageHandler.Whole<String>)
              text -> {
                received.add(text);
                if (text.startsWith("CONNECT")) {
                  sendQuietly("CONNECTED\nversion:1.2\nheart-beat:0,0\nuser-name:bot\n\n\0");
                }
              });
    }
  }

  static void sendQuietly(String text) {
    try {
      session.getBasicRemote().sendText(text);
    } catch (IOException e) {
      // client gone
    }
  }

  @BeforeAll
  static void start() throws Exception {
    container = ServerContainerFactory.createServerContainer(Map.of());
    container.addEndpoint(
        ServerEndpointConfig.Builder.create(ScriptedEndpoint.class, "/ws").build());
    container.start("/", 0);
    port = ((org.glassfish.tyrus.server.TyrusServerContainer) container).getPort();
  }

  @AfterAll
  static void stop() {
    container.stop();
  }

  @Test
  void aSubscriptionConfirmedAfterItsTimeoutIsUnsubscribed() {
    Recorder events = new Recorder();
    try (ChatClient client =
        ChatClient.builder()
            .url(URI.create("ws://localhost:" + port + "/ws"))
            .login("bot")
            .heartbeat(Duration.ZERO)
            .requestTimeout(Duration.ofSeconds(1))
            .connectionListener(events)
            .build()
            .connect()) {
      assertThatThrownBy(() -> client.subscribe(7, -1, new Recorder()))
          .isInstanceOf(ChatClientException.class)
          .extracting(e -> ((ChatClientException) e).code())
          .isEqualTo("timeout");
      String subscribe =
          received.stream()
              .filter(
                  f -> f.startsWith("SUBSCRIBE") && header(f, "destination").endsWith("/chat/7"))
              .findFirst()
              .orElseThrow();
      String id = header(subscribe, "id");

      // the server made it after all: its RECEIPT comes late
      sendQuietly("RECEIPT\nreceipt-id:sub:" + id + "\n\n\0");

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  received.stream()
                      .anyMatch(f -> f.startsWith("UNSUBSCRIBE") && header(f, "id").equals(id)));
      assertThat(client.isConnected()).isTrue();
      assertThat(events.events).containsExactly("connected");
    }
  }

  static String header(String frame, String name) {
    for (String line : frame.split("\n")) {
      if (line.isEmpty()) {
        break;
      }
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1);
      }
    }
    return "";
  }
}
