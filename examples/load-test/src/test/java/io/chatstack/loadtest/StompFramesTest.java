package io.chatstack.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

class StompFramesTest {
  private static Message<byte[]> decode(String frame) {
    List<Message<byte[]>> frames =
        new StompDecoder().decode(ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8)));
    assertThat(frames).hasSize(1);
    return frames.get(0);
  }

  @Test
  void connectCarriesLoginVersionAndNoHeartBeats() {
    Message<byte[]> frame = decode(StompFrames.connect("alice", "127.0.0.1"));
    assertThat(StompHeaderAccessor.wrap(frame).getCommand()).isEqualTo(StompCommand.CONNECT);
    assertThat(StompFrames.header(frame, "login")).isEqualTo("alice");
    assertThat(StompFrames.header(frame, "accept-version")).isEqualTo("1.2");
    assertThat(StompFrames.header(frame, "heart-beat")).isEqualTo("0,0");
    assertThat(StompFrames.header(frame, "host")).isEqualTo("127.0.0.1");
  }

  @Test
  void sendCarriesDestinationContentTypeAndLength() {
    String body = MessageContent.sendBody("lt:5:1 é");
    Message<byte[]> frame = decode(StompFrames.send("/app/chat/send/3", body));
    assertThat(StompHeaderAccessor.wrap(frame).getCommand()).isEqualTo(StompCommand.SEND);
    assertThat(StompFrames.header(frame, "destination")).isEqualTo("/app/chat/send/3");
    assertThat(StompFrames.header(frame, "content-type")).isEqualTo("application/json");
    assertThat(StompFrames.header(frame, "content-length"))
        .isEqualTo(String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
    assertThat(new String(frame.getPayload(), StandardCharsets.UTF_8)).isEqualTo(body);
  }

  @Test
  void subscribeHasDestinationAndId() {
    Message<byte[]> frame = decode(StompFrames.subscribe("/topic/chat/3", "sub-0"));
    assertThat(StompHeaderAccessor.wrap(frame).getCommand()).isEqualTo(StompCommand.SUBSCRIBE);
    assertThat(StompFrames.header(frame, "destination")).isEqualTo("/topic/chat/3");
    assertThat(StompFrames.header(frame, "id")).isEqualTo("sub-0");
  }
}
