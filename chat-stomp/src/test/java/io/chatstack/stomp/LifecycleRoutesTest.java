package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Edit, delete and react destinations: spelled out, and read back as their routes. */
class LifecycleRoutesTest {
  private final StompDestinations seed = StompDestinations.DEFAULTS;
  private final StompDestinations custom = new StompDestinations("/pub", "/sub/v1", "/me");
  private final RouteParser seedParser = new RouteParser(seed);
  private final RouteParser customParser = new RouteParser(custom);

  @Test
  void theDefaultDestinationsAreThoseOfTheProtocol() {
    assertThat(seed.edit(42)).isEqualTo("/app/chat/edit/42");
    assertThat(seed.delete(42)).isEqualTo("/app/chat/delete/42");
    assertThat(seed.react(42)).isEqualTo("/app/chat/react/42");
    assertThat(custom.edit(3)).isEqualTo("/pub/chat/edit/3");
    assertThat(custom.delete(3)).isEqualTo("/pub/chat/delete/3");
    assertThat(custom.react(3)).isEqualTo("/pub/chat/react/3");
  }

  @Test
  void everyLifecycleDestinationIsReadBackAsItsRoute() {
    for (RouteParser parser : new RouteParser[] {seedParser, customParser}) {
      StompDestinations d = parser == seedParser ? seed : custom;
      assertThat(parser.forSend(d.edit(7))).isEqualTo(new Route.Edit(7));
      assertThat(parser.forSend(d.delete(7))).isEqualTo(new Route.Delete(7));
      assertThat(parser.forSend(d.react(7))).isEqualTo(new Route.React(7));
      assertThat(parser.forSend(d.send(7))).isEqualTo(new Route.SendToRoom(7));
    }
    assertThat(seedParser.forSend("/app/chat/edit/0")).isEqualTo(new Route.Edit(0));
    assertThat(seedParser.forSend("/app/chat/react/123456789012345678"))
        .isEqualTo(new Route.React(123456789012345678L));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/app/chat/edit/",
        "/app/chat/edit/01",
        "/app/chat/edit/1/",
        "/app/chat/delete/-1",
        "/app/chat/delete/x",
        "/app/chat/react/1/2",
        "/app/chat/reacts/1",
        "/app/chat/edits/1",
        "/app/chat/deleted/1",
        "/pub/chat/edit/1",
        "/topic/chat/1/edit"
      })
  void otherSendDestinationsAreRefused(String bad) {
    assertThatThrownBy(() -> seedParser.forSend(bad))
        .as(bad)
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.UNKNOWN_DESTINATION));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/app/chat/edit/1", "/app/chat/delete/1", "/app/chat/react/1"})
  void theyAreNoSubscribeDestinations(String destination) {
    assertThatThrownBy(() -> seedParser.forSubscribe(destination))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.UNKNOWN_DESTINATION));
  }

  @Test
  void theRefusalNamesTheLifecycleDestinations() {
    assertThatThrownBy(() -> seedParser.forSend("/nowhere"))
        .hasMessageContaining("/app/chat/edit/1")
        .hasMessageContaining("/app/chat/delete/1")
        .hasMessageContaining("/app/chat/react/1");
  }
}
