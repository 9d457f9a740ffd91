package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The destination table: each destination spelled out, and read back by {@link RouteParser}. */
class StompDestinationsTest {
  private final StompDestinations seed = StompDestinations.DEFAULTS;
  private final StompDestinations custom = new StompDestinations("/pub", "/sub/v1", "/me");

  @Test
  void theDefaultsAreTheOriginalAppsDestinations() {
    assertThat(seed.send(42)).isEqualTo("/app/chat/send/42");
    assertThat(seed.join(42)).isEqualTo("/app/chat/join/42");
    assertThat(seed.leave(42)).isEqualTo("/app/chat/leave/42");
    assertThat(seed.invite(42)).isEqualTo("/app/chat/invite/42");
    assertThat(seed.remove(42)).isEqualTo("/app/chat/remove/42");
    assertThat(seed.direct()).isEqualTo("/app/chat/direct");
    assertThat(seed.createRoom()).isEqualTo("/app/chat/rooms");
    assertThat(seed.roomList()).isEqualTo("/app/chat/rooms");
    assertThat(seed.history(42)).isEqualTo("/app/chat/history/42");
    assertThat(seed.room(42)).isEqualTo("/topic/chat/42");
    assertThat(seed.rooms()).isEqualTo("/topic/rooms");
    assertThat(seed.errors()).isEqualTo("/user/queue/errors");
  }

  @Test
  void everyDestinationOfATableIsReadBackAsItsRoute() {
    RouteParser parser = new RouteParser(custom);
    assertThat(parser.forSend(custom.send(7))).isEqualTo(new Route.SendToRoom(7));
    assertThat(parser.forSend(custom.join(7))).isEqualTo(new Route.Join(7));
    assertThat(parser.forSend(custom.leave(7))).isEqualTo(new Route.Leave(7));
    assertThat(parser.forSend(custom.invite(7))).isEqualTo(new Route.Invite(7));
    assertThat(parser.forSend(custom.remove(7))).isEqualTo(new Route.Remove(7));
    assertThat(parser.forSend(custom.direct())).isEqualTo(new Route.Direct());
    assertThat(parser.forSend(custom.createRoom())).isEqualTo(new Route.CreateRoom());
    assertThat(parser.forSubscribe(custom.roomList())).isEqualTo(new Route.RoomList());
    assertThat(parser.forSubscribe(custom.history(7))).isEqualTo(new Route.History(7));
    assertThat(parser.forSubscribe(custom.room(7))).isEqualTo(new Route.RoomTopic(7));
    assertThat(parser.forSubscribe(custom.rooms())).isEqualTo(new Route.RoomsTopic());
    assertThat(parser.forSubscribe(custom.errors())).isEqualTo(new Route.ErrorQueue());
    assertThat(custom.room(7)).isEqualTo("/sub/v1/chat/7");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/", "app", "/app/", "//app", "/a b", "/app?x", "/äpp"})
  void aPrefixThatIsNotSlashSeparatedSegmentsIsRefusedWhicheverItIs(String bad) {
    assertThatThrownBy(() -> new StompDestinations(bad, "/topic", "/user"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("appPrefix must look like /app or /a/b");
    assertThatThrownBy(() -> new StompDestinations("/app", bad, "/user"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topicPrefix");
    assertThatThrownBy(() -> new StompDestinations("/app", "/topic", bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("userPrefix");
  }

  @Test
  void nullPrefixesAreRefused() {
    assertThatThrownBy(() -> new StompDestinations(null, "/topic", "/user"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("appPrefix");
  }
}
