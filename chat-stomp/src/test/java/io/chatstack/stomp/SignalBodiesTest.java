package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON bodies of presence, typing and read state: their wire shape and strict parsing. */
class SignalBodiesTest {
  private final ObjectMapper json = new ObjectMapper();
  private final PayloadReader reader = new PayloadReader(16, 65536);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void bodiesHaveTheWireShapeOfTheProtocol() throws Exception {
    assertThat(json.writeValueAsString(PresenceBody.snapshot(List.of("alice", "bob"), 2)))
        .isEqualTo("{\"type\":\"snapshot\",\"online\":[\"alice\",\"bob\"],\"count\":2}");
    assertThat(json.writeValueAsString(PresenceBody.change("carol", true, 3)))
        .isEqualTo("{\"type\":\"online\",\"user\":\"carol\",\"count\":3}");
    assertThat(json.writeValueAsString(PresenceBody.change("carol", false, 2)))
        .isEqualTo("{\"type\":\"offline\",\"user\":\"carol\",\"count\":2}");
    assertThat(json.writeValueAsString(new TypingEventBody("alice", true)))
        .isEqualTo("{\"user\":\"alice\",\"typing\":true}");
    assertThat(json.writeValueAsString(new ReadReceiptBody("alice", 12)))
        .isEqualTo("{\"user\":\"alice\",\"seq\":12}");
    assertThat(json.writeValueAsString(new ReadStateBody(1, 12, 3)))
        .isEqualTo("{\"roomId\":1,\"lastReadSeq\":12,\"unreadCount\":3}");
    assertThat(json.writeValueAsString(new TypingBody(false))).isEqualTo("{\"typing\":false}");
    assertThat(json.writeValueAsString(new ReadBody(-1))).isEqualTo("{\"seq\":-1}");
  }

  @Test
  void bodiesAreReadBackIgnoringUnknownFields() throws Exception {
    assertThat(
            json.readValue(
                "{\"type\":\"snapshot\",\"online\":[\"a\"],\"count\":1,\"roomId\":4}",
                PresenceBody.class))
        .isEqualTo(PresenceBody.snapshot(List.of("a"), 1));
    PresenceBody offline =
        json.readValue("{\"type\":\"offline\",\"user\":\"b\",\"count\":0}", PresenceBody.class);
    assertThat(offline).isEqualTo(PresenceBody.change("b", false, 0));
    assertThat(offline.online()).isNull();
    assertThat(json.readValue("{\"user\":\"a\",\"typing\":true,\"x\":1}", TypingEventBody.class))
        .isEqualTo(new TypingEventBody("a", true));
    assertThat(json.readValue("{\"user\":\"a\",\"seq\":5,\"x\":1}", ReadReceiptBody.class))
        .isEqualTo(new ReadReceiptBody("a", 5));
    assertThat(
            json.readValue(
                "{\"roomId\":2,\"lastReadSeq\":5,\"unreadCount\":1,\"user\":\"a\"}",
                ReadStateBody.class))
        .isEqualTo(new ReadStateBody(2, 5, 1));
  }

  @Test
  void aSnapshotCopiesItsNames() {
    List<String> names = new ArrayList<>(List.of("a"));
    PresenceBody body = PresenceBody.snapshot(names, 1);
    names.add("b");
    assertThat(body.online()).containsExactly("a");
    assertThatThrownBy(() -> body.online().add("c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void typingBodiesAreBooleans() {
    assertThat(reader.typing(utf8("{\"typing\":true}"))).isEqualTo(new TypingBody(true));
    assertThat(reader.typing(utf8(" {\"typing\": false} "))).isEqualTo(new TypingBody(false));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"typing\":\"true\"}",
        "{\"typing\":1}",
        "{\"typing\":null}",
        "{\"typing\":true,\"typing\":false}",
        "[true]",
        "true",
        "",
        "{\"typing\":true}{}"
      })
  void anythingButABooleanTypingIsInvalidJson(String body) {
    assertThatThrownBy(() -> reader.typing(utf8(body)))
        .as(body)
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_JSON));
  }

  @Test
  void readBodiesCarryAnIntegerOfAtLeastMinusOne() {
    assertThat(reader.read(utf8("{\"seq\":-1}"))).isEqualTo(new ReadBody(-1));
    assertThat(reader.read(utf8("{\"seq\":0}"))).isEqualTo(new ReadBody(0));
    assertThat(reader.read(utf8("{\"seq\":9223372036854775807}")))
        .isEqualTo(new ReadBody(Long.MAX_VALUE));
    assertThat(reader.read(utf8("{\"seq\":17,\"roomId\":3}"))).isEqualTo(new ReadBody(17));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"seq\":-2}",
        "{\"seq\":-9223372036854775808}",
        "{\"seq\":1.5}",
        "{\"seq\":1.0}",
        "{\"seq\":\"5\"}",
        "{\"seq\":null}",
        "{\"seq\":true}",
        "{\"seq\":9223372036854775808}",
        "{\"seq\":[1]}",
      })
  void aSeqThatIsMissingNotAnIntegerOrBelowMinusOneIsInvalidSeq(String body) {
    assertThatThrownBy(() -> reader.read(utf8(body)))
        .as(body)
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_SEQ);
              assertThat(e.getMessage()).contains("{\"seq\": N}");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1]", "5", "{seq: 1}", "{\"seq\":1,\"seq\":2}", ""})
  void aReadBodyThatIsNoJsonObjectIsInvalidJson(String body) {
    assertThatThrownBy(() -> reader.read(utf8(body)))
        .as(body)
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_JSON));
  }

  @Test
  void theInvalidSeqMessageTellsWhatCame() {
    assertThatThrownBy(() -> reader.read(utf8("{}"))).hasMessageEndingWith("was missing");
    assertThatThrownBy(() -> reader.read(utf8("{\"seq\":-2}"))).hasMessageEndingWith("was -2");
  }
}
