package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {
  private final FrameReader reader = FrameReader.forServer(FrameLimits.DEFAULTS);

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

    FrameReader binary = FrameReader.forServer(FrameLimits.DEFAULTS);
    assertDuplicate(
        () ->
            binary.read(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer()));
  }

  @Test
  void securityHeadersOnceAreAcceptedWithTheRealPasscode() {
    List<StompFrame> frames =
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
    StompFrame connect =
        reader
            .read(
                frame(
                    "CONNECT", "", "accept-version", "1.2", "host", "a", "host", "b", "login", "x"))
            .get(0);
    assertThat(connect.headers()).containsEntry("host", "a");
    StompFrame send =
        reader.read(frame("SEND", "", "destination", "/first", "destination", "/second")).get(0);
    assertThat(send.command()).isEqualTo(Command.SEND);
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

  /** A frame as text: command, headers (name, value pairs), body, NUL. */
  static String frame(String command, String body, String... headers) {
    StringBuilder sb = new StringBuilder(command).append('\n');
    for (int i = 0; i < headers.length; i += 2) {
      sb.append(headers[i]).append(':').append(headers[i + 1]).append('\n');
    }
    return sb.append('\n').append(body).append('\0').toString();
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
