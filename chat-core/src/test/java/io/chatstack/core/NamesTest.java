package io.chatstack.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"alice", "José", "山田", "Ünal_2", "bob.smith@example.org", "x-1", "田中taro", "김철수"})
  void acceptsNamesOfOneScript(String name) {
    assertThat(Names.requireUsername(name, 64)).isEqualTo(name);
    assertThat(Names.isUsername(name, 64)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x' OR 1=1 --",
        "<b>bi</b>",
        "bad user!",
        "",
        " alice",
        "a\u0000b",
        "tab\tname",
        "a/b"
      })
  void refusesSymbolsAndSpaces(String name) {
    assertThatThrownBy(() -> Names.requireUsername(name, 64))
        .isInstanceOf(InvalidUsernameException.class);
    assertThat(Names.isUsername(name, 64)).isFalse();
  }

  @Test
  void refusesMixedScriptLookAlikes() {
    assertThatThrownBy(() -> Names.requireUsername("\u0430lice", 64)) // Cyrillic a
        .isInstanceOf(InvalidUsernameException.class)
        .hasMessageContaining("scripts");
    assertThatThrownBy(() -> Names.requireUsername("p\u0430ypal", 64))
        .isInstanceOf(InvalidUsernameException.class);
    assertThat(Names.isUsername("\u0430\u043b\u0438\u0441\u0430", 64)).as("all Cyrillic").isTrue();
    assertThatThrownBy(() -> Names.requireUsername("\uFF41lice", 64)) // full-width a
        .isInstanceOf(InvalidUsernameException.class)
        .hasMessageContaining("NFKC");
    assertThatThrownBy(() -> Names.requireUsername("Jose\u0301", 64)) // e + combining accent
        .isInstanceOf(InvalidUsernameException.class);
  }

  @Test
  void refusesTooLongNames() {
    assertThat(Names.isUsername("a".repeat(64), 64)).isTrue();
    assertThatThrownBy(() -> Names.requireUsername("a".repeat(65), 64))
        .hasMessageContaining("maximum is 64");
  }

  @Test
  void roomNamesAreVerbatimExceptCharactersThatHideWhatTheySay() {
    assertThat(Names.requireRoomName("Café 😀 — #general (2)", 100)).isNotBlank();
    for (String bad :
        new String[] {
          "evil\u202Egnp.exe",
          "a\u2066b",
          "zero\u200Bwidth",
          "join\u200Dme",
          "bom\uFEFF",
          "lone\uD800",
          "lone\uDC00x",
          "ctl\u0007"
        }) {
      assertThatThrownBy(() -> Names.requireRoomName(bad, 100))
          .as(bad)
          .isInstanceOf(InvalidRoomNameException.class);
    }
    assertThatThrownBy(() -> Names.requireRoomName("   ", 100))
        .isInstanceOf(InvalidRoomNameException.class);
  }
}
