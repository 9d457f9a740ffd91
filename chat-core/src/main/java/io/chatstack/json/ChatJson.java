package io.chatstack.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.chatstack.core.InvalidInputException;
import java.io.IOException;

/**
 * The JSON form of chatstack's wire types, shared by Kafka records, STOMP frames and REST.
 *
 * <p>Timestamps are ISO-8601 UTC strings ({@code 2026-01-02T03:04:05.678Z}); unknown fields are
 * ignored so older readers accept newer messages; no Java type information is written. Thread-safe:
 * the mapper is configured once and never changed.
 */
public final class ChatJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .addModule(new Jdk8Module())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .build();

  private ChatJson() {}

  /** The shared, configured mapper. Do not reconfigure it; {@code copy()} it instead. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Serializes any chatstack wire type to UTF-8 JSON bytes. */
  public static byte[] toBytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize " + value.getClass().getName(), e);
    }
  }

  /** Serializes any chatstack wire type to a JSON string. */
  public static String toJson(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize " + value.getClass().getName(), e);
    }
  }

  /**
   * Parses JSON into {@code type}.
   *
   * @throws InvalidInputException when the JSON is malformed, does not fit the type, or is {@code
   *     null} (never returns null)
   */
  public static <T> T fromJson(byte[] json, Class<T> type) {
    T value;
    try {
      value = MAPPER.readValue(json, type);
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(
          "invalid-json",
          "Not a valid " + type.getSimpleName() + " JSON document: " + e.getMessage());
    }
    if (value == null) {
      throw new InvalidInputException(
          "invalid-json",
          "Not a valid " + type.getSimpleName() + " JSON document: null instead of an object");
    }
    return value;
  }

  /** Parses JSON text into {@code type}; see {@link #fromJson(byte[], Class)}. */
  public static <T> T fromJson(String json, Class<T> type) {
    return fromJson(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), type);
  }
}
