package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StompFrameTest {
  private final StompFrame send =
      new StompFrame(
          Command.SEND,
          Map.of("destination", "/app/chat/send/1", "receipt", "r-1", "empty", ""),
          "héllo".getBytes(StandardCharsets.UTF_8));

  @Test
  void headersAreReadByName() {
    assertThat(send.header("destination")).contains("/app/chat/send/1");
    assertThat(send.header("absent")).isEmpty();
    assertThat(send.headerOrNull("destination")).isEqualTo("/app/chat/send/1");
    assertThat(send.headerOrNull("absent")).isNull();
    assertThat(send.receipt()).contains("r-1");
    assertThat(StompFrame.of(Command.SEND, Map.of()).receipt()).isEmpty();
  }

  @Test
  void aRequiredHeaderIsReturnedAndAnAbsentOrEmptyOneNamed() {
    assertThat(send.required("destination")).isEqualTo("/app/chat/send/1");
    for (String name : new String[] {"absent", "empty"}) {
      assertThatThrownBy(() -> send.required(name))
          .isInstanceOfSatisfying(
              StompProtocolException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCodes.MISSING_HEADER);
                assertThat(e.getMessage()).isEqualTo("SEND needs a '" + name + "' header");
              });
    }
  }

  @Test
  void headersKeepTheirOrderAndCannotBeChanged() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("z", "1");
    headers.put("a", "2");
    StompFrame frame = StompFrame.of(Command.MESSAGE, headers);
    headers.put("later", "3");
    assertThat(frame.headers().keySet()).containsExactly("z", "a");
    assertThatThrownBy(() -> frame.headers().put("b", "3"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(frame.body()).isEmpty();
    assertThat(frame.text()).isEmpty();
  }

  @Test
  void theBodyIsUtf8TextAndToStringShowsItsSizeNotItsContent() {
    assertThat(send.text()).isEqualTo("héllo");
    assertThat(send.toString()).startsWith("StompFrame[SEND {").endsWith(", 6 bytes]");
    assertThat(send.toString()).doesNotContain("héllo");
  }
}
