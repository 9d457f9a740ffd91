package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayloadReaderTest {
  private static final String ALICE = "alice";
  private final PayloadReader payloads = new PayloadReader(8, 16 * 1024);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"content\":\"a\",\"content\":\"b\"}",
        "{\"content\":\"a\",\"sender\":\"alice\",\"sender\":\"bob\"}",
        "{\"content\":\"a\",\"type\":\"CHAT\",\"type\":\"JOIN\"}",
        "{\"content\":\"a\",\"x\":{\"k\":1,\"k\":2}}"
      })
  void duplicateKeysAreRefused(String body) {
    assertInvalidJson(() -> payloads.chatSend(bytes(body), ALICE, 1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"content\":\"a\"} x",
        "{\"content\":\"a\"}{\"content\":\"b\"}",
        "{\"content\":\"a\"}]",
        "{\"content\":\"a\"} 42",
        "{\"content\":\"a\"}\"b\""
      })
  void bytesAfterTheObjectAreRefused(String body) {
    assertInvalidJson(() -> payloads.chatSend(bytes(body), ALICE, 1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"content\":1}",
        "{\"content\":true}",
        "{\"content\":{\"a\":\"b\"}}",
        "{\"content\":[\"a\"]}",
        "{\"content\":\"a\",\"type\":1}",
        "{\"content\":\"a\",\"type\":false}",
        "{\"content\":\"a\",\"clientMsgId\":7}",
        "{\"content\":\"a\",\"clientMsgId\":true}"
      })
  void numbersBooleansAndStructuresWhereStringsAreExpectedAreRefused(String body) {
    assertInvalidJson(() -> payloads.chatSend(bytes(body), ALICE, 1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"roomName\":42}",
        "{\"roomName\":true}",
        "{\"roomName\":\"a\",\"roomName\":\"b\"}",
        "{\"roomName\":\"a\"} {}"
      })
  void roomNameBodiesAreParsedAsStrictly(String body) {
    assertInvalidJson(() -> payloads.createRoom(bytes(body), ALICE));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{\"content\":\"hi\"}", "  {\"content\":\"hi\"}  \n", "{\"content\":\"hi\"}\r\n"})
  void wellFormedBodiesWithSurroundingWhitespaceAreAccepted(String body) {
    SendBody send = payloads.chatSend(bytes(body), ALICE, 1);
    assertThat(send.content()).isEqualTo("hi");
    assertThat(send.type()).isEqualTo(SendBody.Type.CHAT);
  }

  private static void assertInvalidJson(Runnable parse) {
    assertThatThrownBy(parse::run)
        .isInstanceOfSatisfying(
            StompProtocolException.class, e -> assertThat(e.code()).isEqualTo("invalid-json"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
