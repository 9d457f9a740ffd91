package io.chatstack.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.MessageType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChatJsonTest {
  private final ChatMessage message =
      new ChatMessage(
          "m-1",
          7,
          42,
          "alice",
          "hi \"there\"",
          MessageType.CHAT,
          Instant.parse("2026-05-06T07:08:09.123Z"),
          "c-1");

  @Test
  void writesSeedFieldNamesAndIsoUtcTimestamps() {
    String json = ChatJson.toJson(message);
    assertThat(json)
        .isEqualTo(
            "{\"id\":\"m-1\",\"roomId\":7,\"seq\":42,\"sender\":\"alice\",\"content\":\"hi \\\"there\\\"\","
                + "\"type\":\"CHAT\",\"timestamp\":\"2026-05-06T07:08:09.123Z\",\"clientMsgId\":\"c-1\"}");
  }

  @Test
  void roundTripsAndIgnoresUnknownFields() {
    assertThat(ChatJson.fromJson(ChatJson.toBytes(message), ChatMessage.class)).isEqualTo(message);
    String withExtra =
        "{\"id\":\"m-1\",\"roomId\":7,\"seq\":42,\"sender\":\"alice\",\"content\":\"hi \\\"there\\\"\","
            + "\"type\":\"CHAT\",\"timestamp\":\"2026-05-06T07:08:09.123Z\",\"clientMsgId\":\"c-1\",\"future\":{\"x\":1}}";
    assertThat(ChatJson.fromJson(withExtra, ChatMessage.class)).isEqualTo(message);
  }

  @Test
  void seedMessagesWithoutSeqOrClientMsgIdStillParse() {
    String seed =
        "{\"id\":\"abc\",\"roomId\":3,\"sender\":\"bob\",\"content\":\"yo\",\"type\":\"JOIN\","
            + "\"timestamp\":\"2026-05-06T07:08:09Z\"}";
    ChatMessage parsed = ChatJson.fromJson(seed, ChatMessage.class);
    assertThat(parsed.clientMsgId()).isEqualTo("abc");
    assertThat(parsed.type()).isEqualTo(MessageType.JOIN);
    assertThat(parsed.seq()).isZero();
  }

  @Test
  void malformedJsonIsAClearInvalidInput() {
    assertThatThrownBy(() -> ChatJson.fromJson("{\"id\":", ChatMessage.class))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("Not a valid ChatMessage JSON document");
    assertThatThrownBy(() -> ChatJson.fromJson("{\"content\":\"x\"}", ChatMessage.class))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aNullDocumentIsAnInvalidInputNotANullValue() {
    // A log record or request body of "null" must be refused like other malformed input: the log's
    // readers skip what fails with InvalidInputException and would stop on anything else.
    assertThatThrownBy(() -> ChatJson.fromJson("null", ChatMessage.class))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("null instead of an object");
    assertThatThrownBy(() -> ChatJson.fromJson(" null ", io.chatstack.core.RoomEvent.class))
        .isInstanceOf(InvalidInputException.class);
  }
}
