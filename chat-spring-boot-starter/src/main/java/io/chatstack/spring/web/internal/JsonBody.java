package io.chatstack.spring.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.chatstack.core.InvalidInputException;
import java.io.IOException;
import java.util.Optional;

/**
 * A request body parsed strictly, by chatstack itself rather than the host's message converters
 * (whose settings are the host's): one JSON object, no duplicate keys, nothing after it, and string
 * fields that are strings (a number or boolean is refused, not coerced). Unknown keys are ignored.
 * Every refusal is {@code invalid-json} (400). Thread-safe (immutable).
 */
final class JsonBody {
  private static final ObjectMapper STRICT =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final JsonNode object;

  private JsonBody(JsonNode object) {
    this.object = object;
  }

  static JsonBody parse(byte[] body) {
    JsonNode node;
    try {
      node = body == null || body.length == 0 ? null : STRICT.readTree(body);
    } catch (JsonProcessingException e) {
      throw invalid("Request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw invalid("Request body could not be read");
    }
    if (node == null || !node.isObject()) {
      throw invalid("Request body must be a JSON object");
    }
    return new JsonBody(node);
  }

  /** The string field, empty when absent or null; refused when it holds another JSON type. */
  Optional<String> string(String field) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      throw invalid("Field '" + field + "' must be a string");
    }
    return Optional.of(value.textValue());
  }

  /** The field's value of any JSON type, empty when absent or null. */
  Optional<JsonNode> value(String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  private static InvalidInputException invalid(String detail) {
    return new InvalidInputException("invalid-json", detail);
  }
}
