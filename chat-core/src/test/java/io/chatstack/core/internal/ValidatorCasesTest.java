package io.chatstack.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatLimits;
import io.chatstack.core.InvalidContentException;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.InvalidRoomNameException;
import io.chatstack.core.InvalidUsernameException;
import org.junit.jupiter.api.Test;

/** Each of {@link Validator}'s checks at its limits: the valid value is returned unchanged. */
class ValidatorCasesTest {
  private final Validator validate = new Validator(new ChatLimits(5, 4, 3, 6));

  @Test
  void namesUpToTheirLimitsAreReturned() {
    assertThat(validate.roomName("a b c")).isEqualTo("a b c");
    assertThat(validate.username("abcd")).isEqualTo("abcd");
    assertThatThrownBy(() -> validate.roomName("abcdef"))
        .isInstanceOf(InvalidRoomNameException.class);
    assertThatThrownBy(() -> validate.username("abcde"))
        .isInstanceOf(InvalidUsernameException.class);
  }

  @Test
  void contentOfExactlyTheMaximumLengthIsReturned() {
    assertThat(validate.content("abc")).isEqualTo("abc");
    assertThat(validate.content(" x ")).isEqualTo(" x ");
    assertThatThrownBy(() -> validate.content("abcd"))
        .isInstanceOf(InvalidContentException.class)
        .hasMessage("Message content is 4 characters long; the maximum is 3");
  }

  @Test
  void blankContentIsRefused() {
    assertThatThrownBy(() -> validate.content(null)).isInstanceOf(InvalidContentException.class);
    assertThatThrownBy(() -> validate.content(""))
        .isInstanceOf(InvalidContentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> validate.content(" \t\n")).isInstanceOf(InvalidContentException.class);
  }

  @Test
  void aClientMsgIdOfExactlyTheMaximumLengthIsReturned() {
    assertThat(validate.clientMsgId("abcdef")).isEqualTo("abcdef");
    assertThat(validate.clientMsgId("a b-c")).isEqualTo("a b-c");
    assertThatThrownBy(() -> validate.clientMsgId("abcdefg"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("clientMsgId must be at most 6 printable characters")
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo("invalid-client-msg-id");
  }

  @Test
  void anAbsentClientMsgIdIsNullAndOneWithAControlCharacterIsRefused() {
    assertThat(validate.clientMsgId(null)).isNull();
    assertThat(validate.clientMsgId("")).isNull();
    assertThatThrownBy(() -> validate.clientMsgId("a\tb"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> validate.clientMsgId("\u0085"))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void aLimitFromOneToTheMaximumIsReturned() {
    assertThat(validate.limit(1, 10)).isEqualTo(1);
    assertThat(validate.limit(7, 10)).isEqualTo(7);
    assertThat(validate.limit(10, 10)).isEqualTo(10);
    assertThatThrownBy(() -> validate.limit(0, 10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("limit must be between 1 and 10, was 0")
        .extracting(e -> ((ChatException) e).code())
        .isEqualTo("invalid-limit");
    assertThatThrownBy(() -> validate.limit(11, 10)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> validate.limit(-1, 10)).isInstanceOf(InvalidInputException.class);
  }
}
