package io.chatstack.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bodies of the message lifecycle: edit, delete, react, and a chat send's {@code replyTo} and
 * {@code metadata}; their wire shape and strict parsing.
 */
class LifecycleBodiesTest {
  private final ObjectMapper json = new ObjectMapper();
  // the server's default nesting limit (StompLimits.DEFAULTS.maxJsonDepth())
  private final PayloadReader reader = new PayloadReader(8, 16 * 1024);

  @Test
  void anEditHasMessageIdContentAndOptionalClientMsgId() {
    assertThat(edit("{\"messageId\":\"m-1\",\"content\":\"fixed\"}"))
        .isEqualTo(new EditBody("m-1", "fixed", null));
    assertThat(edit("{\"messageId\":\"m-1\",\"content\":\"\",\"clientMsgId\":\"e-1\"}"))
        .isEqualTo(new EditBody("m-1", "", "e-1"));
    assertThat(
            edit(
                "{\"messageId\":\"m\",\"content\":\"x\",\"clientMsgId\":null,\"sender\":\"alice\"}"))
        .isEqualTo(new EditBody("m", "x", null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"content\":\"x\"}",
        "{\"messageId\":\"m\"}",
        "{\"messageId\":null,\"content\":\"x\"}",
        "{\"messageId\":\"m\",\"content\":null}",
        "{\"messageId\":7,\"content\":\"x\"}",
        "{\"messageId\":\"m\",\"content\":[\"x\"]}",
        "{\"messageId\":\"m\",\"content\":\"x\",\"clientMsgId\":1}",
        "{\"messageId\":\"m\",\"content\":\"x\",\"content\":\"y\"}",
        "{\"messageId\":\"m\",\"content\":\"x\"}{}",
        "[\"m\",\"x\"]",
        ""
      })
  void anyOtherEditIsInvalidJson(String body) {
    assertCode(() -> edit(body), ErrorCodes.INVALID_JSON);
  }

  @Test
  void aDeleteNamesTheMessage() {
    assertThat(delete("{\"messageId\":\"m-1\"}")).isEqualTo(new DeleteBody("m-1"));
    assertThat(delete("{\"messageId\":\"m-1\",\"sender\":null,\"extra\":1}"))
        .isEqualTo(new DeleteBody("m-1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{}", "{\"messageId\":null}", "{\"messageId\":1}", "{\"messageId\":{}}", "\"m\""})
  void aDeleteWithoutAMessageIdStringIsInvalidJson(String body) {
    assertCode(() -> delete(body), ErrorCodes.INVALID_JSON);
  }

  @Test
  void aReactionNamesMessageEmojiAndWhetherToAdd() {
    assertThat(react("{\"messageId\":\"m\",\"emoji\":\"👍\",\"add\":true}"))
        .isEqualTo(new ReactBody("m", "👍", true));
    assertThat(react("{\"messageId\":\"m\",\"emoji\":\"👍\",\"add\":false}"))
        .isEqualTo(new ReactBody("m", "👍", false));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"messageId\":\"m\",\"emoji\":\"👍\"}",
        "{\"messageId\":\"m\",\"emoji\":\"👍\",\"add\":null}",
        "{\"messageId\":\"m\",\"emoji\":\"👍\",\"add\":\"true\"}",
        "{\"messageId\":\"m\",\"emoji\":\"👍\",\"add\":1}",
        "{\"messageId\":\"m\",\"add\":true}",
        "{\"messageId\":\"m\",\"emoji\":null,\"add\":true}",
        "{\"messageId\":\"m\",\"emoji\":1,\"add\":true}",
        "{\"emoji\":\"👍\",\"add\":true}",
        "{\"messageId\":[],\"emoji\":\"👍\",\"add\":true}"
      })
  void anyOtherReactionIsInvalidJson(String body) {
    assertCode(() -> react(body), ErrorCodes.INVALID_JSON);
  }

  @Test
  void theRefusalsSayWhichFieldAndWhatTheBodyLooksLike() {
    assertThatThrownBy(() -> edit("{\"messageId\":\"m\"}"))
        .hasMessageStartingWith("Field 'content' must be a string")
        .hasMessageContaining("{\"messageId\": \"...\", \"content\": \"...\"");
    assertThatThrownBy(() -> delete("{}"))
        .hasMessageStartingWith("Field 'messageId' must be a string")
        .hasMessageContaining("{\"messageId\": \"...\"}");
    assertThatThrownBy(() -> react("{\"messageId\":\"m\",\"emoji\":\"👍\"}"))
        .hasMessageStartingWith("Field 'add' must be a boolean")
        .hasMessageContaining("\"add\": true|false}");
    assertThatThrownBy(() -> react("{\"messageId\":\"m\",\"add\":true}"))
        .hasMessageStartingWith("Field 'emoji' must be a string");
  }

  @Test
  void noChangeNamesAnotherSender() {
    assertCode(
        () -> edit("{\"messageId\":\"m\",\"content\":\"x\",\"sender\":\"bob\"}"),
        ErrorCodes.SENDER_MISMATCH);
    assertCode(
        () -> delete("{\"messageId\":\"m\",\"sender\":\"bob\"}"), ErrorCodes.SENDER_MISMATCH);
    assertCode(
        () -> react("{\"messageId\":\"m\",\"emoji\":\"👍\",\"add\":true,\"sender\":\"bob\"}"),
        ErrorCodes.SENDER_MISMATCH);
    assertThat(react("{\"messageId\":\"m\",\"emoji\":\"👍\",\"add\":true,\"sender\":\"alice\"}"))
        .isEqualTo(new ReactBody("m", "👍", true));
  }

  @Test
  void aChatSendCarriesReplyToAndMetadata() {
    SendBody body =
        chatSend(
            "{\"content\":\"see\",\"replyTo\":\"m-1\",\"metadata\":{\"url\":\"https://x\","
                + "\"size\":12,\"big\":12345678901,\"ratio\":1.5,\"ok\":true,\"none\":null,"
                + "\"tags\":[\"a\",2]}}");
    assertThat(body.replyTo()).isEqualTo("m-1");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("url", "https://x");
    expected.put("size", 12);
    expected.put("big", 12345678901L);
    expected.put("ratio", 1.5);
    expected.put("ok", true);
    expected.put("none", null);
    expected.put("tags", List.of("a", 2));
    assertThat(body.metadata()).containsExactlyEntriesOf(expected);
    assertThat(body).isEqualTo(SendBody.chat("see", null, "m-1", expected));
  }

  @Test
  void replyToAndMetadataAreOptional() {
    assertThat(chatSend("{\"content\":\"hi\"}")).isEqualTo(SendBody.chat("hi", null, null, null));
    assertThat(chatSend("{\"content\":\"hi\",\"replyTo\":null,\"metadata\":null}"))
        .isEqualTo(SendBody.chat("hi", null));
    assertThat(chatSend("{\"content\":\"hi\",\"metadata\":{}}").metadata()).isEmpty();
    assertThat(chatSend("{\"content\":\"hi\",\"replyTo\":\"\"}").replyTo()).isEmpty();
  }

  @Test
  void metadataMayNestAsDeepAsTheLimitAllows() {
    // body 1, metadata 2, attachments 3, attachment 4, image 5, size 6, w 7, x 8
    String nested =
        "{\"content\":\"pic\",\"metadata\":{\"attachments\":[{\"image\":{\"size\":{\"w\":{\"x\":[1]}}}}]}}";
    assertThat(chatSend(nested).metadata()).containsKey("attachments");
    String deeper =
        "{\"content\":\"pic\",\"metadata\":{\"attachments\":[{\"image\":{\"size\":{\"w\":{\"x\":[[1]]}}}}]}}";
    assertCode(() -> chatSend(deeper), ErrorCodes.INVALID_JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"text\"", "[1]", "42", "true"})
  void metadataThatIsNoObjectIsInvalidJson(String metadata) {
    assertThatThrownBy(() -> chatSend("{\"content\":\"hi\",\"metadata\":" + metadata + "}"))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_JSON))
        .hasMessageContaining("'metadata' must be a JSON object");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"n\":1e400}",
        "{\"n\":-1e400}",
        "{\"n\":[99999999999999999999]}",
        "{\"a\":{\"n\":18446744073709551616}}"
      })
  void metadataNumbersMustBeReadBackAsTheyWere(String metadata) {
    assertThatThrownBy(() -> chatSend("{\"content\":\"hi\",\"metadata\":" + metadata + "}"))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_JSON))
        .hasMessageContaining("Numbers in 'metadata' must be 64-bit integers or finite decimals");
  }

  @Test
  void theLargestLongAndOrdinaryDecimalsAreKept() {
    Map<String, Object> metadata =
        chatSend("{\"content\":\"hi\",\"metadata\":{\"n\":9223372036854775807,\"d\":-0.25}}")
            .metadata();
    assertThat(metadata).containsEntry("n", Long.MAX_VALUE).containsEntry("d", -0.25);
    assertThat(metadata.get("n")).isNotInstanceOf(BigInteger.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{\"replyTo\":1,\"content\":\"x\"}", "{\"replyTo\":{},\"content\":\"x\"}"})
  void replyToMustBeAString(String body) {
    assertCode(() -> chatSend(body), ErrorCodes.INVALID_JSON);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"JOIN\",\"replyTo\":\"m\"}",
        "{\"type\":\"LEAVE\",\"metadata\":{}}",
        "{\"type\":\"JOIN\",\"metadata\":{\"a\":1}}"
      })
  void onlyAChatMessageRepliesOrCarriesMetadata(String body) {
    assertThatThrownBy(() -> chatSend(body))
        .isInstanceOfSatisfying(
            StompProtocolException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_JSON))
        .hasMessageContaining("Only a chat message (type CHAT) carries 'replyTo' or 'metadata'");
  }

  @Test
  void joinAndLeaveStillNeedNeither() {
    assertThat(chatSend("{\"type\":\"JOIN\",\"replyTo\":null,\"metadata\":null}"))
        .isEqualTo(new SendBody(null, SendBody.Type.JOIN, null));
  }

  @Test
  void bodiesHaveTheWireShapeOfTheProtocol() throws Exception {
    assertThat(json.writeValueAsString(new EditBody("m", "x", null)))
        .isEqualTo("{\"messageId\":\"m\",\"content\":\"x\"}");
    assertThat(json.writeValueAsString(new EditBody("m", "x", "e-1")))
        .isEqualTo("{\"messageId\":\"m\",\"content\":\"x\",\"clientMsgId\":\"e-1\"}");
    assertThat(json.writeValueAsString(new DeleteBody("m"))).isEqualTo("{\"messageId\":\"m\"}");
    assertThat(json.writeValueAsString(new ReactBody("m", "👍", false)))
        .isEqualTo("{\"messageId\":\"m\",\"emoji\":\"👍\",\"add\":false}");
    assertThat(json.writeValueAsString(SendBody.chat("hi", null, "m", Map.of("k", "v"))))
        .isEqualTo(
            "{\"content\":\"hi\",\"type\":\"CHAT\",\"replyTo\":\"m\",\"metadata\":{\"k\":\"v\"}}");
  }

  @Test
  void whatTheWriterWritesTheReaderReads() throws Exception {
    EditBody edit = new EditBody("m", "x", "e-1");
    assertThat(reader.edit(json.writeValueAsBytes(edit), "alice")).isEqualTo(edit);
    ReactBody react = new ReactBody("m", "🎉", true);
    assertThat(reader.react(json.writeValueAsBytes(react), "alice")).isEqualTo(react);
    SendBody send = SendBody.chat("hi", "c", "m", Map.of("k", List.of("v")));
    assertThat(reader.chatSend(json.writeValueAsBytes(send), "alice", 7)).isEqualTo(send);
  }

  private EditBody edit(String body) {
    return reader.edit(bytes(body), "alice");
  }

  private DeleteBody delete(String body) {
    return reader.delete(bytes(body), "alice");
  }

  private ReactBody react(String body) {
    return reader.react(bytes(body), "alice");
  }

  private SendBody chatSend(String body) {
    return reader.chatSend(bytes(body), "alice", 7);
  }

  private static void assertCode(ThrowingCallable parse, String code) {
    assertThatThrownBy(parse)
        .isInstanceOfSatisfying(
            StompProtocolException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
