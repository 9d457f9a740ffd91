package io.chatstack.spring.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatstack.core.ChatService;
import io.chatstack.core.Room;
import io.chatstack.server.StompEngine;
import io.chatstack.spring.websocket.internal.StompWebSocketHandler;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.WebSocketSession;

/**
 * A handler bean of the host's own (here a subclass of chatstack's) is upgraded by Spring, not by
 * chatstack's lean endpoint, and its raw WebSocket connections still write through the container's
 * asynchronous remote: no write goes to the writer executor.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "chatstack.security.authentication=dev")
class CustomStompHandlerIT {
  @SpringBootApplication
  static class App {
    @Bean
    CountingHandler chatStompWebSocketHandler(
        StompEngine engine,
        @Qualifier(ChatWebSocketAutoConfiguration.WRITER_BEAN) ExecutorService writer) {
      return new CountingHandler(engine, writer);
    }
  }

  /** Counts the sessions Spring hands to it. */
  static final class CountingHandler extends StompWebSocketHandler {
    final AtomicInteger established = new AtomicInteger();

    CountingHandler(StompEngine engine, ExecutorService writer) {
      super(engine, writer, ConnectionObserver.NONE);
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
      established.incrementAndGet();
      super.afterConnectionEstablished(session);
    }
  }

  @LocalServerPort int port;
  @Autowired ChatService chat;
  @Autowired CountingHandler handler;

  @Autowired
  @Qualifier(ChatWebSocketAutoConfiguration.WRITER_BEAN)
  ExecutorService writer;

  @Test
  void aSubclassedHandlerGetsSpringsSessionsAndStillWritesAsynchronously() throws Exception {
    Room room = chat.createRoom("custom-handler", "alice");
    long writerTasks = ((ThreadPoolExecutor) writer).getTaskCount();
    try (StompWire wire = StompWire.open(URI.create("ws://127.0.0.1:" + port + "/ws"), Map.of())) {
      wire.send(StompWire.frame("CONNECT", "", "accept-version", "1.2", "login", "alice"));
      wire.await(f -> f.command().equals("CONNECTED"));
      wire.send(
          StompWire.frame(
              "SUBSCRIBE",
              "",
              "id",
              "1",
              "destination",
              "/topic/chat/" + room.id(),
              "receipt",
              "r1"));
      wire.awaitReceipt("r1");
      for (int i = 0; i < 20; i++) {
        chat.send(room.id(), "alice", "hello " + i).join();
      }
      await()
          .until(
              () -> wire.frames().stream().filter(f -> f.command().equals("MESSAGE")).count(),
              n -> n == 20);
    }
    assertThat(handler.established).hasValue(1);
    assertThat(((ThreadPoolExecutor) writer).getTaskCount()).isEqualTo(writerTasks);
  }
}
