/**
 * STOMP 1.2 over WebSocket for chatstack: a {@link io.chatstack.server.ChatEndpoint} for any
 * Jakarta WebSocket 2.1+ container and a standalone {@link io.chatstack.server.ChatServer} on
 * Tyrus.
 *
 * <h2>Connecting</h2>
 *
 * Send {@code CONNECT} (or {@code STOMP}) with {@code accept-version} including 1.2 or 1.1 and the
 * credentials your {@link io.chatstack.server.Authenticator} expects ({@code login} for {@link
 * io.chatstack.server.DevAuthenticator}, {@code Authorization: Bearer <jwt>} for {@link
 * io.chatstack.server.JwtAuthenticator}). {@code CONNECTED} carries {@code version}, the server's
 * {@code heart-beat}, {@code session} and {@code user-name}. Heart-beats are negotiated per STOMP
 * 1.2; the server sends EOLs on its interval and disconnects a client silent for twice the client's
 * negotiated interval. A connection that has not completed CONNECT within {@link
 * io.chatstack.server.StompServerConfig#connectTimeout()} (default 10 s) gets ERROR {@code
 * connect-timeout}, and a frame not complete within {@link
 * io.chatstack.server.StompServerConfig#frameTimeout()} (default 30 s from its first byte) gets
 * ERROR {@code frame-timeout}; both are then closed. A CONNECT carrying {@code login}, {@code
 * passcode} or {@code Authorization} twice is refused ({@code duplicate-header}). User names follow
 * {@link io.chatstack.core.Names} whatever the authenticator. JSON bodies are parsed strictly: a
 * key given twice, bytes after the object, or a number or boolean where a string is expected are
 * refused ({@code invalid-json}).
 *
 * <h2>Destinations</h2>
 *
 * See {@link io.chatstack.stomp.StompDestinations}. Every frame with a {@code receipt} header gets
 * a {@code RECEIPT}; for a chat {@code SEND} only once the message is durable, with its {@code
 * message-id}, {@code seq} and {@code timestamp} (ISO-8601) of the stored message, which is the
 * original one when the {@code clientMsgId} was sent before; for an edit, delete or reaction the
 * same headers of its change record; for room creation, join and leave with {@code room-id}. {@code
 * MESSAGE} frames carry {@code subscription}, {@code message-id}, {@code destination}, {@code seq},
 * {@code content-type: application/json} and the {@link io.chatstack.core.ChatMessage} JSON. {@code
 * SUBSCRIBE} to a room with {@code since-seq: N} first replays every message with seq &gt; N, then
 * continues live, without gaps or duplicates ({@code -1} replays everything). The replay is paced
 * by the connection's outbound queue: however many messages were missed, the server waits for the
 * client to read them (giving up, as for a slow consumer, only when the client takes nothing for 30
 * seconds); live deliveries stay bounded by the queue.
 *
 * <h2>Edits, deletes, reactions and replies</h2>
 *
 * <ul>
 *   <li>{@code SEND /app/chat/edit/{roomId}} {@code {"messageId":"..","content":"..",
 *       "clientMsgId"?:".."}} replaces the text of one's own chat message (within the edit window;
 *       {@code clientMsgId} makes a re-sent edit idempotent, as for sends);
 *   <li>{@code SEND /app/chat/delete/{roomId}} {@code {"messageId":".."}} deletes a chat message
 *       (it becomes a tombstone): one's own, or as the room's owner anyone's and as a moderator
 *       members';
 *   <li>{@code SEND /app/chat/react/{roomId}} {@code {"messageId":"..","emoji":"👍","add":true}}
 *       adds ({@code false}: removes) the user's reaction; idempotent per user, message and emoji;
 *   <li>{@code SEND /app/chat/send/{roomId}} takes {@code "replyTo":"<message id>"} (a message of
 *       the same room) and {@code "metadata":{...}} (a JSON object, at most 4 KiB serialized,
 *       nested at most {@link io.chatstack.server.StompLimits#maxJsonDepth()} levels counting the
 *       body) besides {@code content}; only a chat message carries them.
 * </ul>
 *
 * Each is handled exactly like a chat send: the same check ({@link
 * io.chatstack.server.RoomAuthorizer#canSend}: participants), the same per-connection rate limit
 * (they count as SEND frames), a RECEIPT with {@code message-id}, {@code seq} and {@code timestamp}
 * of the change record once the log stored it. The change is a record of its own ({@code type}
 * {@code EDIT}, {@code DELETE} or {@code REACTION}, {@code targetId} the message changed, {@code
 * sender} who changed it; a REACTION carries the emoji as {@code content} and {@code
 * "metadata":{"add":bool}}), delivered on {@code /topic/chat/{roomId}} in room order and replayed
 * by {@code since-seq} like any message; clients apply it to the message they hold. History ({@code
 * /app/chat/history/{roomId}}) lists messages only, in their current state ({@code editedAt},
 * {@code deleted} tombstones, {@code reactions}). A refusal is an application error with the chat
 * service's code, and nothing changes: {@code message-not-found}, {@code not-message-sender},
 * {@code edit-window-expired}, {@code not-editable} (JOIN/LEAVE), {@code message-deleted}, {@code
 * invalid-emoji}, {@code invalid-metadata}, {@code invalid-reply-to}, {@code invalid-message-id},
 * {@code not-participant}, {@code room-not-found}, {@code invalid-content}, {@code rate-limited}. A
 * body that is not the destination's JSON (a missing or mistyped field, {@code metadata} that is
 * not an object) is {@code invalid-json}, a protocol violation like any other bad body.
 *
 * <h2>Rooms, visibility and revocation</h2>
 *
 * Every destination is authorized by one {@link io.chatstack.server.RoomAccess} applying the {@link
 * io.chatstack.server.RoomAuthorizer}: a user sees public rooms and the private and direct rooms
 * they are in; a room they may not see is answered with {@code room-not-found}, exactly as one that
 * does not exist; reading or subscribing to a public room one is not in answers {@code
 * not-participant}; a membership change the rules refuse answers {@code forbidden}. SEND {@code
 * /app/chat/rooms} takes {@code {"roomName": "...", "visibility"?: "PUBLIC"|"PRIVATE"}}. {@code
 * /topic/rooms} carries {@code {"kind": "CREATED"|"JOINED"|"LEFT", "room": {summary}, "user":
 * "..."}} and reaches only users who may see that room (and the user concerned). A room
 * subscription ends at its user's own {@code LEAVE} (they left or were removed, on any connection
 * or node): the LEAVE is the last MESSAGE of that subscription, after which the server sends {@code
 * {"code":"subscription-revoked","roomId":N,"subscription":"<id>","message":"..."}} to {@code
 * /user/queue/errors} (when subscribed) and forgets the subscription id. A {@code since-seq} replay
 * that shows the user leaving and joining again does not end it.
 *
 * <h2>Queries</h2>
 *
 * Without REST, clients read rooms and history with one-shot subscriptions (like Spring's
 * {@code @SubscribeMapping}): {@code SUBSCRIBE /app/chat/rooms} is answered with one MESSAGE whose
 * body is the JSON array of the rooms the user may see (summaries: {@code id, name, createdBy,
 * createdAt, visibility, participantCount}); {@code SUBSCRIBE /app/chat/history/{roomId}} with
 * optional headers {@code before-seq} or {@code after-seq} (exclusive cursors) and {@code limit} (1
 * to 1000, default 50) is answered with one MESSAGE {@code {"messages": [...], "hasMore": bool}},
 * messages ascending by seq (no cursor: the newest page), for participants only ({@code
 * not-participant}, or {@code room-not-found} for a room the user may not see). Either MESSAGE
 * carries the subscription id; the subscription is not retained (do not UNSUBSCRIBE). With a {@code
 * receipt} header the RECEIPT follows the MESSAGE; failures go to {@code /user/queue/errors} with
 * that {@code receiptId}. The room list's entries of rooms the user participates in also carry
 * {@code lastReadSeq} and {@code unreadCount}.
 *
 * <h2>Presence, typing and read state</h2>
 *
 * Every connected session keeps its user online ({@link io.chatstack.core.Presence#connected})
 * until it ends, however it ends. For participants of a room ({@link
 * io.chatstack.server.RoomAuthorizer#canSubscribe}, refused like room subscriptions):
 *
 * <ul>
 *   <li>{@code SUBSCRIBE /topic/chat/{roomId}/presence}: first {@code {"type":"snapshot",
 *       "online":[...],"count":N}}, then {@code {"type":"online"|"offline","user":"..","count":N}};
 *   <li>{@code SUBSCRIBE /topic/chat/{roomId}/typing}: {@code {"user":"..","typing":bool}}; {@code
 *       SEND /app/chat/typing/{roomId}} {@code {"typing":bool}} ({@link
 *       io.chatstack.server.RoomAuthorizer#canSend}; any other body is {@code invalid-json});
 *   <li>{@code SUBSCRIBE /topic/chat/{roomId}/reads}: read receipts {@code {"user":"..","seq":N}}
 *       (accepted and silent when receipts are disabled);
 *   <li>{@code SEND /app/chat/read/{roomId}} {@code {"seq":N}}: marks the room read; its RECEIPT
 *       carries {@code last-read-seq} and {@code unread-count} (the state after it); a seq that is
 *       missing, not an integer or below -1 is the application error {@code invalid-seq} and
 *       changes nothing.
 * </ul>
 *
 * {@code SUBSCRIBE /user/queue/read-state} receives {@code {"roomId":N,"lastReadSeq":N,
 * "unreadCount":K}} whenever the user's state in one of their rooms changes. A room's presence,
 * typing and reads subscriptions end like its message subscription when the user leaves or is
 * removed: {@code subscription-revoked} on the error queue, for each subscription id. Typing and
 * read SENDs are limited apart from chat sends (each kind to {@link
 * io.chatstack.server.StompLimits#sendsPerSecond()}), so neither eats the other's budget.
 *
 * <h2>Errors</h2>
 *
 * <ul>
 *   <li>Protocol violations and broken limits (malformed frames, frames before CONNECT, a second
 *       CONNECT, unknown commands or destinations, {@code ACK}/{@code NACK}/{@code BEGIN}/{@code
 *       COMMIT}/{@code ABORT}, selectors, non-auto ack modes, invalid JSON, a {@code sender} or
 *       {@code creator} field naming someone else, authentication failures) are answered with an
 *       {@code ERROR} frame (headers {@code message}, {@code code}, {@code receipt-id} when the
 *       frame asked for one; a plain-text body saying what to fix) and the connection is closed.
 *       Nothing the frame asked for happens.
 *   <li>Application errors (room not found, not a participant, forbidden, content too long, rate
 *       limited, log unavailable, a refused edit, delete or reaction) go as JSON {@code {code,
 *       message, receiptId?}} to {@code /user/queue/errors} when the client subscribed to it, and
 *       the connection stays open; otherwise they are answered like protocol violations, since
 *       ERROR is STOMP's only other way.
 * </ul>
 *
 * <h2>Sender identity</h2>
 *
 * The sender of every message is the authenticated principal. Bodies may omit {@code sender}; a
 * {@code sender} equal to the principal is tolerated for clients of the original app; any other
 * value is refused as spoofing (ERROR, then close).
 *
 * <h2>Outbound</h2>
 *
 * Each connection has a bounded queue ({@link
 * io.chatstack.server.StompLimits#outboundQueueFrames()}), one asynchronous write in flight, and
 * frames queued meanwhile are coalesced into one WebSocket message. A message delivered to N
 * subscribers is JSON- and header-encoded once. A client whose queue fills up gets an ERROR ({@code
 * slow-consumer}) and is disconnected; the others are not affected.
 */
@NullMarked
package io.chatstack.server;

import org.jspecify.annotations.NullMarked;
