package io.chatstack.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatMessage;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.spi.ServerContainer;
import org.glassfish.tyrus.spi.ServerContainerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A scripted fake server (a tiny jakarta.websocket endpoint on Tyrus) answers CONNECT properly,
 * then answers the first SEND with a broken frame: the client closes with a clear error that
 * reaches the ConnectionListener and the pending send.
 */
class MalformedServerIT {
  static volatile String reply = "";
  static volatile String connectedFrame =
      "CONNECTED\nversion:1.2\nheart-beat:0,0\nuser-name:bot\n\n\0";
  static ServerContainer container;
  static int port;

  /** Replies CONNECTED to CONNECT and {@link #reply} to the first SEND. */
  public static final class ScriptedEndpoint extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
      session.addMessageHandler(
          String.class,
          (MessageHandler.Whole<String>)
              text -> {
                try {
                  if (text.startsWith("CONNECT")) {
                    session.getBasicRemote().sendText(connectedFrame);
                  } else if (text.startsWith("SEND")) {
                    session
                        .getBasicRemote()
                        .sendText(reply.replace("\\0", "\0").replace("{receipt}", receiptOf(text)));
                  }
                } catch (IOException e) {
                  // client gone
                }
              });
    }
  }

  /** The value of the frame's receipt header, for replies that answer it. */
  static String receiptOf(String frame) {
    for (String line : frame.split("\n")) {
      if (line.isEmpty()) {
        break;
      }
      if (line.startsWith("receipt:")) {
        return line.substring("receipt:".length());
      }
    }
    return "";
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

  @org.junit.jupiter.api.AfterEach
  void resetScript() {
    connectedFrame = "CONNECTED\nversion:1.2\nheart-beat:0,0\nuser-name:bot\n\n\0";
  }

  @org.junit.jupiter.api.Test
  void aServerThatFallsSilentCountsAsLostConnection() {
    // promises a heart-beat every 200 ms, then never sends anything again
    connectedFrame = "CONNECTED\nversion:1.2\nheart-beat:200,0\nuser-name:bot\n\n\0";
    Recorder events = new Recorder();
    ChatClient client =
        ChatClient.builder()
            .url(URI.create("ws://localhost:" + port + "/ws"))
            .login("bot")
            .heartbeat(Duration.ofMillis(200))
            .reconnect(ReconnectPolicy.NONE)
            .connectionListener(events)
            .build()
            .connect();
    await().atMost(Duration.ofSeconds(30)).until(() -> events.failure != null);
    assertThat(events.events)
        .containsExactly("connected", "disconnected", "failure:reconnect-failed");
    assertThat(events.failure.getCause())
        .hasMessageContaining("Nothing received from the server for more than 1400 ms");
    assertThat(client.isClosed()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "this is not STOMP at all|malformed-frame|incomplete or invalid STOMP frame",
        "HELLO\\n\\n\\0|malformed-frame|invalid STOMP frame",
        "SEND\\ndestination:/x\\n\\n\\0|malformed-frame|SEND is not a command a server may send",
        "RECEIPT\\n\\n\\0|malformed-frame|RECEIPT without 'receipt-id'",
        // a RECEIPT answering the send, but broken: the send fails with the same error
        "RECEIPT\\nreceipt-id:{receipt}\\nseq:1\\n\\n\\0|malformed-frame|RECEIPT without 'message-id'",
        "RECEIPT\\nreceipt-id:{receipt}\\nmessage-id:m\\n\\n\\0|malformed-frame|RECEIPT without 'seq'",
        "RECEIPT\\nreceipt-id:{receipt}\\nmessage-id:m\\nseq:x\\n\\n\\0|malformed-frame|RECEIPT frame: 'x' is not a number",
        "RECEIPT\\nreceipt-id:{receipt}\\nmessage-id:m\\nseq:1\\ntimestamp:today\\n\\n\\0|malformed-frame|timestamp is not ISO-8601",
        "MESSAGE\\nsubscription:errors\\n\\n{oops\\0|malformed-frame|not JSON",
        "ERROR\\nmessage:boom\\ncode:internal-error\\n\\n\\0|server-error|boom (code internal-error)"
      })
  void brokenFramesCloseTheClientWithAClearError(String script, String code, String message)
      throws Exception {
    reply = script.replace("\\n", "\n");
    Recorder events = new Recorder();
    ChatClient client =
        ChatClient.builder()
            .url(URI.create("ws://localhost:" + port + "/ws"))
            .login("bot")
            .heartbeat(Duration.ZERO)
            .connectionListener(events)
            .build()
            .connect();
    CompletableFuture<ChatMessage> pending = client.send(1, "trigger");
    await().atMost(Duration.ofSeconds(30)).until(() -> events.failure != null);
    assertThat(events.failure.code()).isEqualTo(code);
    assertThat(events.failure.getMessage()).contains(message);
    assertThat(client.isClosed()).isTrue();
    assertThatThrownBy(() -> pending.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isSameAs(events.failure);
    assertThat(events.events).containsExactly("connected", "failure:" + code);
    assertThatThrownBy(() -> client.rooms())
        .isInstanceOf(ChatClientException.class)
        .extracting(e -> ((ChatClientException) e).code())
        .isEqualTo("closed");
  }
}
