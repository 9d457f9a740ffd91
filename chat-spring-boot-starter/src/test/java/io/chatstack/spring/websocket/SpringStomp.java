package io.chatstack.spring.websocket;

import io.chatstack.core.ChatMessage;
import io.chatstack.json.ChatJson;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * Spring's STOMP client over a given WebSocket transport, for tests: payloads as strings, and every
 * ERROR frame and transport error recorded in {@link #problems}. Close it after the test.
 */
final class SpringStomp implements AutoCloseable {
  /** ERROR frames and transport errors, in order (thread-safe). */
  final List<String> problems = new CopyOnWriteArrayList<>();

  private final WebSocketStompClient client;

  SpringStomp(WebSocketClient transport) {
    client = new WebSocketStompClient(transport);
    client.setMessageConverter(
        new StringMessageConverter() {
          @Override
          protected boolean supportsMimeType(MessageHeaders headers) {
            return true;
          }
        });
  }

  /** The largest inbound STOMP message the client accepts (its default is 64 KiB). */
  SpringStomp inboundLimit(int bytes) {
    client.setInboundMessageSizeLimit(bytes);
    return this;
  }

  /** CONNECTs as {@code login} (dev authentication), waiting up to 30 s for CONNECTED. */
  StompSession connect(String url, String login) throws Exception {
    StompHeaders connect = new StompHeaders();
    connect.setLogin(login);
    return client
        .connectAsync(
            url,
            new WebSocketHttpHeaders(),
            connect,
            new StompSessionHandlerAdapter() {
              @Override
              public void handleFrame(StompHeaders headers, Object payload) {
                problems.add("ERROR " + headers + " " + payload);
              }

              @Override
              public void handleTransportError(StompSession session, Throwable exception) {
                problems.add(exception.toString());
              }
            })
        .get(30, TimeUnit.SECONDS);
  }

  /** SUBSCRIBEs to a room's chat topic; its messages are added to {@code into}. */
  static void subscribe(StompSession session, long roomId, List<ChatMessage> into) {
    session.subscribe(
        "/topic/chat/" + roomId,
        new StompFrameHandler() {
          @Override
          public Type getPayloadType(StompHeaders headers) {
            return String.class;
          }

          @Override
          public void handleFrame(StompHeaders headers, Object payload) {
            into.add(ChatJson.fromJson((String) payload, ChatMessage.class));
          }
        });
  }

  @Override
  public void close() {
    client.stop();
  }
}
