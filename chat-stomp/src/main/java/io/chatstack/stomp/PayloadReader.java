package io.chatstack.stomp;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads SEND bodies strictly, as a server must: one JSON object, nothing after it, no key twice,
 * strings where strings are expected, under tight parser limits (nesting depth, number and string
 * size); anything else is refused with {@link ErrorCodes#INVALID_JSON}. A {@code sender} (or {@code
 * creator}) field naming anyone but the authenticated user is refused as spoofing ({@link
 * ErrorCodes#SENDER_MISMATCH}); naming the user is tolerated for clients of the original app.
 *
 * <p>A chat send's {@code metadata} is a JSON object nested inside the body: with a nesting limit
 * of {@code maxDepth} the body is level 1 and the metadata object level 2, so the metadata's own
 * values may nest {@code maxDepth - 2} levels deeper (6 with the server's default of 8). Its size
 * (at most 4 KiB serialized) is checked by the chat service ({@code invalid-metadata}), like the
 * rules of the other fields (content length, emoji, message ids).
 *
 * <p>Thread-safe.
 */
public final class PayloadReader {
  private static final TypeReference<LinkedHashMap<String, Object>> METADATA =
      new TypeReference<>() {};
  private static final String EDIT_SHAPE =
      "this destination needs a body {\"messageId\": \"...\", \"content\": \"...\","
          + " \"clientMsgId\"?: \"...\"}";
  private static final String MODERATION_SHAPE =
      "this destination needs a body {\"action\": \"kick|ban|unban|mute|unmute|role|rename|delete\","
          + " \"username\"?, \"until\"?, \"reason\"?, \"role\"?, \"roomName\"?}";
  private static final String DELETE_SHAPE =
      "this destination needs a body {\"messageId\": \"...\"}";
  private static final String REACT_SHAPE =
      "this destination needs a body {\"messageId\": \"...\", \"emoji\": \"...\","
          + " \"add\": true|false}";
  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * @param maxDepth deepest nesting accepted
   * @param maxBodyBytes longest string accepted (a body is never longer)
   */
  public PayloadReader(int maxDepth, int maxBodyBytes) {
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth)
                .maxNumberLength(20)
                .maxStringLength(maxBodyBytes)
                .maxNameLength(256)
                .build());
    // Two values for one key, or bytes after the object, could be read differently by another
    // parser (a proxy, an audit log): refuse them rather than pick one reading.
    mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /**
   * The body of {@link StompDestinations#send(long)} from {@code user} to room {@code roomId}.
   *
   * @throws StompProtocolException when it is not a valid {@link SendBody}
   */
  public SendBody chatSend(byte[] body, String user, long roomId) {
    JsonNode json = object(body);
    requireSelf(json, "sender", user);
    JsonNode room = json.get("roomId");
    if (room != null && !room.isNull() && !room.asText().equals(Long.toString(roomId))) {
      throw new StompProtocolException(
          ErrorCodes.ROOM_MISMATCH,
          "Body roomId "
              + StompProtocolException.abbreviate(room.asText())
              + " differs from the destination's room "
              + roomId
              + "; omit it or make them equal");
    }
    JsonNode typeNode = json.get("type");
    SendBody.Type type = SendBody.Type.CHAT;
    if (typeNode != null && !typeNode.isNull()) {
      try {
        type = SendBody.Type.valueOf(text(typeNode, "type").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new StompProtocolException(
            ErrorCodes.INVALID_JSON, "type must be CHAT, JOIN or LEAVE");
      }
    }
    JsonNode content = json.get("content");
    String text = content == null || content.isNull() ? null : text(content, "content");
    if (type == SendBody.Type.CHAT && text == null) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON, "A chat message needs a string field 'content'");
    }
    String replyTo = optionalText(json, "replyTo");
    Map<String, Object> metadata = metadata(json.get("metadata"));
    if (type != SendBody.Type.CHAT && (replyTo != null || metadata != null)) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON,
          "Only a chat message (type CHAT) carries 'replyTo' or 'metadata'; remove them from a "
              + type
              + " body");
    }
    return new SendBody(text, type, optionalText(json, "clientMsgId"), replyTo, metadata);
  }

  /**
   * The body of {@link StompDestinations#edit(long)} from {@code user}: {@code messageId} and
   * {@code content} strings, {@code clientMsgId} an optional string.
   *
   * @throws StompProtocolException when it is not a valid {@link EditBody}
   */
  public EditBody edit(byte[] body, String user) {
    JsonNode json = object(body);
    requireSelf(json, "sender", user);
    return new EditBody(
        requiredText(json, "messageId", EDIT_SHAPE),
        requiredText(json, "content", EDIT_SHAPE),
        optionalText(json, "clientMsgId"));
  }

  /**
   * The body of {@link StompDestinations#delete(long)} from {@code user}: a {@code messageId}
   * string.
   *
   * @throws StompProtocolException when it is not a valid {@link DeleteBody}
   */
  public DeleteBody delete(byte[] body, String user) {
    JsonNode json = object(body);
    requireSelf(json, "sender", user);
    return new DeleteBody(requiredText(json, "messageId", DELETE_SHAPE));
  }

  /**
   * The body of {@link StompDestinations#react(long)} from {@code user}: {@code messageId} and
   * {@code emoji} strings and an {@code add} boolean (required: {@code false} removes).
   *
   * @throws StompProtocolException when it is not a valid {@link ReactBody}
   */
  public ReactBody react(byte[] body, String user) {
    JsonNode json = object(body);
    requireSelf(json, "sender", user);
    String messageId = requiredText(json, "messageId", REACT_SHAPE);
    String emoji = requiredText(json, "emoji", REACT_SHAPE);
    JsonNode add = json.get("add");
    if (add == null || !add.isBoolean()) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON, "Field 'add' must be a boolean: " + REACT_SHAPE);
    }
    return new ReactBody(messageId, emoji, add.booleanValue());
  }

  /**
   * The body of {@link StompDestinations#createRoom()} from {@code user}.
   *
   * @throws StompProtocolException when it is not a valid {@link CreateRoomBody}
   */
  public CreateRoomBody createRoom(byte[] body, String user) {
    JsonNode json = object(body);
    requireSelf(json, "creator", user);
    JsonNode name = json.get("roomName");
    if (name == null || name.isNull()) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON, "Creating a room needs a body {\"roomName\": \"...\"}");
    }
    JsonNode visibility = json.get("visibility");
    CreateRoomBody.Visibility chosen = CreateRoomBody.Visibility.PUBLIC;
    if (visibility != null && !visibility.isNull()) {
      String value = text(visibility, "visibility");
      if (value.equals("PUBLIC") || value.equals("PRIVATE")) {
        chosen = CreateRoomBody.Visibility.valueOf(value);
      } else {
        throw new StompProtocolException(
            ErrorCodes.INVALID_VISIBILITY,
            "visibility must be PUBLIC or PRIVATE, was '"
                + StompProtocolException.abbreviate(value)
                + "'");
      }
    }
    return new CreateRoomBody(text(name, "roomName"), chosen);
  }

  /**
   * The {@link UsernameBody} of an invite, remove or direct-room SEND.
   *
   * @throws StompProtocolException when it is not one
   */
  public UsernameBody username(byte[] body) {
    JsonNode name = object(body).get("username");
    if (name == null || name.isNull()) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON, "This destination needs a body {\"username\": \"...\"}");
    }
    return new UsernameBody(text(name, "username"));
  }

  /**
   * The {@link ModerationBody} of {@link StompDestinations#moderation(long)}: {@code action} is
   * required; the other fields are optional strings (which ones an action needs is checked where it
   * is carried out).
   *
   * @throws StompProtocolException ({@link ErrorCodes#INVALID_JSON}) when it is not one
   */
  public ModerationBody moderation(byte[] body) {
    JsonNode json = object(body);
    String action = requiredText(json, "action", MODERATION_SHAPE);
    return new ModerationBody(
        action,
        optionalText(json, "username"),
        optionalText(json, "until"),
        optionalText(json, "reason"),
        optionalText(json, "role"),
        optionalText(json, "roomName"));
  }

  /**
   * The {@link TypingBody} of {@link StompDestinations#sendTyping(long)}: {@code typing} must be a
   * boolean.
   *
   * @throws StompProtocolException ({@link ErrorCodes#INVALID_JSON}) when it is not one
   */
  public TypingBody typing(byte[] body) {
    JsonNode typing = object(body).get("typing");
    if (typing == null || !typing.isBoolean()) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON, "This destination needs a body {\"typing\": true|false}");
    }
    return new TypingBody(typing.booleanValue());
  }

  /**
   * The {@link ReadBody} of {@link StompDestinations#markRead(long)}: {@code seq} must be an
   * integer of at least {@code -1}.
   *
   * @throws StompProtocolException ({@link ErrorCodes#INVALID_JSON}) when the body is not a JSON
   *     object, ({@link ErrorCodes#INVALID_SEQ}) when {@code seq} is missing, not an integer or
   *     below -1
   */
  public ReadBody read(byte[] body) {
    JsonNode seq = object(body).get("seq");
    if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < -1) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_SEQ,
          "This destination needs a body {\"seq\": N}, N the highest seq read (an integer >= -1),"
              + " was "
              + (seq == null ? "missing" : StompProtocolException.abbreviate(seq.toString())));
    }
    return new ReadBody(seq.longValue());
  }

  private JsonNode object(byte[] body) {
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON,
          "Body must be a JSON object within the parser limits: "
              + StompProtocolException.abbreviate(String.valueOf(e.getMessage())));
    }
    if (json == null || !json.isObject()) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON, "Body must be a JSON object, e.g. {\"content\": \"hi\"}");
    }
    return json;
  }

  private static void requireSelf(JsonNode json, String field, String user) {
    JsonNode claimed = json.get(field);
    if (claimed != null
        && !claimed.isNull()
        && !(claimed.isTextual() && claimed.asText().equals(user))) {
      throw new StompProtocolException(
          ErrorCodes.SENDER_MISMATCH,
          "Field '"
              + field
              + "' must be omitted or be '"
              + user
              + "': the sender is always the authenticated user");
    }
  }

  private static @Nullable String optionalText(JsonNode json, String field) {
    JsonNode node = json.get(field);
    return node == null || node.isNull() ? null : text(node, field);
  }

  private static String requiredText(JsonNode json, String field, String shape) {
    JsonNode node = json.get(field);
    if (node == null || !node.isTextual()) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON, "Field '" + field + "' must be a string: " + shape);
    }
    return node.asText();
  }

  // A JSON object of any values (the chat service checks its size); absent or null: none.
  private @Nullable Map<String, Object> metadata(@Nullable JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON,
          "Field 'metadata' must be a JSON object, e.g. {\"url\": \"https://...\"}");
    }
    requirePlainNumbers(node);
    return mapper.convertValue(node, METADATA);
  }

  // Numbers that every store and client reads back as they were: 64-bit integers, finite doubles.
  private static void requirePlainNumbers(JsonNode node) {
    if (node.isContainerNode()) {
      node.elements().forEachRemaining(PayloadReader::requirePlainNumbers);
    } else if (node.isBigInteger() || (node.isNumber() && !Double.isFinite(node.doubleValue()))) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON,
          "Numbers in 'metadata' must be 64-bit integers or finite decimals, was "
              + StompProtocolException.abbreviate(node.toString()));
    }
  }

  private static String text(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON, "Field '" + field + "' must be a string");
    }
    return node.asText();
  }
}
