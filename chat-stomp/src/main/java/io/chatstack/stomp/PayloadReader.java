package io.chatstack.stomp;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads SEND bodies strictly, as a server must: one JSON object, nothing after it, no key twice,
 * strings where strings are expected, under tight parser limits (nesting depth, number and string
 * size); anything else is refused with {@link ErrorCodes#INVALID_JSON}. A {@code sender} (or {@code
 * creator}) field naming anyone but the authenticated user is refused as spoofing ({@link
 * ErrorCodes#SENDER_MISMATCH}); naming the user is tolerated for clients of the original app.
 * Thread-safe.
 */
public final class PayloadReader {
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
    JsonNode id = json.get("clientMsgId");
    return new SendBody(text, type, id == null || id.isNull() ? null : text(id, "clientMsgId"));
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

  private static String text(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw new StompProtocolException(
          ErrorCodes.INVALID_JSON, "Field '" + field + "' must be a string");
    }
    return node.asText();
  }
}
