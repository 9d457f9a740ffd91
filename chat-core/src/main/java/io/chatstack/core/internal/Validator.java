package io.chatstack.core.internal;

import io.chatstack.core.ChatLimits;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.InvalidContentException;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.MessageBus;
import io.chatstack.core.Names;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Input checks of {@code ChatService}; each failure names the rule broken. Thread-safe. */
public final class Validator {
  /** Longest message id a change or reply may name (ids are UUIDs, 36 characters). */
  public static final int MAX_MESSAGE_ID_LENGTH = 64;

  /** Longest emoji of a reaction, in UTF-16 chars. */
  public static final int MAX_EMOJI_LENGTH = 32;

  private static final Pattern GRAPHEME = Pattern.compile("\\X");
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

  /**
   * The id of a message that a change names: not blank, at most {@value #MAX_MESSAGE_ID_LENGTH}
   * printable characters ({@code invalid-message-id}).
   */
  public String messageId(String messageId) {
    if (!isMessageId(messageId)) {
      throw new InvalidInputException(
          "invalid-message-id",
          "messageId must be a message id: 1 to "
              + MAX_MESSAGE_ID_LENGTH
              + " printable characters, not blank");
    }
    return messageId;
  }

  /**
   * The id a reply answers: a message (not a change record) of the room, found through {@code bus}
   * ({@code invalid-reply-to} otherwise).
   */
  public String replyTo(MessageBus bus, long roomId, String messageId) {
    if (!isMessageId(messageId) || bus.find(roomId, messageId).isEmpty()) {
      throw new InvalidInputException(
          "invalid-reply-to",
          "replyTo must be the id of a message of room " + roomId + "; '" + messageId + "' is not");
    }
    return messageId;
  }

  /**
   * Metadata as JSON will carry it: a JSON object of at most {@link ChatMessage#MAX_METADATA_BYTES}
   * bytes serialized ({@code invalid-metadata} otherwise). Returns the object read back from its
   * JSON, so only JSON values (maps, lists, strings, numbers, booleans, null) remain.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> metadata(Map<String, ?> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return Map.of();
    }
    JsonValues.Sized sized;
    try {
      sized = JsonValues.copy(metadata);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw invalidMetadata("it cannot be written as JSON (" + e.getMessage() + ")");
    }
    if (sized.bytes() > ChatMessage.MAX_METADATA_BYTES) {
      throw invalidMetadata(
          "it is "
              + sized.bytes()
              + " bytes as JSON; the maximum is "
              + ChatMessage.MAX_METADATA_BYTES);
    }
    return (Map<String, Object>) sized.value();
  }

  /**
   * The emoji of a reaction: exactly one grapheme cluster, not plain ASCII, no whitespace or
   * control character, at most {@value #MAX_EMOJI_LENGTH} UTF-16 chars ({@code invalid-emoji}).
   */
  public String emoji(String emoji) {
    if (emoji == null
        || emoji.isEmpty()
        || emoji.length() > MAX_EMOJI_LENGTH
        || emoji.chars().allMatch(c -> c < 0x80)
        || emoji.codePoints().anyMatch(Validator::isBlankOrControl)
        || !isOneGrapheme(emoji)) {
      throw new InvalidInputException(
          "invalid-emoji",
          "emoji must be one emoji (one grapheme, not plain ASCII, at most "
              + MAX_EMOJI_LENGTH
              + " UTF-16 chars), was '"
              + abbreviate(emoji)
              + "'");
    }
    return emoji;
  }

  private static boolean isOneGrapheme(String s) {
    Matcher m = GRAPHEME.matcher(s);
    return m.lookingAt() && m.end() == s.length();
  }

  private static boolean isBlankOrControl(int codePoint) {
    return Character.isISOControl(codePoint)
        || Character.isWhitespace(codePoint)
        || Character.isSpaceChar(codePoint);
  }

  private static boolean isMessageId(String id) {
    return id != null
        && !id.isBlank()
        && id.length() <= MAX_MESSAGE_ID_LENGTH
        && !hasControlCharacter(id);
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= MAX_EMOJI_LENGTH ? s : s.substring(0, MAX_EMOJI_LENGTH) + "...";
  }

  private static InvalidInputException invalidMetadata(String why) {
    return new InvalidInputException(
        "invalid-metadata",
        "metadata must be a JSON object of at most "
            + ChatMessage.MAX_METADATA_BYTES
            + " bytes; "
            + why);
  }

  private static boolean hasControlCharacter(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }
}
