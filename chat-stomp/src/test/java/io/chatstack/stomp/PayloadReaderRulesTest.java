package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link PayloadReader} makes of each field: tolerated echoes, spoofing, types, defaults. */
class PayloadReaderRulesTest {
  private final PayloadReader payloads = new PayloadReader(4, 1024);

  @Test
  void aChatSendHasItsContentTypeChatAndOptionalClientMsgId() {
    assertThat(chatSend("{\"content\":\"hi\"}"))
        .isEqualTo(new SendBody("hi", SendBody.Type.CHAT, null));
    assertThat(chatSend("{\"content\":\"hi\",\"type\":null,\"clientMsgId\":null}"))
        .isEqualTo(SendBody.chat("hi", null));
    assertThat(chatSend("{\"content\":\"hi\",\"clientMsgId\":\"c-1\"}").clientMsgId())
        .isEqualTo("c-1");
  }

  @Test
  void joinAndLeaveNeedNoContentAndTheTypeIgnoresCase() {
    assertThat(chatSend("{\"type\":\"join\"}"))
        .isEqualTo(new SendBody(null, SendBody.Type.JOIN, null));
    assertThat(chatSend("{\"type\":\"Leave\",\"content\":null}").type())
        .isEqualTo(SendBody.Type.LEAVE);
    assertCode(() -> chatSend("{\"type\":\"SHOUT\",\"content\":\"x\"}"), ErrorCodes.INVALID_JSON);
    assertCode(() -> chatSend("{}"), ErrorCodes.INVALID_JSON);
    assertCode(() -> chatSend("{\"content\":null}"), ErrorCodes.INVALID_JSON);
  }

  @Test
  void theSenderMayBeEchoedButNotSpoofed() {
    assertThat(chatSend("{\"content\":\"hi\",\"sender\":\"alice\"}").content()).isEqualTo("hi");
    assertThat(chatSend("{\"content\":\"hi\",\"sender\":null}").content()).isEqualTo("hi");
    assertCode(
        () -> chatSend("{\"content\":\"hi\",\"sender\":\"bob\"}"), ErrorCodes.SENDER_MISMATCH);
    assertCode(() -> chatSend("{\"content\":\"hi\",\"sender\":7}"), ErrorCodes.SENDER_MISMATCH);
    assertThatThrownBy(() -> chatSend("{\"content\":\"hi\",\"sender\":\"bob\"}"))
        .hasMessageContaining("Field 'sender' must be omitted or be 'alice'");
  }

  @Test
  void theRoomIdMayBeEchoedButMustBeTheDestinationsRoom() {
    assertThat(chatSend("{\"content\":\"hi\",\"roomId\":7}").content()).isEqualTo("hi");
    assertThat(chatSend("{\"content\":\"hi\",\"roomId\":\"7\"}").content()).isEqualTo("hi");
    assertThat(chatSend("{\"content\":\"hi\",\"roomId\":null}").content()).isEqualTo("hi");
    assertCode(() -> chatSend("{\"content\":\"hi\",\"roomId\":8}"), ErrorCodes.ROOM_MISMATCH);
    assertThatThrownBy(() -> chatSend("{\"content\":\"hi\",\"roomId\":8}"))
        .hasMessageContaining("Body roomId 8 differs from the destination's room 7");
  }

  @Test
  void aNewRoomHasANameAndIsPublicUnlessPrivateIsAsked() {
    assertThat(createRoom("{\"roomName\":\"general\"}"))
        .isEqualTo(new CreateRoomBody("general", CreateRoomBody.Visibility.PUBLIC));
    assertThat(createRoom("{\"roomName\":\"g\",\"visibility\":null}").visibility())
        .isEqualTo(CreateRoomBody.Visibility.PUBLIC);
    assertThat(createRoom("{\"roomName\":\"g\",\"visibility\":\"PRIVATE\"}").visibility())
        .isEqualTo(CreateRoomBody.Visibility.PRIVATE);
    assertThat(createRoom("{\"roomName\":\"g\",\"visibility\":\"PUBLIC\"}").visibility())
        .isEqualTo(CreateRoomBody.Visibility.PUBLIC);
    assertThat(createRoom("{\"roomName\":\"g\",\"creator\":\"alice\"}").roomName()).isEqualTo("g");
  }

  @ParameterizedTest
  @ValueSource(strings = {"private", "DIRECT", ""})
  void anyOtherVisibilityIsRefused(String visibility) {
    assertCode(
        () -> createRoom("{\"roomName\":\"g\",\"visibility\":\"" + visibility + "\"}"),
        ErrorCodes.INVALID_VISIBILITY);
  }

  @Test
  void aNewRoomNeedsANameAndItsCreatorIsTheUser() {
    assertCode(() -> createRoom("{}"), ErrorCodes.INVALID_JSON);
    assertCode(() -> createRoom("{\"roomName\":null}"), ErrorCodes.INVALID_JSON);
    assertCode(
        () -> createRoom("{\"roomName\":\"g\",\"creator\":\"bob\"}"), ErrorCodes.SENDER_MISMATCH);
  }

  @Test
  void aUsernameBodyNamesTheOtherUserAsAString() {
    assertThat(payloads.username(bytes("{\"username\":\"bob\"}")))
        .isEqualTo(new UsernameBody("bob"));
    assertCode(() -> payloads.username(bytes("{}")), ErrorCodes.INVALID_JSON);
    assertCode(() -> payloads.username(bytes("{\"username\":null}")), ErrorCodes.INVALID_JSON);
    assertCode(() -> payloads.username(bytes("{\"username\":5}")), ErrorCodes.INVALID_JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "null", "[]", "\"text\"", "42", "{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}"})
  void aBodyMustBeOneObjectWithinTheNestingLimit(String body) {
    assertCode(() -> payloads.username(bytes(body)), ErrorCodes.INVALID_JSON);
  }

  private SendBody chatSend(String json) {
    return payloads.chatSend(bytes(json), "alice", 7);
  }

  private CreateRoomBody createRoom(String json) {
    return payloads.createRoom(bytes(json), "alice");
  }

  private static void assertCode(ThrowingCallable parse, String code) {
    assertThatThrownBy(parse)
        .isInstanceOfSatisfying(
            StompProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
