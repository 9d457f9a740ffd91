package io.chatstack.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata that IDEs show for {@code chatstack.*}, as the annotation processor
 * generated it from {@link ChatstackProperties}: every property described in the house style, and
 * the signal properties with their types and defaults.
 */
class ConfigurationMetadataTest {
  private static final Map<String, JsonNode> properties = new HashMap<>();

  @BeforeAll
  static void readGeneratedMetadata() throws Exception {
    try (InputStream in =
        ConfigurationMetadataTest.class.getResourceAsStream(
            "/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated metadata").isNotNull();
      new ObjectMapper()
          .readTree(in)
          .path("properties")
          .forEach(p -> properties.put(p.path("name").asText(), p));
    }
  }

  @Test
  void everyPropertyIsDescribedInTheHouseStyle() {
    assertThat(properties).isNotEmpty();
    properties.forEach(
        (name, p) -> {
          String description = p.path("description").asText("");
          assertThat(description).as(name).isNotBlank().doesNotStartWith("The ");
          if ("java.lang.Boolean".equals(p.path("type").asText())) {
            assertThat(description).as(name).startsWith("Whether");
          }
        });
  }

  @Test
  void signalPropertiesHaveTheirTypesAndDefaults() {
    assertProperty("chatstack.presence.grace", "java.time.Duration", "5s");
    assertProperty("chatstack.presence.lease", "java.time.Duration", "15s");
    assertProperty("chatstack.typing.throttle", "java.time.Duration", "3s");
    assertProperty("chatstack.typing.timeout", "java.time.Duration", "6s");
    assertProperty("chatstack.read-receipts.enabled", "java.lang.Boolean", "true");
    assertProperty("chatstack.kafka.signals-topic", "java.lang.String", "chat-signals");
  }

  @Test
  void messageLifecyclePropertiesHaveTheirTypesAndDefaults() {
    assertProperty("chatstack.messages.edit-window", "java.time.Duration", "24h");
    assertProperty("chatstack.admin.authority", "java.lang.String", "CHATSTACK_ADMIN");
    assertProperty("chatstack.admin.allow-in-dev-mode", "java.lang.Boolean", "false");
    // Off unless set: no default.
    assertThat(properties).containsKey("chatstack.history.retention");
    JsonNode retention = properties.get("chatstack.history.retention");
    assertThat(retention.path("type").asText()).isEqualTo("java.time.Duration");
    assertThat(retention.has("defaultValue")).isFalse();
  }

  @Test
  void hookPropertiesHaveTheirTypesAndDefaults() {
    assertProperty("chatstack.hooks.before-send-timeout", "java.time.Duration", "200ms");
    assertProperty("chatstack.hooks.failure-policy", "java.lang.String", "fail-closed");
    assertProperty("chatstack.hooks.after-persist.max-attempts", "java.lang.Integer", "5");
    assertProperty("chatstack.hooks.after-persist.initial-backoff", "java.time.Duration", "100ms");
    assertProperty("chatstack.hooks.after-persist.max-backoff", "java.time.Duration", "5s");
    assertProperty("chatstack.kafka.dead-letters-topic", "java.lang.String", "chat-dead-letters");
    assertProperty("chatstack.kafka.persister-linger", "java.time.Duration", "100ms");
    assertProperty("chatstack.history.tail.records-per-room", "java.lang.Integer", "200");
    assertProperty(
        "chatstack.history.tail.max-size", "org.springframework.util.unit.DataSize", "32MB");
    assertProperty("chatstack.history.tail.max-age", "java.time.Duration", "1m");
    assertProperty("chatstack.notifications.min-interval", "java.time.Duration", "60s");
  }

  private static void assertProperty(String name, String type, String defaultValue) {
    assertThat(properties).containsKey(name);
    JsonNode p = properties.get(name);
    assertThat(p.path("type").asText()).as(name).isEqualTo(type);
    assertThat(p.path("defaultValue").asText()).as(name).isEqualTo(defaultValue);
  }
}
