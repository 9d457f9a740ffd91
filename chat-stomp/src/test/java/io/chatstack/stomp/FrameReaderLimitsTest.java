package io.chatstack.stomp;

import static io.chatstack.stomp.FrameReaderTest.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderLimitsTest {
  private static final FrameLimits SMALL = new FrameLimits(512, 64, 4, 64);

  @Test
  void framesSplitAcrossChunksAndSeveralInOneChunkAreAssembled() {
    FrameReader reader = FrameReader.forServer(SMALL);
    String send = frame("SEND", "hi", "destination", "/d");
    assertThat(reader.read(send.substring(0, 5))).isEmpty();
    assertThat(reader.bufferedBytes()).isEqualTo(5);
    assertThat(reader.completedFrames()).isZero();
    List<StompFrame> frames = reader.read(send.substring(5) + "\n" + send);
    assertThat(frames).hasSize(2);
    assertThat(frames.get(0).text()).isEqualTo("hi");
    assertThat(frames.get(0).headers()).containsEntry("destination", "/d");
    assertThat(reader.bufferedBytes()).isZero();
    assertThat(reader.completedFrames()).isEqualTo(2);
    assertThat(reader.read("\n")).isEmpty();
    assertThat(reader.completedFrames()).isEqualTo(3); // a heart-beat counts, is not returned
  }

  @Test
  void aFrameStartedAfterACompleteOneWaitsForItsRestOverSeveralChunks() {
    FrameReader reader = FrameReader.forServer(SMALL);
    String send = frame("SEND", "hi", "destination", "/d");
    assertThat(reader.read(send + "\n" + send.substring(0, 7))).hasSize(1);
    assertThat(reader.bufferedBytes()).isEqualTo(7);
    assertThat(reader.read(send.substring(7, 12))).isEmpty();
    assertThat(reader.bufferedBytes()).isEqualTo(12);
    List<StompFrame> rest = reader.read(send.substring(12) + send);
    assertThat(rest).extracting(StompFrame::text).containsExactly("hi", "hi");
    assertThat(reader.bufferedBytes()).isZero();
    assertThat(reader.completedFrames()).isEqualTo(3);
  }

  @Test
  void aContentLengthOverTheLimitIsRefusedAlsoInAFrameThatStartsAfterAnother() {
    FrameReader reader = FrameReader.forServer(SMALL);
    String send = frame("SEND", "hi", "destination", "/d");
    assertThatThrownBy(
            () -> reader.read(send + "SEND\ndestination:/d\ncontent-length:100\n\n" + "x"))
        .isInstanceOfSatisfying(
            StompProtocolException.class, e -> assertThat(e.code()).isEqualTo("body-too-large"));
  }

  @Test
  void eachLimitIsEnforcedWithItsCode() {
    assertCode(frame("SEND", "x".repeat(513), "destination", "/d"), "frame-too-large");
    assertCode(frame("SEND", "x".repeat(65), "destination", "/d"), "body-too-large");
    assertCode("SEND\ndestination:/d\ncontent-length:100\n\n" + "x".repeat(10), "body-too-large");
    assertCode(
        frame("SEND", "", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5"), "too-many-headers");
    assertCode(frame("SEND", "", "destination", "/" + "d".repeat(64)), "header-too-long");
    assertCode("SEND\ndestination:/d\ncontent-length:05\n\nhello\0", "bad-content-length");
    assertCode(frame("SEND", "", ":", "x"), "malformed-frame");
    assertCode(frame("MESSAGE", "", "destination", "/d"), "unknown-command");
    assertCode("HELLO\n\n\0", "unknown-command");
  }

  @Test
  void binaryChunksMustBeUtf8() {
    FrameReader reader = FrameReader.forServer(SMALL);
    assertThatThrownBy(() -> reader.read(ByteBuffer.wrap(new byte[] {'S', (byte) 0xC3, 0})))
        .isInstanceOfSatisfying(
            StompProtocolException.class, e -> assertThat(e.code()).isEqualTo("invalid-utf8"));
  }

  @Test
  void aClientReaderTakesServerFramesOnlyAndLimitsOnlyTheFrameSize() {
    FrameReader client = FrameReader.forClient(FrameLimits.frameSizeOnly(1 << 20));
    String big = "x".repeat(100_000);
    StompFrame message =
        client.read(frame("MESSAGE", big, "subscription", "s", "destination", "/d")).get(0);
    assertThat(message.command()).isEqualTo(Command.MESSAGE);
    assertThat(message.text()).isEqualTo(big);
    assertThatThrownBy(() -> FrameReader.forClient(SMALL).read(frame("SEND", "", "a", "b")))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> {
              assertThat(e.code()).isEqualTo("unknown-command");
              assertThat(e.getMessage()).contains("a server may send");
            });
  }

  @Test
  void requiredHeadersAreNamedWhenMissing() {
    StompFrame frame = FrameReader.forServer(SMALL).read(frame("SUBSCRIBE", "", "id", "")).get(0);
    assertThat(frame.receipt()).isEmpty();
    assertThatThrownBy(() -> frame.required("id"))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> {
              assertThat(e.code()).isEqualTo("missing-header");
              assertThat(e.getMessage()).isEqualTo("SUBSCRIBE needs a 'id' header");
            });
  }

  private static void assertCode(String text, String code) {
    assertThatThrownBy(() -> FrameReader.forServer(SMALL).read(text))
        .as(text)
        .isInstanceOfSatisfying(
            StompProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
