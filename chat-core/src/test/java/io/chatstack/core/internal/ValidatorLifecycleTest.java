package io.chatstack.core.internal;

import static io.chatstack.core.TestMessages.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatLimits;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.MessageBus;
import io.chatstack.memory.InMemoryMessageBus;
import io.chatstack.memory.InMemoryMessageStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Validator}'s checks of the message lifecycle: ids, replies, metadata, emoji. */
class ValidatorLifecycleTest {
  private final Validator validate = new Validator(ChatLimits.DEFAULTS);

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(
      Runnable call, String code) {
    return assertThatThrownBy(call::run)
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((ChatException) e).code()).isEqualTo(code));
  }

  @Test
  void aMessageIdIsOneTo64PrintableCharacters() {
    assertThat(validate.messageId("a")).isEqualTo("a");
    String longest = "x".repeat(64);
    assertThat(validate.messageId(longest)).isEqualTo(longest);
    refused(() -> validate.messageId("x".repeat(65)), "invalid-message-id")
        .hasMessageContaining("1 to 64 printable characters");
    refused(() -> validate.messageId(null), "invalid-message-id");
    refused(() -> validate.messageId(""), "invalid-message-id");
    refused(() -> validate.messageId("  "), "invalid-message-id");
    refused(() -> validate.messageId("a\nb"), "invalid-message-id");
  }

  @Test
  void aReplyNamesAMessageOfTheSameRoom() {
    try (MessageBus bus = new InMemoryMessageBus(new InMemoryMessageStore())) {
      ChatMessage sent = bus.publish(draft(7, "alice", "question")).join();
      assertThat(validate.replyTo(bus, 7, sent.id())).isEqualTo(sent.id());
      refused(() -> validate.replyTo(bus, 8, sent.id()), "invalid-reply-to")
          .hasMessageContaining("replyTo must be the id of a message of room 8");
      refused(() -> validate.replyTo(bus, 7, "unknown"), "invalid-reply-to");
      refused(() -> validate.replyTo(bus, 7, " "), "invalid-reply-to");
      refused(() -> validate.replyTo(bus, 7, "x".repeat(65)), "invalid-reply-to");
    }
  }

  @Test
  void metadataIsAJsonObjectOfAtMost4096BytesReadBackAsJsonValues() {
    assertThat(validate.metadata(null)).isEmpty();
    assertThat(validate.metadata(Map.of())).isEmpty();
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("url", "https://example.com/a.png");
    nested.put("size", 42);
    nested.put("tags", List.of("a", "b"));
    nested.put("none", null);
    nested.put("ok", true);
    Map<String, Object> valid = Map.of("attachment", nested);
    assertThat(validate.metadata(valid)).isEqualTo(valid);
    assertThat(validate.metadata(Map.of("list", new ArrayList<>(List.of(1, 2)))))
        .isEqualTo(Map.of("list", List.of(1, 2)));
  }

  @Test
  void metadataAtTheSizeLimitIsAcceptedAndOneByteMoreIsNot() {
    // {"k":"…"} is 8 bytes plus the value.
    Map<String, Object> exactly = Map.of("k", "v".repeat(ChatMessage.MAX_METADATA_BYTES - 8));
    assertThat(validate.metadata(exactly)).isEqualTo(exactly);
    Map<String, Object> tooBig = Map.of("k", "v".repeat(ChatMessage.MAX_METADATA_BYTES - 7));
    refused(() -> validate.metadata(tooBig), "invalid-metadata")
        .hasMessageContaining("it is 4097 bytes as JSON; the maximum is 4096");
    // Bytes, not chars: 2 bytes per é.
    Map<String, Object> wide = Map.of("k", "é".repeat(ChatMessage.MAX_METADATA_BYTES / 2));
    refused(() -> validate.metadata(wide), "invalid-metadata");
  }

  @Test
  void metadataThatJsonCannotHoldIsRefused() {
    Map<String, Object> nullKey = new LinkedHashMap<>();
    nullKey.put(null, "x");
    refused(() -> validate.metadata(nullKey), "invalid-metadata")
        .hasMessageContaining("cannot be written as JSON");
    Map<String, Object> self = new LinkedHashMap<>();
    self.put("me", self);
    refused(() -> validate.metadata(self), "invalid-metadata");
    refused(() -> validate.metadata(Map.of("opaque", new Object())), "invalid-metadata");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"👍", "👍🏽", "❤️", "🇩🇪", "1️⃣", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🧑🏽‍💻", "é", "☃"})
  void oneNonAsciiGraphemeIsAnEmoji(String emoji) {
    assertThat(validate.emoji(emoji)).isEqualTo(emoji);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", ":)", "+1", "👍👍", "👍 ", " 👍", "\u00a0", "\u3000", "\u0085"})
  void anythingElseIsNot(String emoji) {
    refused(() -> validate.emoji(emoji), "invalid-emoji")
        .hasMessageContaining("emoji must be one emoji");
  }

  @Test
  void anEmojiIsAtMost32Utf16Chars() {
    refused(() -> validate.emoji(null), "invalid-emoji").hasMessageContaining("was 'null'");
    String combining = "e" + "\u0301".repeat(31);
    assertThat(validate.emoji(combining)).hasSize(32).isEqualTo(combining);
    String tooLong = "e" + "\u0301".repeat(32);
    refused(() -> validate.emoji(tooLong), "invalid-emoji")
        .hasMessageContaining("at most 32 UTF-16 chars")
        .hasMessageContaining("...");
    String ascii = "a".repeat(32);
    refused(() -> validate.emoji(ascii), "invalid-emoji")
        .hasMessageEndingWith("was '" + ascii + "'");
  }
}
