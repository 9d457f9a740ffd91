package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges of {@link Names}' rules: exact lengths, the ends of each refused range, neutral
 * letters.
 */
class NamesEdgeCasesTest {

  @Test
  void aRoomNameOfExactlyTheMaximumLengthIsAccepted() {
    assertThat(Names.requireRoomName("abcde", 5)).isEqualTo("abcde");
    assertThatThrownBy(() -> Names.requireRoomName("abcdef", 5))
        .isInstanceOf(InvalidRoomNameException.class)
        .hasMessageContaining("6 characters long; the maximum is 5");
  }

  @Test
  void aUserNameOfExactlyTheMaximumLengthIsAccepted() {
    assertThat(Names.requireUsername("abcde", 5)).isEqualTo("abcde");
    assertThat(Names.isUsername("abcdef", 5)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(chars = {'\u061C', '\u200E', '\u200F', '\u202A', '\u202E', '\u2066', '\u2069'})
  void bothEndsOfEachBidiControlRangeAreRefused(char bidi) {
    assertThatThrownBy(() -> Names.requireRoomName("a" + bidi + "b", 100))
        .isInstanceOf(InvalidRoomNameException.class)
        .hasMessageContaining(
            String.format("bidirectional control characters (U+%04X)", (int) bidi));
  }

  @ParameterizedTest
  @ValueSource(chars = {'\u200B', '\u200D', '\u2060', '\uFEFF'})
  void bothEndsOfEachZeroWidthRangeAreRefused(char zeroWidth) {
    assertThatThrownBy(() -> Names.requireRoomName("a" + zeroWidth + "b", 100))
        .isInstanceOf(InvalidRoomNameException.class)
        .hasMessageContaining(String.format("zero-width characters (U+%04X)", (int) zeroWidth));
  }

  /** The neighbours of the refused ranges are ordinary (if unusual) characters. */
  @ParameterizedTest
  @ValueSource(
      chars = {'\u061B', '\u200A', '\u2010', '\u2029', '\u202F', '\u2065', '\u206A', '\u2061'})
  void theNeighboursOfTheRefusedRangesAreAccepted(char neighbour) {
    String name = "a" + neighbour + "b";
    assertThat(Names.requireRoomName(name, 100)).isEqualTo(name);
  }

  @Test
  void aSurrogatePairIsAcceptedAndALoneSurrogateRefused() {
    assertThat(Names.requireRoomName("party \uD83C\uDF89", 100)).endsWith("\uD83C\uDF89");
    assertThatThrownBy(() -> Names.requireRoomName("broken \uD83C", 100))
        .isInstanceOf(InvalidRoomNameException.class)
        .hasMessageContaining("lone surrogate");
    assertThatThrownBy(() -> Names.requireRoomName("\uDF89 broken", 100))
        .isInstanceOf(InvalidRoomNameException.class)
        .hasMessageContaining("lone surrogate");
  }

  /**
   * Letters of the Common script (modifier letters, the prolonged sound mark) mix with any script.
   */
  @ParameterizedTest
  @ValueSource(strings = {"o\u02BCbrien", "\u3089\u30FC\u3081\u3093"})
  void lettersOfNoParticularScriptDoNotCountAsASecondScript(String name) {
    assertThat(Names.isUsername(name, 64)).isTrue();
  }
}
