package io.chatstack.client.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chatstack.client.ChatClientException;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import io.chatstack.json.ChatJson;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Blocking requests: room list and history (one-shot SUBSCRIBE queries), room creation, join and
 * leave (SEND with receipt). Thread-safe.
 */
public final class Queries {
  private static final TypeReference<List<RoomSummary>> ROOMS = new TypeReference<>() {};
  private final ClientCore core;
  private final Requests requests;

  public Queries(ClientCore core) {
    this.core = core;
    this.requests = new Requests(core);
  }

  public List<RoomSummary> rooms() {
    String id = "q:" + core.ids.incrementAndGet();
    StompFrame answer =
        requests.call(
            id,
            StompFrame.of(
                "SUBSCRIBE", Map.of("id", id, "destination", "/app/chat/rooms", "receipt", id)),
            "Listing rooms");
    try {
      return List.copyOf(ChatJson.mapper().readValue(answer.body(), ROOMS));
    } catch (IOException | RuntimeException e) {
      throw new ChatClientException(
          "malformed-frame", "The room list from the server is not valid JSON: " + e, e);
    }
  }

  public HistoryPage history(long roomId, HistoryQuery query) {
    String id = "q:" + core.ids.incrementAndGet();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("id", id);
    headers.put("destination", "/app/chat/history/" + roomId);
    headers.put("receipt", id);
    headers.put("limit", Integer.toString(query.limit()));
    if (query.direction() == HistoryQuery.Direction.AFTER) {
      headers.put("after-seq", Long.toString(Math.max(0, query.cursor())));
    } else if (query.cursor() != Long.MAX_VALUE) {
      headers.put("before-seq", Long.toString(Math.max(0, query.cursor())));
    }
    StompFrame answer =
        requests.call(id, StompFrame.of("SUBSCRIBE", headers), "Reading history of room " + roomId);
    try {
      return ChatJson.fromJson(answer.body(), HistoryPage.class);
    } catch (RuntimeException e) {
      throw new ChatClientException(
          "malformed-frame", "The history page from the server is not valid: " + e, e);
    }
  }

  public RoomSummary createRoom(String name, RoomVisibility visibility) {
    String id = "c:" + core.ids.incrementAndGet();
    byte[] body = ChatJson.toBytes(Map.of("roomName", name, "visibility", visibility.name()));
    StompFrame answer =
        requests.call(
            id,
            new StompFrame(
                "SEND",
                Map.of(
                    "destination",
                    "/app/chat/rooms",
                    "receipt",
                    id,
                    "content-type",
                    "application/json"),
                body),
            "Creating room '" + name + "'");
    return listed(roomId(answer));
  }

  public void invite(long roomId, String username) {
    command("/app/chat/invite/" + roomId, username, "Inviting " + username + " to room " + roomId);
  }

  public void remove(long roomId, String username) {
    command(
        "/app/chat/remove/" + roomId, username, "Removing " + username + " from room " + roomId);
  }

  public RoomSummary directRoom(String username) {
    return listed(
        roomId(command("/app/chat/direct", username, "Opening the direct room with " + username)));
  }

  /** The room just created or opened, as the room list shows it. */
  private RoomSummary listed(long roomId) {
    return rooms().stream()
        .filter(r -> r.id() == roomId)
        .findFirst()
        .orElseThrow(
            () ->
                new ChatClientException(
                    "room-not-found", "Room " + roomId + " vanished right after it was opened"));
  }

  private StompFrame command(String destination, String username, String what) {
    String id = "c:" + core.ids.incrementAndGet();
    return requests.call(
        id,
        new StompFrame(
            "SEND",
            Map.of("destination", destination, "receipt", id, "content-type", "application/json"),
            ChatJson.toBytes(Map.of("username", username))),
        what);
  }

  public void join(long roomId) {
    command("/app/chat/join/" + roomId, "Joining room " + roomId);
  }

  public void leave(long roomId) {
    command("/app/chat/leave/" + roomId, "Leaving room " + roomId);
  }

  private void command(String destination, String what) {
    String id = "c:" + core.ids.incrementAndGet();
    requests.call(
        id, StompFrame.of("SEND", Map.of("destination", destination, "receipt", id)), what);
  }

  private static long roomId(StompFrame receipt) {
    try {
      return Long.parseLong(receipt.header("room-id").orElse(""));
    } catch (NumberFormatException e) {
      throw new ChatClientException(
          "malformed-frame", "RECEIPT of room creation without a numeric 'room-id'");
    }
  }
}
