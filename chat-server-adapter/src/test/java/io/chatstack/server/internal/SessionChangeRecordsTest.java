package io.chatstack.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.Room;
import io.chatstack.core.SendOptions;
import io.chatstack.json.ChatJson;
import io.chatstack.server.TestFrame;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Change records (EDIT, DELETE, REACTION) on room subscriptions: delivered live and by since-seq
 * like any message, with their lifecycle fields, and never taken for the subscriber's JOIN or
 * LEAVE.
 */
class SessionChangeRecordsTest extends SessionSubscriptionsFixture {

  private static JsonNode read(String body) {
    try {
      return ChatJson.mapper().readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void changeRecordsAreDeliveredLiveWithTheirFieldsAndOwnChangesRevokeNothing() {
    Room room = service.createRoom("general", "alice");
    SessionSubscriptions alice = subscriptions("alice");
    alice.subscribe(subscribe("s1", D.room(room.id())));

    ChatMessage question = service.send(room.id(), "alice", "q").join();
    service
        .send(
            room.id(),
            "alice",
            "a",
            null,
            SendOptions.NONE.withReplyTo(question.id()).withMetadata(Map.of("k", "v")))
        .join();
    service.messages().edit(room.id(), "alice", question.id(), "q2", null).join();
    service.messages().react(room.id(), "alice", question.id(), "👍", true).join();
    service.messages().delete(room.id(), "alice", question.id()).join();
    service.send(room.id(), "alice", "still subscribed").join();

    List<JsonNode> bodies =
        replies.frames().stream()
            .filter(f -> f.header("destination").equals(D.room(room.id())))
            .map(f -> read(f.body()))
            .toList();
    assertThat(bodies)
        .extracting(b -> b.get("type").asText())
        .containsExactly("CHAT", "CHAT", "EDIT", "REACTION", "DELETE", "CHAT");
    JsonNode reply = bodies.get(1);
    assertThat(reply.get("replyTo").asText()).isEqualTo(question.id());
    assertThat(reply.get("metadata").get("k").asText()).isEqualTo("v");
    assertThat(bodies.get(2).get("targetId").asText()).isEqualTo(question.id());
    assertThat(bodies.get(2).get("content").asText()).isEqualTo("q2");
    assertThat(bodies.get(3).get("content").asText()).isEqualTo("👍");
    assertThat(bodies.get(3).get("metadata").get("add").asBoolean()).isTrue();
    assertThat(bodies.get(4).get("targetId").asText()).isEqualTo(question.id());
    assertThat(errorQueue()).isEmpty();
    assertThat(closes).hasValue(0);
  }

  @Test
  void aSinceSeqReplayCarriesTheChangeRecordsInOrder() {
    Room room = service.createRoom("general", "alice");
    ChatMessage first = service.send(room.id(), "alice", "first").join();
    service.messages().edit(room.id(), "alice", first.id(), "first!", null).join();
    service.messages().delete(room.id(), "alice", first.id()).join();

    subscriptions("alice").subscribe(subscribe("s1", D.room(room.id()), "since-seq", "-1"));

    List<TestFrame> frames = replies.frames();
    assertThat(frames).allSatisfy(f -> assertThat(f.header("subscription")).isEqualTo("s1"));
    assertThat(replies.paced).hasSameSizeAs(frames);
    assertThat(frames.stream().map(f -> read(f.body()).get("type").asText()))
        .containsExactly("JOIN", "CHAT", "EDIT", "DELETE");
    assertThat(frames.stream().map(f -> Long.parseLong(f.header("seq")))).isSorted();
    assertThat(errorQueue()).isEmpty();
  }
}
