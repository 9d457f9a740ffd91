package io.chatstack.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.client.ChatClientException;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.StompFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageFramesTest {
  private final MessageFrames reader = new MessageFrames(1 << 20);

  @Test
  void readsCoalescedServerFramesAndSkipsHeartbeats() {
    List<StompFrame> frames =
        reader.read(
            "\nMESSAGE\nsubscription:s\nseq:5\n\n{}\0\nRECEIPT\nreceipt-id:send\\c7\n\n\0\n");
    assertThat(frames)
        .extracting(StompFrame::command)
        .containsExactly(Command.MESSAGE, Command.RECEIPT);
    assertThat(frames.get(0).header("seq")).contains("5");
    assertThat(frames.get(0).text()).isEqualTo("{}");
    assertThat(frames.get(1).header("receipt-id")).contains("send:7");
    assertThat(reader.read("\n")).isEmpty();
  }

  @Test
  void malformedInputIsRefusedClearly() {
    for (String bad :
        new String[] {
          "garbage without end", "NOPE\n\n\0", "CONNECT\n\n\0", "MESSAGE\nseq:1\n\nno nul",
        }) {
      assertThatThrownBy(() -> new MessageFrames(1 << 20).read(bad))
          .as(bad)
          .isInstanceOf(ChatClientException.class)
          .hasMessageStartingWith("The server sent a malformed frame")
          .extracting(e -> ((ChatClientException) e).code())
          .isEqualTo("malformed-frame");
    }
  }
}
