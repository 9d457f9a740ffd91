package io.chatstack.server;

import static io.chatstack.server.TestFrame.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.Room;
import io.chatstack.json.ChatJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed or hostile input gets an ERROR frame and a closed connection, changes nothing (no
 * message stored or delivered, no room created, no membership changed), and the server keeps
 * serving: a fresh client's message is the next thing a watching client receives.
 */
class BadInputIT {
  static ServerFixture fixture;
  static Room room;
  static RawStompClient watcher;
  static final AtomicInteger sentinels = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerFixture();
    room = fixture.service.createRoom("target", "alice");
    fixture.service.join(room.id(), "mallory");
    fixture.service.join(room.id(), "watcher");
    watcher = RawStompClient.connected(fixture.uri(), "watcher");
    watcher.send(
        frame(
            "SUBSCRIBE", "", "id", "w", "destination", "/topic/chat/" + room.id(), "receipt", "w"));
    watcher.awaitReceipt("w");
  }

  @AfterAll
  static void stop() throws Exception {
    watcher.close();
    fixture.close();
  }

  static List<BadInput> inputs() {
    return BadInput.all();
  }

  @Test
  void suiteHasAtLeastFortyCases() {
    assertThat(BadInput.all()).hasSizeGreaterThanOrEqualTo(40);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void refusedWithErrorAndCloseWithoutSideEffects(BadInput input) throws Exception {
    int roomsBefore = fixture.service.rooms().size();
    Room before = fixture.service.room(room.id());
    long storedBefore = stored();
    int watchedBefore = watcher.messages().size();

    try (RawStompClient attacker =
        input.afterConnect()
            ? RawStompClient.connected(fixture.uri(), "mallory")
            : RawStompClient.open(fixture.uri())) {
      byte[] payload =
          new String(input.payload(), StandardCharsets.ISO_8859_1)
              .replace("%ROOM%", Long.toString(room.id()))
              .getBytes(StandardCharsets.ISO_8859_1);
      if (input.binary()) {
        attacker.sendBytes(payload);
      } else {
        attacker.send(new String(payload, StandardCharsets.UTF_8));
      }

      TestFrame error = attacker.await(f -> f.command().equals("ERROR"));
      attacker.awaitClosed();
      assertThat(error.header("code")).isEqualTo(input.expectedCode());
      assertThat(error.header("message")).isNotBlank();
      assertThat(error.body()).isNotBlank();
      assertThat(attacker.messages()).isEmpty();
    }

    String sentinel = "sentinel-" + sentinels.incrementAndGet();
    try (RawStompClient fresh = RawStompClient.connected(fixture.uri(), "alice")) {
      fresh.send(
          frame(
              "SEND",
              "{\"content\":\"" + sentinel + "\"}",
              "destination",
              "/app/chat/send/" + room.id(),
              "receipt",
              "ok"));
      fresh.awaitReceipt("ok");
    }
    watcher.await(f -> f.body().contains(sentinel));
    List<TestFrame> newlyWatched =
        watcher.messages().subList(watchedBefore, watcher.messages().size());
    assertThat(newlyWatched)
        .extracting(f -> ChatJson.fromJson(f.body(), ChatMessage.class).content())
        .containsExactly(sentinel);
    assertThat(stored()).isEqualTo(storedBefore + 1);
    assertThat(fixture.service.rooms()).hasSize(roomsBefore);
    assertThat(fixture.service.room(room.id()).participants()).isEqualTo(before.participants());
  }

  private static long stored() {
    return fixture
        .service
        .history(room.id(), HistoryQuery.before(Long.MAX_VALUE, 500))
        .messages()
        .size();
  }
}
