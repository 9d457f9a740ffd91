package io.chatstack.server.internal;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.server.StompLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.messaging.simp.stomp.StompCommand;

class FrameReaderTest {
  private final FrameReader reader = new FrameReader(StompLimits.DEFAULTS);

  @ParameterizedTest(name = "{0} {1} and {2}")
  @CsvSource({
    "CONNECT, login, login",
    "CONNECT, passcode, passcode",
    "CONNECT, Authorization, Authorization",
    "CONNECT, Authorization, authorization",
    "CONNECT, authorization, AUTHORIZATION",
    "CONNECT, AuThOrIzAtIoN, authorization",
    "STOMP, login, login",
    "STOMP, passcode, passcode",
    "STOMP, authorization, Authorization"
  })
  void securityHeaderTwiceInConnectIsRefused(String command, String first, String second) {
    String text =
        frame(command, "", "accept-version", "1.2", first, "alice", "host", "h", second, "mallory");
    assertDuplicate(() -> reader.read(text));
  }

  @Test
  void duplicateIsFoundAcrossChunksAfterHeartbeatsAndInBinaryFrames() {
    String text = frame("CONNECT", "", "accept-version", "1.2", "passcode", "a", "passcode", "b");
    int half = text.indexOf("passcode:b") + 4;
    assertThat(reader.read("\n\r\n")).isEmpty();
    assertThat(reader.read(text.substring(0, half))).isEmpty();
    assertDuplicate(() -> reader.read(text.substring(half)));

    FrameReader binary = new FrameReader(StompLimits.DEFAULTS);
    assertDuplicate(
        () ->
            binary.read(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer()));
  }

  @Test
  void securityHeadersOnceAreAcceptedWithTheRealPasscode() {
    List<InboundFrame> frames =
        reader.read(
            frame(
                "CONNECT",
                "",
                "accept-version",
                "1.2",
                "login",
                "alice",
                "passcode",
                "secret",
                "Authorization",
                "Bearer x"));
    assertThat(frames).hasSize(1);
    assertThat(frames.get(0).headers())
        .containsEntry("login", "alice")
        .containsEntry("passcode", "secret")
        .containsEntry("Authorization", "Bearer x");
  }

  @Test
  void otherRepeatedHeadersKeepTheFirstValue() {
    InboundFrame connect =
        reader
            .read(
                frame(
                    "CONNECT", "", "accept-version", "1.2", "host", "a", "host", "b", "login", "x"))
            .get(0);
    assertThat(connect.headers()).containsEntry("host", "a");
    InboundFrame send =
        reader.read(frame("SEND", "", "destination", "/first", "destination", "/second")).get(0);
    assertThat(send.command()).isEqualTo(StompCommand.SEND);
    assertThat(send.headers()).containsEntry("destination", "/first");
  }

  @ParameterizedTest
  @ValueSource(strings = {"login", "passcode", "Authorization"})
  void onlyTheFirstFrameIsCheckedLaterConnectsAreRefusedBySession(String name) {
    // StompSession refuses any CONNECT after the first with already-connected.
    assertThat(reader.read(frame("CONNECT", "", "accept-version", "1.2", name, "a"))).hasSize(1);
    assertThat(reader.read(frame("SEND", "", "destination", "/d", name, "a", name, "b")))
        .hasSize(1);
    assertThat(reader.read(frame("CONNECT", "", "accept-version", "1.2", name, "a", name, "b")))
        .hasSize(1);
  }

  private static void assertDuplicate(Runnable read) {
    assertThatThrownBy(read::run)
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> {
              assertThat(e.code()).isEqualTo("duplicate-header");
              assertThat(e.getMessage()).contains("more than once");
            });
  }
}
