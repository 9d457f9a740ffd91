package io.chatstack.stomp;

import java.util.Objects;

/**
 * The destination prefixes of the STOMP API. With the defaults the destinations are those of the
 * original chat app:
 *
 * <ul>
 *   <li>SEND {@code /app/chat/send/{roomId}} with body {@code {"content": "...", "type"?:
 *       "CHAT"|"JOIN"|"LEAVE", "clientMsgId"?: "..."}} sends a message (type JOIN/LEAVE
 *       joins/leaves instead)
 *   <li>SEND {@code /app/chat/join/{roomId}} and {@code /app/chat/leave/{roomId}} (body ignored)
 *   <li>SEND {@code /app/chat/rooms} with body {@code {"roomName": "...", "visibility"?:
 *       "PUBLIC"|"PRIVATE"}} creates a room; its RECEIPT carries a {@code room-id} header
 *   <li>SEND {@code /app/chat/invite/{roomId}} and {@code /app/chat/remove/{roomId}} with body
 *       {@code {"username": "..."}} add another user to a private room (participants) or remove one
 *       (the creator)
 *   <li>SEND {@code /app/chat/direct} with body {@code {"username": "..."}} opens the direct room
 *       with that user; its RECEIPT carries {@code room-id} and {@code created} (true or false)
 *   <li>SUBSCRIBE {@code /topic/chat/{roomId}} (optional header {@code since-seq}) receives the
 *       room's messages as MESSAGE frames
 *   <li>SUBSCRIBE {@code /topic/rooms} receives room-list changes ({@code RoomEvent} JSON)
 *   <li>SUBSCRIBE {@code /app/chat/rooms} is answered with one MESSAGE: the JSON array of all rooms
 *   <li>SUBSCRIBE {@code /app/chat/history/{roomId}} (headers {@code before-seq} or {@code
 *       after-seq}, optional, and {@code limit}, default 50) is answered with one MESSAGE: {@code
 *       {"messages": [...], "hasMore": bool}}
 *   <li>SUBSCRIBE {@code /user/queue/errors} receives non-fatal errors as JSON instead of being
 *       disconnected
 * </ul>
 *
 * <p>Server and client must use the same table; {@link RouteParser} maps a destination back to its
 * {@link Route}. Thread-safe (immutable). Use e.g. {@code new StompDestinations("/pub", "/sub",
 * "/user")}.
 *
 * @param appPrefix prefix of SEND destinations (default {@code /app})
 * @param topicPrefix prefix of room and room-list subscriptions (default {@code /topic})
 * @param userPrefix prefix of per-user queues (default {@code /user})
 */
public record StompDestinations(String appPrefix, String topicPrefix, String userPrefix) {

  /** {@code /app}, {@code /topic}, {@code /user}. */
  public static final StompDestinations DEFAULTS = new StompDestinations("/app", "/topic", "/user");

  /**
   * Checks each prefix: a slash and one or more segments of letters, digits, {@code _} and {@code
   * -}.
   */
  public StompDestinations {
    check(appPrefix, "appPrefix");
    check(topicPrefix, "topicPrefix");
    check(userPrefix, "userPrefix");
  }

  /** SEND destination that posts a chat message to the room. */
  public String send(long roomId) {
    return appPrefix + "/chat/send/" + roomId;
  }

  /** SEND destination that joins the room. */
  public String join(long roomId) {
    return appPrefix + "/chat/join/" + roomId;
  }

  /** SEND destination that leaves the room. */
  public String leave(long roomId) {
    return appPrefix + "/chat/leave/" + roomId;
  }

  /** SEND destination that adds another user to the room (an invitation). */
  public String invite(long roomId) {
    return appPrefix + "/chat/invite/" + roomId;
  }

  /** SEND destination that removes another user from the room. */
  public String remove(long roomId) {
    return appPrefix + "/chat/remove/" + roomId;
  }

  /** SEND destination that opens the direct room with another user. */
  public String direct() {
    return appPrefix + "/chat/direct";
  }

  /** SEND destination that creates a room. */
  public String createRoom() {
    return appPrefix + "/chat/rooms";
  }

  /**
   * SUBSCRIBE destination answered once with the JSON array of all rooms (the same as {@link
   * #createRoom()}, which is a SEND destination).
   */
  public String roomList() {
    return appPrefix + "/chat/rooms";
  }

  /**
   * SUBSCRIBE destination answered once with a page of the room's history (headers {@code
   * before-seq} or {@code after-seq}, and {@code limit}).
   */
  public String history(long roomId) {
    return appPrefix + "/chat/history/" + roomId;
  }

  /** SUBSCRIBE destination of the room's messages. */
  public String room(long roomId) {
    return topicPrefix + "/chat/" + roomId;
  }

  /** SUBSCRIBE destination of room-list changes. */
  public String rooms() {
    return topicPrefix + "/rooms";
  }

  /** SUBSCRIBE destination of the user's non-fatal errors. */
  public String errors() {
    return userPrefix + "/queue/errors";
  }

  private static void check(String prefix, String name) {
    Objects.requireNonNull(prefix, name);
    if (!prefix.matches("/[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*")) {
      throw new IllegalArgumentException(
          name + " must look like /app or /a/b, was '" + prefix + "'");
    }
  }
}
