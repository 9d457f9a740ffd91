package io.chatstack.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.client.ChatClientException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
  private final FrameCodec codec = new FrameCodec();

  @Test
  void encodesClientFramesWithEscapedHeadersAndContentLength() {
    String text =
        codec.encode(
            new StompFrame(
                "SEND",
                Map.of("destination", "/app/chat/send/1", "receipt", "a:b"),
                "{\"content\":\"hi\"}".getBytes(StandardCharsets.UTF_8)));
    assertThat(text)
        .startsWith("SEND\n")
        .contains("destination:/app/chat/send/1\n")
        .contains("receipt:a\\cb\n")
        .contains("content-length:16\n")
        .endsWith("\n\n{\"content\":\"hi\"}\0");
  }

  @Test
  void decodesCoalescedServerFramesAndSkipsHeartbeats() {
    List<StompFrame> frames =
        codec.decode(
            "\nMESSAGE\nsubscription:s\nseq:5\n\n{}\0\nRECEIPT\nreceipt-id:send\\c7\n\n\0\n");
    assertThat(frames).extracting(StompFrame::command).containsExactly("MESSAGE", "RECEIPT");
    assertThat(frames.get(0).header("seq")).contains("5");
    assertThat(frames.get(0).text()).isEqualTo("{}");
    assertThat(frames.get(1).header("receipt-id")).contains("send:7");
    assertThat(codec.decode("\n")).isEmpty();
  }

  @Test
  void malformedInputIsRefusedClearly() {
    for (String bad :
        new String[] {
          "garbage without end", "NOPE\n\n\0", "CONNECT\n\n\0", "MESSAGE\nseq:1\n\nno nul",
        }) {
      assertThatThrownBy(() -> codec.decode(bad))
          .as(bad)
          .isInstanceOf(ChatClientException.class)
          .hasMessageStartingWith("The server sent a malformed frame")
          .extracting(e -> ((ChatClientException) e).code())
          .isEqualTo("malformed-frame");
    }
  }
}
