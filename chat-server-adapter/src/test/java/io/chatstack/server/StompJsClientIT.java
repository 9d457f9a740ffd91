package io.chatstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.json.ChatJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code src/test/stompjs/scenario.mjs} (@stomp/stompjs under Node, installed by {@code npm
 * ci} in pre-integration-test) against the standalone server and checks its machine-readable
 * result.
 */
class StompJsClientIT {
  static final Path SCRIPT_DIR = Path.of("src", "test", "stompjs");
  static ServerFixture fixture;

  @BeforeAll
  static void start() {
    fixture = new ServerFixture();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void stompJsClientCreatesJoinsChatsAndRecoversWithSinceSeq() throws Exception {
    assertThat(SCRIPT_DIR.resolve("node_modules/@stomp/stompjs"))
        .as("run npm ci in " + SCRIPT_DIR)
        .exists();
    Path output = Files.createTempFile("stompjs", ".out");
    Process node =
        new ProcessBuilder("node", "scenario.mjs", fixture.uri().toString())
            .directory(SCRIPT_DIR.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    Files.delete(output);
    String result =
        lines.stream()
            .filter(l -> l.startsWith("RESULT "))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no RESULT line in node output: " + lines))
            .substring(7);
    JsonNode json = ChatJson.mapper().readTree(result);

    assertThat(json.has("error")).as("scenario error: " + json).isFalse();
    assertThat(node.exitValue()).isZero();
    assertThat(texts(json.get("live"))).containsExactly("JOIN:bob", "CHAT:bob", "LEAVE:bob");
    assertThat(json.get("chatContent").asText()).isEqualTo("hello from stompjs");
    assertThat(json.get("receiptMatches").asBoolean()).isTrue();
    assertThat(texts(json.get("recovered")))
        .containsExactly("JOIN:bob:bob joined the room", "CHAT:bob:missed while away");
    assertThat(fixture.service.room(json.get("roomId").asLong()).participants())
        .containsExactly("alice", "bob");
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }
}
