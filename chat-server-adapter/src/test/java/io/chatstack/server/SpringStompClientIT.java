package io.chatstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import io.chatstack.json.ChatJson;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * Spring's WebSocketStompClient (an independent STOMP implementation) against the standalone
 * server.
 */
class SpringStompClientIT {
  static ServerFixture fixture;
  static ThreadPoolTaskScheduler scheduler;
  static WebSocketStompClient client;

  @BeforeAll
  static void start() {
    fixture = new ServerFixture();
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1);
    scheduler.initialize();
    client = new WebSocketStompClient(new StandardWebSocketClient(RawStompClient.client()));
    client.setTaskScheduler(scheduler);
  }

  @AfterAll
  static void stop() {
    scheduler.shutdown();
    fixture.close();
  }

  @Test
  void createJoinChatLeaveAndRecoverWithSinceSeq() throws Exception {
    StompSession alice = connect("alice");
    String roomId =
        sendForReceipt(alice, "/app/chat/rooms", "{\"roomName\":\"spring-room\"}")
            .getFirst("room-id");
    BlockingQueue<ChatMessage> aliceInbox = subscribe(alice, "/topic/chat/" + roomId, null);

    StompSession bob = connect("bob");
    sendForReceipt(bob, "/app/chat/join/" + roomId, "");
    StompHeaders sent =
        sendForReceipt(bob, "/app/chat/send/" + roomId, "{\"content\":\"hello from spring\"}");
    sendForReceipt(bob, "/app/chat/leave/" + roomId, "");

    ChatMessage join = next(aliceInbox);
    ChatMessage chat = next(aliceInbox);
    ChatMessage leave = next(aliceInbox);
    assertThat(List.of(join.type(), chat.type(), leave.type()))
        .containsExactly(MessageType.JOIN, MessageType.CHAT, MessageType.LEAVE);
    assertThat(chat.sender()).isEqualTo("bob");
    assertThat(chat.content()).isEqualTo("hello from spring");
    assertThat(sent.getFirst("message-id")).isEqualTo(chat.id());
    assertThat(sent.getFirst("seq")).isEqualTo(Long.toString(chat.seq()));

    alice.disconnect();
    sendForReceipt(bob, "/app/chat/join/" + roomId, "");
    sendForReceipt(bob, "/app/chat/send/" + roomId, "{\"content\":\"missed 1\"}");
    sendForReceipt(bob, "/app/chat/send/" + roomId, "{\"content\":\"missed 2\"}");

    StompSession aliceAgain = connect("alice");
    BlockingQueue<ChatMessage> recovered =
        subscribe(aliceAgain, "/topic/chat/" + roomId, leave.seq());
    assertThat(List.of(next(recovered), next(recovered), next(recovered)))
        .extracting(ChatMessage::content)
        .containsExactly("bob joined the room", "missed 1", "missed 2");
    sendForReceipt(aliceAgain, "/app/chat/send/" + roomId, "{\"content\":\"back\"}");
    assertThat(next(recovered).content()).isEqualTo("back");
    assertThat(recovered).isEmpty();
    aliceAgain.disconnect();
    bob.disconnect();
  }

  private static StompSession connect(String user) throws Exception {
    StompHeaders headers = new StompHeaders();
    headers.setLogin(user);
    StompSession session =
        client
            .connectAsync(
                fixture.uri().toString(),
                new org.springframework.web.socket.WebSocketHttpHeaders(),
                headers,
                new StompSessionHandlerAdapter() {})
            .get(30, TimeUnit.SECONDS);
    session.setAutoReceipt(true);
    return session;
  }

  private static StompHeaders sendForReceipt(StompSession session, String destination, String json)
      throws Exception {
    CompletableFuture<StompHeaders> receipt = new CompletableFuture<>();
    StompHeaders headers = new StompHeaders();
    headers.setDestination(destination);
    StompSession.Receiptable r = session.send(headers, json.getBytes(StandardCharsets.UTF_8));
    r.addReceiptTask(receipt::complete);
    r.addReceiptLostTask(
        () -> receipt.completeExceptionally(new AssertionError("receipt lost for " + destination)));
    return receipt.get(30, TimeUnit.SECONDS);
  }

  private static BlockingQueue<ChatMessage> subscribe(
      StompSession session, String destination, Long sinceSeq) throws Exception {
    BlockingQueue<ChatMessage> inbox = new LinkedBlockingQueue<>();
    StompHeaders headers = new StompHeaders();
    headers.setDestination(destination);
    if (sinceSeq != null) {
      headers.set("since-seq", Long.toString(sinceSeq));
    }
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    session
        .subscribe(
            headers,
            new StompFrameHandler() {
              @Override
              public Type getPayloadType(StompHeaders h) {
                return byte[].class;
              }

              @Override
              public void handleFrame(StompHeaders h, Object payload) {
                inbox.add(ChatJson.fromJson((byte[]) payload, ChatMessage.class));
              }
            })
        .addReceiptTask(() -> subscribed.complete(null));
    subscribed.get(30, TimeUnit.SECONDS);
    return inbox;
  }

  private static ChatMessage next(BlockingQueue<ChatMessage> inbox) throws InterruptedException {
    ChatMessage m = inbox.poll(30, TimeUnit.SECONDS);
    assertThat(m).as("message within 30 s").isNotNull();
    return m;
  }
}
