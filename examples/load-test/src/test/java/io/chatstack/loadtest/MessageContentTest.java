package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageContentTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void intendedTimeRoundTripsThroughADeliveredMessage() {
    String content = MessageContent.content(-123456789L, 42);
    String delivered =
        "{\"id\":\"x\",\"roomId\":7,\"meta\":{\"content\":\"nested\"},\"sender\":\"a\","
            + "\"content\":\""
            + content
            + "\",\"type\":\"CHAT\"}";
    assertThat(MessageContent.intendedNanos(utf8(delivered))).isEqualTo(-123456789L);
  }

  @Test
  void sendBodyIsTheChatJson() {
    assertThat(MessageContent.sendBody("lt:1:2"))
        .isEqualTo("{\"content\":\"lt:1:2\",\"type\":\"CHAT\"}");
  }

  @Test
  void otherMessagesAreNotLoadTestMessages() {
    assertThat(
            MessageContent.intendedNanos(utf8("{\"content\":\"alice joined\",\"type\":\"JOIN\"}")))
        .isEqualTo(Long.MIN_VALUE);
    assertThat(MessageContent.intendedNanos(utf8("{\"type\":\"CHAT\"}"))).isEqualTo(Long.MIN_VALUE);
    assertThat(MessageContent.intendedNanos(utf8("not json"))).isEqualTo(Long.MIN_VALUE);
    assertThat(MessageContent.intendedNanos(utf8("[1,2]"))).isEqualTo(Long.MIN_VALUE);
  }
}
