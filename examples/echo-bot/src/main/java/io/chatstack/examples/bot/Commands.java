package io.chatstack.examples.bot;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import java.util.Optional;

/** The bot's commands: what to answer to a message, if anything. Thread-safe (stateless). */
public final class Commands {
  static final String HELP =
      "Commands: !echo <text> repeats the text, !time tells the server time, !help shows this.";

  private Commands() {}

  /** The answer to {@code message}, or empty for anything that is not a command for the bot. */
  public static Optional<String> answer(ChatMessage message, String botName) {
    if (message.type() != MessageType.CHAT || message.sender().equals(botName)) {
      return Optional.empty(); // never answer ourselves: no loops
    }
    String text = message.content().strip();
    if (!text.startsWith("!")) {
      return Optional.empty();
    }
    String command = text.split("\\s+", 2)[0];
    String argument = text.substring(command.length()).strip();
    return Optional.of(
        switch (command) {
          case "!echo" -> argument.isEmpty() ? "Usage: !echo <text>" : argument;
          case "!time" -> "Server time: " + message.timestamp();
          case "!help" -> HELP;
          default -> "Unknown command " + command + ". " + HELP;
        });
  }
}
