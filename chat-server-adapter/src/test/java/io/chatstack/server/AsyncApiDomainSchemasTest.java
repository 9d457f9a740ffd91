package io.chatstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chat-core types that travel over STOMP (schemas of docs/asyncapi.yaml marked {@code
 * x-java-type: io.chatstack.core.*}) are described completely: every JSON property the record
 * writes (its components, less {@link JsonIgnore}d ones) is a property of its schema, and every
 * enum value is in the schema's enum. chat-stomp's AsyncApiDocumentTest checks the destinations and
 * the protocol's own bodies; chat-stomp cannot see chat-core, so this side is checked here.
 */
class AsyncApiDomainSchemasTest {
  private static JsonNode schemas;

  @BeforeAll
  static void load() throws IOException {
    Path path = Path.of(System.getProperty("basedir", "."), "..", "docs", "asyncapi.yaml");
    schemas = new ObjectMapper(new YAMLFactory()).readTree(path.toFile()).at("/components/schemas");
  }

  @Test
  void everyCoreRecordPropertyIsInItsSchema() throws ClassNotFoundException {
    List<String> checked = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> schema = it.next();
      String type = schema.getValue().path("x-java-type").asText("");
      if (!type.startsWith("io.chatstack.core.")) {
        continue;
      }
      Class<?> record = Class.forName(type);
      assertThat(record.isRecord()).as("%s is a record", type).isTrue();
      Set<String> documented = new LinkedHashSet<>();
      schema.getValue().path("properties").fieldNames().forEachRemaining(documented::add);
      assertThat(documented)
          .as("properties of schema %s (%s) in docs/asyncapi.yaml", schema.getKey(), type)
          .containsAll(jsonProperties(record));
      checked.add(type);
    }
    assertThat(checked)
        .as("core types described by docs/asyncapi.yaml")
        .contains(
            "io.chatstack.core.ChatMessage",
            "io.chatstack.core.Reaction",
            "io.chatstack.core.RoomSummary",
            "io.chatstack.core.RoomEvent");
  }

  @Test
  void everyCoreEnumValueIsInItsSchema() {
    assertThat(enumAt("/MessageType/enum"))
        .containsExactlyInAnyOrder(names(io.chatstack.core.MessageType.values()));
    assertThat(enumAt("/RoomSummary/properties/visibility/enum"))
        .containsExactlyInAnyOrder(names(io.chatstack.core.RoomVisibility.values()));
    assertThat(enumAt("/RoomEvent/properties/kind/enum"))
        .containsExactlyInAnyOrder(names(io.chatstack.core.RoomEvent.Kind.values()));
  }

  private static Set<String> jsonProperties(Class<?> record) {
    Set<String> names = new LinkedHashSet<>();
    for (RecordComponent component : record.getRecordComponents()) {
      if (!component.getAccessor().isAnnotationPresent(JsonIgnore.class)
          && !component.isAnnotationPresent(JsonIgnore.class)) {
        names.add(component.getName());
      }
    }
    return names;
  }

  private static List<String> enumAt(String pointer) {
    List<String> values = new ArrayList<>();
    schemas.at(pointer).forEach(v -> values.add(v.asText()));
    assertThat(values).as("enum at %s of components/schemas", pointer).isNotEmpty();
    return values;
  }

  private static String[] names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
  }
}
