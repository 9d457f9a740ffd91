package io.chatstack.core.internal;

import io.chatstack.core.ChatLimits;
import io.chatstack.core.InvalidContentException;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.Names;

/** Input checks of {@code ChatService}; each failure names the rule broken. Thread-safe. */
public final class Validator {
  private final ChatLimits limits;

  public Validator(ChatLimits limits) {
    this.limits = limits;
  }

  public String roomName(String name) {
    return Names.requireRoomName(name, limits.maxRoomNameLength());
  }

  public String username(String username) {
    return Names.requireUsername(username, limits.maxUsernameLength());
  }

  public String content(String content) {
    if (content == null || content.isBlank()) {
      throw new InvalidContentException("Message content must not be blank");
    }
    if (content.length() > limits.maxContentLength()) {
      throw new InvalidContentException(
          "Message content is "
              + content.length()
              + " characters long; the maximum is "
              + limits.maxContentLength());
    }
    return content;
  }

  /** Returns null when absent (the service then uses the message id). */
  public String clientMsgId(String clientMsgId) {
    if (clientMsgId == null || clientMsgId.isEmpty()) {
      return null;
    }
    if (clientMsgId.length() > limits.maxClientMsgIdLength() || hasControlCharacter(clientMsgId)) {
      throw new InvalidInputException(
          "invalid-client-msg-id",
          "clientMsgId must be at most " + limits.maxClientMsgIdLength() + " printable characters");
    }
    return clientMsgId;
  }

  public int limit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw new InvalidInputException(
          "invalid-limit", "limit must be between 1 and " + max + ", was " + limit);
    }
    return limit;
  }

  private static boolean hasControlCharacter(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }
}
