package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StompProtocolExceptionTest {

  @Test
  void clientInputIsQuotedOnOneLineAndCutAfterEightyCharacters() {
    assertThat(StompProtocolException.abbreviate("a\nb\tc\u0000")).isEqualTo("a?b?c?");
    String eighty = "x".repeat(80);
    assertThat(StompProtocolException.abbreviate(eighty)).isEqualTo(eighty);
    assertThat(StompProtocolException.abbreviate(eighty + "y")).isEqualTo(eighty + "...");
  }

  @Test
  void carriesItsCodeAndMessage() {
    StompProtocolException e = new StompProtocolException(ErrorCodes.BAD_HEADER, "fix it");
    assertThat(e.code()).isEqualTo("bad-header");
    assertThat(e).hasMessage("fix it");
  }
}
