package io.chatstack.stomp;

import static io.chatstack.stomp.FrameReaderTest.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameReader} at exactly each limit (accepted) and one past it (refused), and binary chunks
 * split at every byte.
 */
class FrameReaderEdgesTest {
  private static final FrameLimits SMALL = new FrameLimits(512, 64, 4, 64);
  private final FrameReader reader = FrameReader.forServer(SMALL);

  @Test
  void aChunkOfExactlyTheFrameLimitIsAcceptedAsTextAndAsBytes() {
    String eight = frame("SEND", "b".repeat(42), "destination", "/d").repeat(8);
    assertThat(eight).hasSize(512);
    assertThat(reader.read(eight)).hasSize(8);

    ByteBuffer bytes = ByteBuffer.wrap(eight.getBytes(StandardCharsets.US_ASCII));
    List<StompFrame> frames = FrameReader.forServer(SMALL).read(bytes);
    assertThat(frames).hasSize(8).allSatisfy(f -> assertThat(f.text()).hasSize(42));
    assertThat(bytes.position()).isZero();

    ByteBuffer tooMany = ByteBuffer.wrap((eight + "\n").getBytes(StandardCharsets.US_ASCII));
    assertCode(() -> FrameReader.forServer(SMALL).read(tooMany), ErrorCodes.FRAME_TOO_LARGE);
    assertCode(() -> FrameReader.forServer(SMALL).read(eight + "\n"), ErrorCodes.FRAME_TOO_LARGE);
  }

  @Test
  void aBodyOfExactlyTheBodyLimitIsAccepted() {
    assertThat(reader.read(frame("SEND", "b".repeat(64), "destination", "/d")).get(0).body())
        .hasSize(64);
  }

  @Test
  void aDeclaredContentLengthOfExactlyTheBodyLimitIsWaitedFor() {
    String head = "SEND\ndestination:/d\ncontent-length:64\n\n";
    assertThat(reader.read(head + "b".repeat(10))).isEmpty();
    StompFrame frame = reader.read("b".repeat(54) + "\0").get(0);
    assertThat(frame.text()).hasSize(64);
    assertThat(frame.headers()).containsEntry("content-length", "64");
  }

  @Test
  void exactlyTheMostHeadersOfExactlyTheLongestLengthAreAccepted() {
    String value = "v".repeat(64 - "destination".length());
    StompFrame frame =
        reader.read(frame("SEND", "", "destination", value, "b", "2", "c", "3", "d", "4")).get(0);
    assertThat(frame.headers()).hasSize(4).containsEntry("destination", value);
  }

  @Test
  void aHeaderStartingWithNulIsRefused() {
    assertCode(() -> reader.read("SEND\ndestination:\0/d\n\n\0"), ErrorCodes.BAD_HEADER);
  }

  @Test
  void onlyAConnectIsCheckedForRepeatedCredentials() {
    StompFrame send =
        reader.read(frame("SEND", "", "destination", "/d", "login", "a", "login", "b")).get(0);
    assertThat(send.headers()).containsEntry("login", "a");
  }

  @Test
  void aFirstFrameLargerThanTheLimitIsRefusedAlsoWhenItArrivesInParts() {
    String big = frame("CONNECT", "", "accept-version", "1.2", "host", "h".repeat(40));
    FrameReader connecting = FrameReader.forServer(new FrameLimits(64, 16, 4, 64));
    assertThat(connecting.read(big.substring(0, 40))).isEmpty();
    assertCode(
        () -> connecting.read(big.substring(40) + "x".repeat(20)), ErrorCodes.FRAME_TOO_LARGE);
  }

  @Test
  void binaryPartsMaySplitACharacterAnywhere() {
    // 2-, 3- and 4-byte characters: every split point falls inside one somewhere.
    String body = "\u00e9\u20ac\uD83D\uDE00";
    byte[] bytes = frame("SEND", body, "destination", "/d").getBytes(StandardCharsets.UTF_8);
    for (int split = 1; split < bytes.length; split++) {
      FrameReader parts = FrameReader.forServer(SMALL);
      assertThat(parts.read(ByteBuffer.wrap(bytes, 0, split).slice())).isEmpty();
      List<StompFrame> frames =
          parts.read(ByteBuffer.wrap(bytes, split, bytes.length - split).slice());
      assertThat(frames).as("split at %d", split).hasSize(1);
      assertThat(frames.get(0).text()).isEqualTo(body);
    }
  }

  @Test
  void binaryPartsOfOneByteEach() {
    String body = "\uD83D\uDE00\u20ac\u00e9";
    byte[] bytes = frame("SEND", body, "destination", "/d").getBytes(StandardCharsets.UTF_8);
    FrameReader parts = FrameReader.forServer(SMALL);
    for (int i = 0; i < bytes.length - 1; i++) {
      assertThat(parts.read(ByteBuffer.wrap(bytes, i, 1).slice())).isEmpty();
    }
    List<StompFrame> frames = parts.read(ByteBuffer.wrap(bytes, bytes.length - 1, 1).slice());
    assertThat(frames).singleElement().extracting(StompFrame::text).isEqualTo(body);
  }

  @Test
  void aTextMessageCannotFinishACharacterABinaryPartStarted() {
    FrameReader mixed = FrameReader.forServer(SMALL);
    assertThat(
            mixed.read(
                ByteBuffer.wrap(
                    new byte[] {'S', 'E', 'N', 'D', '\n', '\n', (byte) 0xE2, (byte) 0x82})))
        .isEmpty();
    assertCode(() -> mixed.read("\u00ac\0"), ErrorCodes.INVALID_UTF8);
  }

  @Test
  void aCharacterSplitAcrossPartsMustStillBeValid() {
    byte[] start = {'S', 'E', 'N', 'D', '\n', '\n', (byte) 0xE2, (byte) 0x82};
    // The next part does not continue the sequence.
    FrameReader invalid = FrameReader.forServer(SMALL);
    assertThat(invalid.read(ByteBuffer.wrap(start))).isEmpty();
    assertCode(() -> invalid.read(ByteBuffer.wrap(new byte[] {'x', 0})), ErrorCodes.INVALID_UTF8);
    // The frame ends (NUL) before the sequence does.
    FrameReader unfinished = FrameReader.forServer(SMALL);
    assertThat(unfinished.read(ByteBuffer.wrap(start))).isEmpty();
    assertCode(() -> unfinished.read(ByteBuffer.wrap(new byte[] {0})), ErrorCodes.INVALID_UTF8);
  }

  private static void assertCode(Runnable read, String code) {
    assertThatThrownBy(read::run)
        .isInstanceOfSatisfying(
            StompProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
