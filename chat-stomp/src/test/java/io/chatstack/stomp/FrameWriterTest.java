package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameWriterTest {
  private final FrameWriter writer = new FrameWriter();

  private static StompFrame readBack(String text) {
    return FrameReader.forClient(FrameLimits.frameSizeOnly(1 << 16)).read(text).get(0);
  }

  @Test
  void headersKeepTheirOrderAndValuesAreEscaped() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("destination", "/d");
    headers.put("message-id", "a:b\nc\\d");
    String text = writer.encode(Command.MESSAGE, headers, "é".getBytes(StandardCharsets.UTF_8));
    assertThat(text)
        .isEqualTo("MESSAGE\ndestination:/d\nmessage-id:a\\cb\\nc\\\\d\ncontent-length:2\n\né\0");
    assertThat(readBack(text).headers()).containsEntry("message-id", "a:b\nc\\d");
  }

  @Test
  void aConnectKeepsItsPasscode() {
    String text =
        writer.write(
            StompFrame.of(
                Command.CONNECT, Map.of("accept-version", "1.2", "login", "a", "passcode", "s")));
    StompFrame read = FrameReader.forServer(FrameLimits.DEFAULTS).read(text).get(0);
    assertThat(read.headers()).containsEntry("passcode", "s").containsEntry("login", "a");
  }

  @Test
  void sharedMessagesAreCompletedPerSubscription() {
    String shared = writer.sharedMessage(Map.of("destination", "/t"), new byte[] {'x'});
    String text = writer.message(FrameWriter.subscriptionHeader("s:1"), shared);
    StompFrame frame = readBack(text);
    assertThat(frame.command()).isEqualTo(Command.MESSAGE);
    assertThat(frame.headers())
        .containsEntry("subscription", "s:1")
        .containsEntry("destination", "/t");
    assertThat(frame.text()).isEqualTo("x");
  }

  @Test
  void errorsAndReceipts() {
    String long100 = "m".repeat(100);
    StompFrame error = readBack(writer.error("bad-header", long100, "r-1"));
    assertThat(error.command()).isEqualTo(Command.ERROR);
    assertThat(error.headers())
        .containsEntry("message", "m".repeat(80) + "...")
        .containsEntry("code", "bad-header")
        .containsEntry("receipt-id", "r-1")
        .containsEntry("content-type", "text/plain;charset=UTF-8");
    assertThat(error.text()).isEqualTo(long100 + "\n");
    assertThat(readBack(writer.error("x", "y", null)).headers()).doesNotContainKey("receipt-id");
    StompFrame receipt = readBack(writer.receipt("r-2", Map.of("seq", "7")));
    assertThat(receipt.headers()).containsEntry("receipt-id", "r-2").containsEntry("seq", "7");
    assertThat(FrameWriter.HEARTBEAT).isEqualTo("\n");
  }
}
