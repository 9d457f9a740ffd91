package io.chatstack.loadtest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The content of load-test messages: {@code lt:<intended send nanoTime>:<sequence>}, and how to get
 * the intended send time back out of a delivered MESSAGE body (JSON with a {@code content} field).
 * Thread-safe (stateless).
 */
public final class MessageContent {
  private static final JsonFactory JSON = new JsonFactory();
  private static final String PREFIX = "lt:";

  private MessageContent() {}

  /** Content for the message scheduled at {@code intendedNanos}. */
  public static String content(long intendedNanos, long sequence) {
    return PREFIX + intendedNanos + ":" + sequence;
  }

  /** The JSON body of a SEND frame carrying {@code content}. */
  public static String sendBody(String content) {
    return "{\"content\":\"" + content + "\",\"type\":\"CHAT\"}";
  }

  /**
   * The intended send time carried by a MESSAGE body; {@link Long#MIN_VALUE} when the body is not a
   * load-test message (e.g. a JOIN event) or not JSON.
   */
  public static long intendedNanos(byte[] json) {
    String content = stringField(json, "content");
    return content == null ? Long.MIN_VALUE : parse(content);
  }

  /**
   * The string value of the top-level field {@code name} of a JSON object, read without building a
   * tree; null when the body is not a JSON object or has no such string field.
   */
  static @Nullable String stringField(byte[] json, String name) {
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals(field) && value == JsonToken.VALUE_STRING) {
          return p.getText();
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  static long parse(String content) {
    if (!content.startsWith(PREFIX)) {
      return Long.MIN_VALUE;
    }
    int end = content.indexOf(':', PREFIX.length());
    try {
      return Long.parseLong(
          end < 0 ? content.substring(PREFIX.length()) : content.substring(PREFIX.length(), end));
    } catch (NumberFormatException e) {
      return Long.MIN_VALUE;
    }
  }
}
