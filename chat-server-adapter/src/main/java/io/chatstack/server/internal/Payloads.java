package io.chatstack.server.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatstack.core.MessageType;
import io.chatstack.core.RoomVisibility;
import io.chatstack.json.ChatJson;
import io.chatstack.server.ChatPrincipal;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads SEND bodies strictly: one JSON object, nothing after it, no key twice, strings where
 * strings are expected, under tight parser limits (nesting depth, number and string size); anything
 * else is refused with code {@code invalid-json}. A {@code sender} (or {@code creator}) field
 * naming anyone but the authenticated user is refused as spoofing; naming the user is tolerated for
 * clients of the original app. Thread-safe.
 */
public final class Payloads {
  /** A chat SEND body. {@code clientMsgId} may be null. */
  public record ChatSend(String content, MessageType type, String clientMsgId) {}

  /** A create-room SEND body. */
  public record CreateRoom(String name, RoomVisibility visibility) {}

  private final ObjectMapper mapper;

  public Payloads(int maxDepth, int maxBodyBytes) {
    this.mapper = ChatJson.mapper().copy();
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

  /** The body of {@code /chat/send/{roomId}}. */
  public ChatSend chatSend(byte[] body, ChatPrincipal user, long roomId) {
    JsonNode json = object(body);
    requireSelf(json, "sender", user);
    JsonNode room = json.get("roomId");
    if (room != null && !room.isNull() && !room.asText().equals(Long.toString(roomId))) {
      throw new StompProtocolException(
          "room-mismatch",
          "Body roomId "
              + FrameReader.abbreviate(room.asText())
              + " differs from the destination's room "
              + roomId
              + "; omit it or make them equal");
    }
    JsonNode typeNode = json.get("type");
    MessageType type = MessageType.CHAT;
    if (typeNode != null && !typeNode.isNull()) {
      try {
        type = MessageType.valueOf(text(typeNode, "type").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new StompProtocolException("invalid-json", "type must be CHAT, JOIN or LEAVE");
      }
    }
    JsonNode content = json.get("content");
    String text = content == null || content.isNull() ? null : text(content, "content");
    if (type == MessageType.CHAT && text == null) {
      throw new StompProtocolException(
          "invalid-json", "A chat message needs a string field 'content'");
    }
    JsonNode id = json.get("clientMsgId");
    return new ChatSend(text, type, id == null || id.isNull() ? null : text(id, "clientMsgId"));
  }

  /**
   * A create-room body {@code {"roomName": "...", "visibility"?: "PUBLIC"|"PRIVATE"}} (visibility
   * PUBLIC when absent).
   */
  public CreateRoom createRoom(byte[] body, ChatPrincipal user) {
    JsonNode json = object(body);
    requireSelf(json, "creator", user);
    JsonNode name = json.get("roomName");
    if (name == null || name.isNull()) {
      throw new StompProtocolException(
          "invalid-json", "Creating a room needs a body {\"roomName\": \"...\"}");
    }
    JsonNode visibility = json.get("visibility");
    RoomVisibility chosen = RoomVisibility.PUBLIC;
    if (visibility != null && !visibility.isNull()) {
      String value = text(visibility, "visibility");
      if (value.equals("PUBLIC") || value.equals("PRIVATE")) {
        chosen = RoomVisibility.valueOf(value);
      } else {
        throw new StompProtocolException(
            "invalid-visibility",
            "visibility must be PUBLIC or PRIVATE, was '" + FrameReader.abbreviate(value) + "'");
      }
    }
    return new CreateRoom(text(name, "roomName"), chosen);
  }

  /** The user named by an invite, remove or direct-room body {@code {"username": "..."}}. */
  public String username(byte[] body) {
    JsonNode name = object(body).get("username");
    if (name == null || name.isNull()) {
      throw new StompProtocolException(
          "invalid-json", "This destination needs a body {\"username\": \"...\"}");
    }
    return text(name, "username");
  }

  private JsonNode object(byte[] body) {
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (IOException | RuntimeException e) {
      throw new StompProtocolException(
          "invalid-json",
          "Body must be a JSON object within the parser limits: "
              + FrameReader.abbreviate(String.valueOf(e.getMessage())));
    }
    if (json == null || !json.isObject()) {
      throw new StompProtocolException(
          "invalid-json", "Body must be a JSON object, e.g. {\"content\": \"hi\"}");
    }
    return json;
  }

  private static void requireSelf(JsonNode json, String field, ChatPrincipal user) {
    JsonNode claimed = json.get(field);
    if (claimed != null
        && !claimed.isNull()
        && !(claimed.isTextual() && claimed.asText().equals(user.name()))) {
      throw new StompProtocolException(
          "sender-mismatch",
          "Field '"
              + field
              + "' must be omitted or be '"
              + user.name()
              + "': the sender is always the authenticated user");
    }
  }

  private static String text(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw new StompProtocolException("invalid-json", "Field '" + field + "' must be a string");
    }
    return node.asText();
  }
}
