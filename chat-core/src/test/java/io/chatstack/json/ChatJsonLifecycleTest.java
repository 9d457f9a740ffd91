package io.chatstack.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import io.chatstack.core.Reaction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON of the lifecycle fields: left out while empty, round-tripped when set. */
class ChatJsonLifecycleTest {
  private static final Instant T = Instant.parse("2026-12-04T10:00:00.000Z");

  @Test
  void aPlainMessageHasOnlyTheOriginalFields() {
    ChatMessage m = new ChatMessage("id", 1, 2, "alice", "hi", MessageType.CHAT, T, "c");
    assertThat(ChatJson.toJson(m))
        .isEqualTo(
            "{\"id\":\"id\",\"roomId\":1,\"seq\":2,\"sender\":\"alice\",\"content\":\"hi\","
                + "\"type\":\"CHAT\",\"timestamp\":\"2026-12-04T10:00:00Z\",\"clientMsgId\":\"c\"}");
    assertThat(ChatJson.fromJson(ChatJson.toJson(m), ChatMessage.class)).isEqualTo(m);
  }

  @Test
  void lifecycleFieldsRoundTrip() {
    ChatMessage m =
        new ChatMessage(
            "id",
            1,
            2,
            "alice",
            "",
            MessageType.CHAT,
            T,
            "c",
            "",
            "q",
            Map.of("k", List.of(1, "x")),
            Optional.of(T),
            true,
            Map.of("👍", new Reaction(2, List.of("a", "b"))),
            7);
    String json = ChatJson.toJson(m);
    assertThat(json)
        .contains("\"replyTo\":\"q\"", "\"deleted\":true", "\"lastChangeSeq\":7", "\"editedAt\"")
        .doesNotContain("targetId", "isChange", "change\"", "reactionAdded");
    assertThat(ChatJson.fromJson(json, ChatMessage.class)).isEqualTo(m);
  }
}
