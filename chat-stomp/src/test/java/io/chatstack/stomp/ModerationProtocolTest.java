package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The moderation destination: spelled out, read back as its route, and its body parsed. */
class ModerationProtocolTest {
  private final StompDestinations custom = new StompDestinations("/pub", "/sub", "/me");
  private final PayloadReader reader = new PayloadReader(8, 16 * 1024);

  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theDestinationIsReadBackAsItsRoute() {
    assertThat(StompDestinations.DEFAULTS.moderation(42)).isEqualTo("/app/chat/moderation/42");
    assertThat(custom.moderation(3)).isEqualTo("/pub/chat/moderation/3");
    assertThat(new RouteParser(StompDestinations.DEFAULTS).forSend("/app/chat/moderation/42"))
        .isEqualTo(new Route.Moderate(42));
    assertThat(new RouteParser(custom).forSend("/pub/chat/moderation/3"))
        .isEqualTo(new Route.Moderate(3));
    assertThatThrownBy(
            () -> new RouteParser(StompDestinations.DEFAULTS).forSend("/app/chat/moderation/x"))
        .isInstanceOf(StompProtocolException.class)
        .hasMessageContaining("/app/chat/moderation/1");
  }

  @Test
  void everyFieldIsRead() {
    ModerationBody body =
        reader.moderation(
            json(
                "{\"action\":\"ban\",\"username\":\"bob\",\"until\":\"2030-01-01T00:00:00Z\","
                    + "\"reason\":\"spam\",\"role\":\"MEMBER\",\"roomName\":\"x\"}"));
    assertThat(body)
        .isEqualTo(new ModerationBody("ban", "bob", "2030-01-01T00:00:00Z", "spam", "MEMBER", "x"));
    assertThat(reader.moderation(json("{\"action\":\"delete\",\"username\":null}")))
        .isEqualTo(new ModerationBody("delete", null, null, null, null, null));
  }

  @Test
  void anActionIsRequiredAndFieldsAreStrings() {
    for (String bad :
        new String[] {
          "{}", "{\"action\":1}", "{\"action\":\"kick\",\"username\":5}", "[]", "not json"
        }) {
      assertThatThrownBy(() -> reader.moderation(json(bad)))
          .as(bad)
          .isInstanceOf(StompProtocolException.class)
          .satisfies(
              e ->
                  assertThat(((StompProtocolException) e).code())
                      .isEqualTo(ErrorCodes.INVALID_JSON));
    }
  }
}
