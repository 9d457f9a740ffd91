package io.chatstack.mongo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReactionKeysTest {

  @Test
  void ordinaryEmojiAreTheirOwnKeys() {
    for (String emoji : List.of("👍", "❤️", "👨‍👩‍👧", "🇫🇷", "é")) {
      assertThat(ReactionKeys.encode(emoji)).isEqualTo(emoji);
      assertThat(ReactionKeys.decode(emoji)).isEqualTo(emoji);
    }
  }

  @Test
  void dotsDollarsPercentsAndNulAreEscaped() {
    assertThat(ReactionKeys.encode(".\u0301")).isEqualTo("%2E\u0301");
    assertThat(ReactionKeys.encode("$\u0301")).isEqualTo("%24\u0301");
    assertThat(ReactionKeys.encode("%\u0301")).isEqualTo("%25\u0301");
    assertThat(ReactionKeys.encode("a\0b")).isEqualTo("a%00b");
    assertThat(ReactionKeys.encode("%2E")).isEqualTo("%252E");
    assertThat(ReactionKeys.encode("")).isEqualTo("%");
  }

  @Test
  void decodingUndoesEncoding() {
    for (String emoji :
        List.of("", ".", "$", "%", "%2E", "%%", "..$$", "a\0", "x%25y", "👍.%$\0", "%24")) {
      String key = ReactionKeys.encode(emoji);
      assertThat(key).doesNotContain(".").doesNotStartWith("$").doesNotContain("\0").isNotEmpty();
      assertThat(ReactionKeys.decode(key)).isEqualTo(emoji);
    }
  }

  @Test
  void aKeyThatNoEncodingMakesIsRefused() {
    for (String key : List.of("%2", "a%", "%2F", "%zz", "x%4")) {
      assertThatThrownBy(() -> ReactionKeys.decode(key))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not an escaped reaction key: " + key);
    }
  }
}
