package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatService;
import io.chatstack.core.Interception;
import io.chatstack.core.MessageType;
import io.chatstack.core.Room;
import io.chatstack.json.ChatJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A MessageInterceptor over the wire: a rejection reaches the sender on /user/queue/errors with the
 * interceptor's code and no RECEIPT, the other subscribers receive nothing; a rewrite reaches them
 * rewritten.
 */
class InterceptorIT {
  static ServerFixture fixture;

  @BeforeAll
  static void start() {
    fixture =
        new ServerFixture(
            ChatService.builder()
                .interceptor(
                    (c, d) -> {
                      if (d.content().contains("spam")) {
                        return Interception.reject("no-spam", "Spam is not allowed");
                      }
                      return Interception.rewriteContent(d.content().replace("darn", "d**n"));
                    })
                .build());
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static void subscribe(RawStompClient client, String id, String destination)
      throws Exception {
    client.send(
        frame("SUBSCRIBE", "", "id", id, "destination", destination, "receipt", "sub-" + id));
    client.awaitReceipt("sub-" + id);
  }

  private static TestFrame send(RawStompClient client, String destination, String body, String r)
      throws IOException {
    client.send(frame("SEND", body, "destination", destination, "receipt", r));
    return client.await(
        f ->
            r.equals(f.header("receipt-id"))
                || ("err".equals(f.header("subscription"))
                    && r.equals(json(f).path("receiptId").asText()))
                || f.command().equals("ERROR"));
  }

  private static JsonNode json(TestFrame f) {
    try {
      return ChatJson.mapper().readTree(f.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> contents(RawStompClient client) {
    return client.messages().stream()
        .filter(f -> "room".equals(f.header("subscription")))
        .map(f -> json(f).path("content").asText())
        .toList();
  }

  @Test
  void aRejectionReachesOnlyTheSenderWithItsCodeAndARewriteReachesEveryone() throws Exception {
    Room room = fixture.service.createRoom("hooks", "alice");
    fixture.service.join(room.id(), "bob");
    String destination = "/app/chat/send/" + room.id();
    try (RawStompClient alice = RawStompClient.connected(fixture.uri(), "alice");
        RawStompClient bob = RawStompClient.connected(fixture.uri(), "bob")) {
      subscribe(alice, "err", "/user/queue/errors");
      subscribe(bob, "room", "/topic/chat/" + room.id());

      TestFrame refused = send(alice, destination, "{\"content\":\"buy spam now\"}", "r1");
      assertThat(refused.command()).as("%s", refused).isEqualTo("MESSAGE");
      assertThat(refused.header("subscription")).isEqualTo("err");
      assertThat(json(refused).path("code").asText()).isEqualTo("no-spam");
      assertThat(json(refused).path("message").asText()).contains("Spam is not allowed");

      TestFrame ok = send(alice, destination, "{\"content\":\"oh darn\"}", "r2");
      assertThat(ok.command()).as("%s", ok).isEqualTo("RECEIPT");
      bob.await(f -> "room".equals(f.header("subscription")));

      // The rejected send was before the accepted one: had it been delivered, bob had it first.
      assertThat(contents(bob)).containsExactly("oh d**n");
      assertThat(alice.messages())
          .noneMatch(f -> "RECEIPT".equals(f.command()) && "r1".equals(f.header("receipt-id")));
      assertThat(
              fixture.service.since(room.id(), -1, 100).stream()
                  .filter(m -> m.type() == MessageType.CHAT)
                  .map(m -> m.content()))
          .containsExactly("oh d**n");
    }
  }
}
