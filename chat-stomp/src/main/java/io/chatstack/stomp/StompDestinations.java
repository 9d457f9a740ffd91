package io.chatstack.stomp;

import java.util.Objects;

/**
 * The destination prefixes of the STOMP API. With the defaults the destinations are those of the
 * original chat app:
 *
 * <ul>
 *   <li>SEND {@code /app/chat/send/{roomId}} with body {@code {"content": "...", "type"?:
 *       "CHAT"|"JOIN"|"LEAVE", "clientMsgId"?: "...", "replyTo"?: "<message id>", "metadata"?:
 *       {...}}} sends a message (type JOIN/LEAVE joins/leaves instead)
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
 *   <li>SUBSCRIBE {@code /topic/chat/{roomId}/presence} (participants) receives {@link
 *       PresenceBody}s: first a snapshot of who is online, then who comes online and goes offline
 *   <li>SEND {@code /app/chat/typing/{roomId}} with body {@code {"typing": true|false}} (a {@link
 *       TypingBody}) says the user is (or stopped) typing; SUBSCRIBE {@code
 *       /topic/chat/{roomId}/typing} (participants) receives {@link TypingEventBody}s
 *   <li>SEND {@code /app/chat/read/{roomId}} with body {@code {"seq": N}} (a {@link ReadBody})
 *       marks the room read up to {@code N}; its RECEIPT carries {@code last-read-seq} and {@code
 *       unread-count}
 *   <li>SEND {@code /app/chat/edit/{roomId}} ({@link EditBody}), {@code /app/chat/delete/{roomId}}
 *       ({@link DeleteBody}) and {@code /app/chat/react/{roomId}} ({@link ReactBody}) change a
 *       message; the change is a record of its own (type EDIT, DELETE, REACTION with {@code
 *       targetId}) delivered on {@code /topic/chat/{roomId}} in room order, and its RECEIPT carries
 *       its seq like a send's
 *   <li>SEND {@code /app/chat/moderation/{roomId}} ({@link ModerationBody}) kicks, bans, unbans,
 *       mutes or unmutes a user, sets a role, renames or deletes the room (owner and moderators, as
 *       the core's rules allow); each is a SYSTEM message in the room, and its RECEIPT comes once
 *       that is durable
 *   <li>SUBSCRIBE {@code /topic/chat/{roomId}/reads} (participants) receives read receipts ({@link
 *       ReadReceiptBody}); SUBSCRIBE {@code /user/queue/read-state} receives the user's own {@link
 *       ReadStateBody} whenever it changes
 * </ul>
 *
 * <p>A subscription to a room's presence, typing or reads ends like a room subscription when its
 * user leaves or is removed from the room: the error queue receives a {@link RevocationBody} for
 * it.
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

  /** SUBSCRIBE destination of the room's presence: who is online. */
  public String presence(long roomId) {
    return topicPrefix + "/chat/" + roomId + "/presence";
  }

  /** SUBSCRIBE destination of who is typing in the room. */
  public String typing(long roomId) {
    return topicPrefix + "/chat/" + roomId + "/typing";
  }

  /** SUBSCRIBE destination of the room's read receipts. */
  public String reads(long roomId) {
    return topicPrefix + "/chat/" + roomId + "/reads";
  }

  /** SUBSCRIBE destination of the user's own read state, in all their rooms. */
  public String readState() {
    return userPrefix + "/queue/read-state";
  }

  /** SEND destination that says the user is (or stopped) typing in the room. */
  public String sendTyping(long roomId) {
    return appPrefix + "/chat/typing/" + roomId;
  }

  /** SEND destination that marks the room read up to a seq. */
  public String markRead(long roomId) {
    return appPrefix + "/chat/read/" + roomId;
  }

  /** SEND destination that edits one of the user's messages in the room ({@link EditBody}). */
  public String edit(long roomId) {
    return appPrefix + "/chat/edit/" + roomId;
  }

  /**
   * SEND destination that deletes a message in the room ({@link DeleteBody}): the user's own, or as
   * the room's owner anyone's and as a moderator members'.
   */
  public String delete(long roomId) {
    return appPrefix + "/chat/delete/" + roomId;
  }

  /**
   * SEND destination that adds or removes a reaction on a message of the room ({@link ReactBody}).
   */
  public String react(long roomId) {
    return appPrefix + "/chat/react/" + roomId;
  }

  /**
   * SEND destination of moderation and room administration in the room ({@link ModerationBody}):
   * kick, ban, unban, mute, unmute, role, rename, delete.
   */
  public String moderation(long roomId) {
    return appPrefix + "/chat/moderation/" + roomId;
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
