package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.stomp.Command;
import io.chatstack.stomp.FrameLimits;
import io.chatstack.stomp.FrameReader;
import io.chatstack.stomp.StompFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StompFramesTest {
  // Read as the server reads them.
  private static StompFrame decode(String frame) {
    List<StompFrame> frames = FrameReader.forServer(FrameLimits.DEFAULTS).read(frame);
    assertThat(frames).hasSize(1);
    return frames.get(0);
  }

  @Test
  void connectCarriesLoginVersionAndNoHeartBeats() {
    StompFrame frame = decode(StompFrames.connect("alice", "127.0.0.1"));
    assertThat(frame.command()).isEqualTo(Command.CONNECT);
    assertThat(frame.headers())
        .containsEntry("login", "alice")
        .containsEntry("accept-version", "1.2")
        .containsEntry("heart-beat", "0,0")
        .containsEntry("host", "127.0.0.1");
  }

  @Test
  void sendCarriesDestinationContentTypeAndLength() {
    String body = MessageContent.sendBody("lt:5:1 é");
    StompFrame frame = decode(StompFrames.send("/app/chat/send/3", body));
    assertThat(frame.command()).isEqualTo(Command.SEND);
    assertThat(frame.headers())
        .containsEntry("destination", "/app/chat/send/3")
        .containsEntry("content-type", "application/json")
        .containsEntry(
            "content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
    assertThat(frame.text()).isEqualTo(body);
  }

  @Test
  void subscribeHasDestinationAndId() {
    StompFrame frame = decode(StompFrames.subscribe("/topic/chat/3", "sub-0"));
    assertThat(frame.command()).isEqualTo(Command.SUBSCRIBE);
    assertThat(frame.headers())
        .containsEntry("destination", "/topic/chat/3")
        .containsEntry("id", "sub-0");
  }
}
