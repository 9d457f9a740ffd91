package io.chatstack.client.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.chatstack.client.ChatClientException;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.RoomSummary;
import io.chatstack.core.RoomVisibility;
import io.chatstack.json.ChatJson;
import io.chatstack.stomp.Command;
import io.chatstack.stomp.CreateRoomBody;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.ModerationBody;
import io.chatstack.stomp.StompDestinations;
import io.chatstack.stomp.StompFrame;
import io.chatstack.stomp.UsernameBody;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Blocking requests: room list and history (one-shot SUBSCRIBE queries), room creation, join and
 * leave (SEND with receipt), at the destinations of the server's table. Thread-safe.
 */
public final class Queries {
  private static final TypeReference<List<RoomSummary>> ROOMS = new TypeReference<>() {};
  private final Requests requests;
  private final StompDestinations destinations;
  private final LongSupplier ids;

  /**
   * @param ids numbers for request ids, unique per client
   */
  Queries(Requests requests, StompDestinations destinations, LongSupplier ids) {
    this.requests = requests;
    this.destinations = destinations;
    this.ids = ids;
  }

  public List<RoomSummary> rooms() {
    String id = "q:" + ids.getAsLong();
    StompFrame answer =
        requests.call(
            id,
            StompFrame.of(
                Command.SUBSCRIBE,
                Map.of(
                    HeaderNames.ID,
                    id,
                    HeaderNames.DESTINATION,
                    destinations.roomList(),
                    HeaderNames.RECEIPT,
                    id)),
            "Listing rooms");
    try {
      return List.copyOf(ChatJson.mapper().readValue(answer.body(), ROOMS));
    } catch (IOException | RuntimeException e) {
      throw new ChatClientException(
          "malformed-frame", "The room list from the server is not valid JSON: " + e, e);
    }
  }

  public HistoryPage history(long roomId, HistoryQuery query) {
    String id = "q:" + ids.getAsLong();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HeaderNames.ID, id);
    headers.put(HeaderNames.DESTINATION, destinations.history(roomId));
    headers.put(HeaderNames.RECEIPT, id);
    headers.put(HeaderNames.LIMIT, Integer.toString(query.limit()));
    if (query.direction() == HistoryQuery.Direction.AFTER) {
      headers.put(HeaderNames.AFTER_SEQ, Long.toString(Math.max(0, query.cursor())));
    } else if (query.cursor() != Long.MAX_VALUE) {
      headers.put(HeaderNames.BEFORE_SEQ, Long.toString(Math.max(0, query.cursor())));
    }
    StompFrame answer =
        requests.call(
            id, StompFrame.of(Command.SUBSCRIBE, headers), "Reading history of room " + roomId);
    try {
      return ChatJson.fromJson(answer.body(), HistoryPage.class);
    } catch (RuntimeException e) {
      throw new ChatClientException(
          "malformed-frame", "The history page from the server is not valid: " + e, e);
    }
  }

  public RoomSummary createRoom(String name, RoomVisibility visibility) {
    CreateRoomBody body =
        new CreateRoomBody(name, CreateRoomBody.Visibility.valueOf(visibility.name()));
    StompFrame answer =
        send(destinations.createRoom(), ChatJson.toBytes(body), "Creating room '" + name + "'");
    return listed(roomId(answer));
  }

  public void invite(long roomId, String username) {
    command(destinations.invite(roomId), username, "Inviting " + username + " to room " + roomId);
  }

  public void remove(long roomId, String username) {
    command(destinations.remove(roomId), username, "Removing " + username + " from room " + roomId);
  }

  /** A SEND to the room's moderation destination; waits for the RECEIPT. */
  public void moderate(long roomId, ModerationBody body) {
    send(
        destinations.moderation(roomId),
        ChatJson.toBytes(body),
        "Moderation '" + body.action() + "' in room " + roomId);
  }

  public RoomSummary directRoom(String username) {
    return listed(
        roomId(
            command(destinations.direct(), username, "Opening the direct room with " + username)));
  }

  public void join(long roomId) {
    send(destinations.join(roomId), "Joining room " + roomId);
  }

  public void leave(long roomId) {
    send(destinations.leave(roomId), "Leaving room " + roomId);
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
    return send(destination, ChatJson.toBytes(new UsernameBody(username)), what);
  }

  /** A SEND with receipt and no body; waits for the RECEIPT. */
  private void send(String destination, String what) {
    String id = "c:" + ids.getAsLong();
    requests.call(
        id,
        StompFrame.of(
            Command.SEND, Map.of(HeaderNames.DESTINATION, destination, HeaderNames.RECEIPT, id)),
        what);
  }

  /** A SEND with receipt and a JSON body; waits for the RECEIPT. */
  private StompFrame send(String destination, byte[] json, String what) {
    String id = "c:" + ids.getAsLong();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HeaderNames.DESTINATION, destination);
    headers.put(HeaderNames.RECEIPT, id);
    headers.put(HeaderNames.CONTENT_TYPE, "application/json");
    return requests.call(id, new StompFrame(Command.SEND, headers, json), what);
  }

  private static long roomId(StompFrame receipt) {
    try {
      return Long.parseLong(receipt.header(HeaderNames.ROOM_ID).orElse(""));
    } catch (NumberFormatException e) {
      throw new ChatClientException(
          "malformed-frame", "RECEIPT of room creation without a numeric 'room-id'");
    }
  }
}
