package io.chatstack.examples.bot;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandsTest {
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");

  static ChatMessage chat(String sender, String content) {
    return new ChatMessage("id", 1, 1, sender, content, MessageType.CHAT, NOW, null);
  }

  @Test
  void answersCommands() {
    assertThat(Commands.answer(chat("bob", "!echo hi there"), "bot")).contains("hi there");
    assertThat(Commands.answer(chat("bob", "  !echo   x  "), "bot")).contains("x");
    assertThat(Commands.answer(chat("bob", "!echo"), "bot")).contains("Usage: !echo <text>");
    assertThat(Commands.answer(chat("bob", "!time"), "bot"))
        .contains("Server time: 2026-01-02T03:04:05.678Z");
    assertThat(Commands.answer(chat("bob", "!help"), "bot")).contains(Commands.HELP);
    assertThat(Commands.answer(chat("bob", "!dance"), "bot").orElseThrow())
        .startsWith("Unknown command !dance");
  }

  @Test
  void ignoresChatterItselfAndEvents() {
    assertThat(Commands.answer(chat("bob", "hello"), "bot")).isEmpty();
    assertThat(Commands.answer(chat("bot", "!echo loop"), "bot")).isEmpty();
    assertThat(
            Commands.answer(
                new ChatMessage("i", 1, 1, "bob", "!help", MessageType.JOIN, NOW, null), "bot"))
        .isEmpty();
  }
}
