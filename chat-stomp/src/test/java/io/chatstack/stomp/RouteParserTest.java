package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteParserTest {
  private final RouteParser seed = new RouteParser(StompDestinations.DEFAULTS);
  private final RouteParser custom = new RouteParser(new StompDestinations("/pub", "/sub", "/me"));

  @Test
  void seedCompatibleDestinations() {
    assertThat(seed.forSend("/app/chat/send/42")).isEqualTo(new Route.SendToRoom(42));
    assertThat(seed.forSend("/app/chat/join/7")).isEqualTo(new Route.Join(7));
    assertThat(seed.forSend("/app/chat/leave/7")).isEqualTo(new Route.Leave(7));
    assertThat(seed.forSend("/app/chat/rooms")).isEqualTo(new Route.CreateRoom());
    assertThat(seed.forSubscribe("/topic/chat/42")).isEqualTo(new Route.RoomTopic(42));
    assertThat(seed.forSubscribe("/topic/rooms")).isEqualTo(new Route.RoomsTopic());
    assertThat(seed.forSubscribe("/user/queue/errors")).isEqualTo(new Route.ErrorQueue());
    assertThat(seed.forSubscribe("/app/chat/rooms")).isEqualTo(new Route.RoomList());
    assertThat(seed.forSubscribe("/app/chat/history/9")).isEqualTo(new Route.History(9));
    assertThatThrownBy(() -> seed.forSubscribe("/app/chat/history/x"))
        .isInstanceOf(StompProtocolException.class);
  }

  @Test
  void configurablePrefixes() {
    assertThat(custom.forSend("/pub/chat/send/1")).isEqualTo(new Route.SendToRoom(1));
    assertThat(custom.forSubscribe("/sub/chat/1")).isEqualTo(new Route.RoomTopic(1));
    assertThat(custom.forSubscribe("/me/queue/errors")).isEqualTo(new Route.ErrorQueue());
    assertThatThrownBy(() -> custom.forSend("/app/chat/send/1"))
        .isInstanceOf(StompProtocolException.class);
  }

  @Test
  void anythingElseIsRefused() {
    for (String bad :
        new String[] {
          "/app/chat/send/",
          "/app/chat/send/01",
          "/app/chat/send/1/",
          "/app/chat/send/-1",
          "/app/chat/send/1?x",
          "/app/chat/send/99999999999999999999",
          "/app//chat/send/1",
          "/APP/chat/send/1"
        }) {
      assertThatThrownBy(() -> seed.forSend(bad))
          .as(bad)
          .isInstanceOf(StompProtocolException.class);
    }
    assertThatThrownBy(() -> seed.forSubscribe("/topic/chat/1/../2"))
        .isInstanceOf(StompProtocolException.class);
  }
}
