package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Presence, typing and read-state destinations: spelled out, and read back as their routes. */
class SignalRoutesTest {
  private final StompDestinations seed = StompDestinations.DEFAULTS;
  private final StompDestinations custom = new StompDestinations("/pub", "/sub/v1", "/me");
  private final RouteParser seedParser = new RouteParser(seed);
  private final RouteParser customParser = new RouteParser(custom);

  @Test
  void theDefaultDestinationsAreThoseOfTheProtocol() {
    assertThat(seed.presence(42)).isEqualTo("/topic/chat/42/presence");
    assertThat(seed.typing(42)).isEqualTo("/topic/chat/42/typing");
    assertThat(seed.reads(42)).isEqualTo("/topic/chat/42/reads");
    assertThat(seed.readState()).isEqualTo("/user/queue/read-state");
    assertThat(seed.sendTyping(42)).isEqualTo("/app/chat/typing/42");
    assertThat(seed.markRead(42)).isEqualTo("/app/chat/read/42");
  }

  @Test
  void customPrefixesApplyToEverySignalDestination() {
    assertThat(custom.presence(3)).isEqualTo("/sub/v1/chat/3/presence");
    assertThat(custom.typing(3)).isEqualTo("/sub/v1/chat/3/typing");
    assertThat(custom.reads(3)).isEqualTo("/sub/v1/chat/3/reads");
    assertThat(custom.readState()).isEqualTo("/me/queue/read-state");
    assertThat(custom.sendTyping(3)).isEqualTo("/pub/chat/typing/3");
    assertThat(custom.markRead(3)).isEqualTo("/pub/chat/read/3");
  }

  @Test
  void everySignalDestinationIsReadBackAsItsRoute() {
    for (RouteParser parser : new RouteParser[] {seedParser, customParser}) {
      StompDestinations d = parser == seedParser ? seed : custom;
      assertThat(parser.forSubscribe(d.presence(7))).isEqualTo(new Route.PresenceTopic(7));
      assertThat(parser.forSubscribe(d.typing(7))).isEqualTo(new Route.TypingTopic(7));
      assertThat(parser.forSubscribe(d.reads(7))).isEqualTo(new Route.ReadsTopic(7));
      assertThat(parser.forSubscribe(d.readState())).isEqualTo(new Route.ReadStateQueue());
      assertThat(parser.forSend(d.sendTyping(7))).isEqualTo(new Route.Typing(7));
      assertThat(parser.forSend(d.markRead(7))).isEqualTo(new Route.MarkRead(7));
      // the room topic itself is still the room's messages
      assertThat(parser.forSubscribe(d.room(7))).isEqualTo(new Route.RoomTopic(7));
    }
    assertThat(((Route.RoomSignal) seedParser.forSubscribe("/topic/chat/0/reads")).roomId())
        .isZero();
    assertThat(
            ((Route.RoomSignal) seedParser.forSubscribe("/topic/chat/123456789012345678/typing"))
                .roomId())
        .isEqualTo(123456789012345678L);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/topic/chat/1/presence/",
        "/topic/chat/1/Presence",
        "/topic/chat/01/presence",
        "/topic/chat/x/typing",
        "/topic/chat/1/typingx",
        "/topic/chat/1/read",
        "/topic/chat/presence",
        "/topic/chat/1/2/reads",
        "/user/queue/read-state/",
        "/topic/queue/read-state",
        "/app/chat/typing/1",
        "/sub/v1/chat/1/presence",
      })
  void otherSubscribeDestinationsAreRefused(String bad) {
    assertThatThrownBy(() -> seedParser.forSubscribe(bad))
        .as(bad)
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e ->
                assertThat(e.code())
                    .isEqualTo(ErrorCodes.UNKNOWN_DESTINATION)
                    .isNotNull()
                    .isNotEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/app/chat/typing/",
        "/app/chat/typing/01",
        "/app/chat/typing/1/",
        "/app/chat/read/-1",
        "/app/chat/read/x",
        "/app/chat/reads/1",
        "/topic/chat/1/typing",
        "/pub/chat/read/1",
      })
  void otherSendDestinationsAreRefused(String bad) {
    assertThatThrownBy(() -> seedParser.forSend(bad))
        .as(bad)
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.UNKNOWN_DESTINATION));
  }

  @Test
  void theRefusalNamesTheSignalDestinations() {
    assertThatThrownBy(() -> seedParser.forSubscribe("/nowhere"))
        .hasMessageContaining("/topic/chat/1/presence")
        .hasMessageContaining("/topic/chat/1/typing")
        .hasMessageContaining("/topic/chat/1/reads")
        .hasMessageContaining("/user/queue/read-state");
    assertThatThrownBy(() -> seedParser.forSend("/nowhere"))
        .hasMessageContaining("/app/chat/typing/1")
        .hasMessageContaining("/app/chat/read/1");
  }

  @Test
  void signalHeaderNamesAndErrorCode() {
    assertThat(HeaderNames.LAST_READ_SEQ).isEqualTo("last-read-seq");
    assertThat(HeaderNames.UNREAD_COUNT).isEqualTo("unread-count");
    assertThat(ErrorCodes.INVALID_SEQ).isEqualTo("invalid-seq");
  }
}
