package io.chatstack.server.internal;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.DirectRoom;
import io.chatstack.core.InvalidInputException;
import io.chatstack.core.ModerationAction;
import io.chatstack.core.ModerationRequest;
import io.chatstack.core.ReadState;
import io.chatstack.core.Room;
import io.chatstack.core.RoomRole;
import io.chatstack.core.RoomVisibility;
import io.chatstack.core.SendOptions;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.chatstack.stomp.CreateRoomBody;
import io.chatstack.stomp.DeleteBody;
import io.chatstack.stomp.EditBody;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.ModerationBody;
import io.chatstack.stomp.PayloadReader;
import io.chatstack.stomp.ReactBody;
import io.chatstack.stomp.ReadBody;
import io.chatstack.stomp.Route;
import io.chatstack.stomp.RouteParser;
import io.chatstack.stomp.SendBody;
import io.chatstack.stomp.StompFrame;
import io.chatstack.stomp.StompProtocolException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * SEND frames of one connected user: chat messages (with an optional {@code replyTo} and {@code
 * metadata}), edits, deletes and reactions, join, leave, room creation, invitations, removals and
 * direct rooms, typing and read marks. Each body is fully validated before anything changes;
 * answers go out through {@link Replies}. Called on the inbound thread only; not thread-safe.
 *
 * <p>Edits, deletes and reactions are handled exactly like a chat send: the same room check ({@link
 * RoomAccess}, {@code canSend}), the same rate-limit bucket, a RECEIPT with the change record's
 * {@code message-id}, {@code seq} and {@code timestamp} once the log stored it, and a refusal (its
 * code from the chat service: {@code message-not-found}, {@code not-message-sender}, ...) as an
 * application error, with nothing changed.
 *
 * <p>Rate limits: typing and read marks draw from a bucket of their own, of the same size as the
 * bucket of every other SEND ({@code sendsPerSecond} per second, as burst too), so that a client
 * typing and reading never loses chat sends to it, and chat sends never silence its typing; each
 * kind beyond its bucket is refused with {@code rate-limited}. (Clients send a {@code typing: true}
 * at most every few seconds and read marks as the user scrolls, far below the bound.)
 *
 * <p>A read mark whose {@code seq} is invalid is an application error ({@code invalid-seq}: on the
 * error queue when subscribed, else ERROR), and nothing changes; a typing body that is not {@code
 * {"typing": bool}} is refused like every other bad body ({@code invalid-json}).
 */
final class SessionCommands {
  private final ChatPrincipal user;
  private final RoomAccess access;
  private final RouteParser routes;
  private final PayloadReader payloads;
  private final int sendsPerSecond;
  private final RateLimiter rate;
  private final RateLimiter signalRate;
  private final Replies replies;

  SessionCommands(
      ChatPrincipal user,
      RoomAccess access,
      RouteParser routes,
      PayloadReader payloads,
      int sendsPerSecond,
      Replies replies) {
    this.user = user;
    this.access = access;
    this.routes = routes;
    this.payloads = payloads;
    this.sendsPerSecond = sendsPerSecond;
    this.rate = new RateLimiter(sendsPerSecond, System::nanoTime);
    this.signalRate = new RateLimiter(sendsPerSecond, System::nanoTime);
    this.replies = replies;
  }

  void send(StompFrame frame) {
    if (frame.headers().containsKey(HeaderNames.TRANSACTION)) {
      throw new StompProtocolException(
          ErrorCodes.UNSUPPORTED_TRANSACTION,
          "Transactions are not supported; remove 'transaction'");
    }
    Route route = routes.forSend(frame.required(HeaderNames.DESTINATION));
    String receipt = frame.receipt().orElse(null);
    boolean signal = route instanceof Route.Typing || route instanceof Route.MarkRead;
    if (!(signal ? signalRate : rate).tryAcquire()) {
      throw new ChatException(
          ErrorCodes.RATE_LIMITED,
          "More than "
              + sendsPerSecond
              + (signal ? " typing and read SENDs" : " SEND frames")
              + " per second; slow down");
    }
    if (route instanceof Route.Typing r) {
      access.typing(user, r.roomId(), payloads.typing(frame.body()).typing());
      replies.receipt(receipt, roomId(r.roomId()));
    } else if (route instanceof Route.MarkRead r) {
      markRead(r.roomId(), frame, receipt);
    } else if (route instanceof Route.SendToRoom r) {
      SendBody body = payloads.chatSend(frame.body(), user.name(), r.roomId());
      switch (body.type()) {
        case JOIN -> join(r.roomId(), receipt);
        case LEAVE -> leave(r.roomId(), receipt);
        default -> chat(r.roomId(), body, receipt);
      }
    } else if (route instanceof Route.Edit r) {
      EditBody edit = payloads.edit(frame.body(), user.name());
      receiptWhenStored(
          access.edit(user, r.roomId(), edit.messageId(), edit.content(), edit.clientMsgId()),
          receipt);
    } else if (route instanceof Route.Delete r) {
      DeleteBody delete = payloads.delete(frame.body(), user.name());
      receiptWhenStored(access.delete(user, r.roomId(), delete.messageId()), receipt);
    } else if (route instanceof Route.React r) {
      ReactBody react = payloads.react(frame.body(), user.name());
      receiptWhenStored(
          access.react(user, r.roomId(), react.messageId(), react.emoji(), react.add()), receipt);
    } else if (route instanceof Route.Moderate r) {
      moderate(r.roomId(), payloads.moderation(frame.body()));
      replies.receipt(receipt, roomId(r.roomId()));
    } else if (route instanceof Route.Join r) {
      join(r.roomId(), receipt);
    } else if (route instanceof Route.Leave r) {
      leave(r.roomId(), receipt);
    } else if (route instanceof Route.Invite r) {
      access.addParticipant(user, r.roomId(), payloads.username(frame.body()).username());
      replies.receipt(receipt, roomId(r.roomId()));
    } else if (route instanceof Route.Remove r) {
      access.removeParticipant(user, r.roomId(), payloads.username(frame.body()).username());
      replies.receipt(receipt, roomId(r.roomId()));
    } else if (route instanceof Route.Direct) {
      DirectRoom direct = access.directRoom(user, payloads.username(frame.body()).username());
      replies.receipt(
          receipt,
          Map.of(
              HeaderNames.ROOM_ID,
              Long.toString(direct.room().id()),
              HeaderNames.CREATED,
              Boolean.toString(direct.created())));
    } else {
      CreateRoomBody create = payloads.createRoom(frame.body(), user.name());
      Room room =
          access.createRoom(
              user, create.roomName(), RoomVisibility.valueOf(create.visibility().name()));
      replies.receipt(receipt, roomId(room.id()));
    }
  }

  /** Carries out a moderation SEND through {@link RoomAccess}; refusals throw their code. */
  private void moderate(long roomId, ModerationBody body) {
    switch (body.action().strip().toLowerCase(Locale.ROOT)) {
      case "role" ->
          access.setRole(user, roomId, required(body.username(), "username"), role(body.role()));
      case "rename" -> access.rename(user, roomId, required(body.roomName(), "roomName"));
      case "delete" -> access.deleteRoom(user, roomId);
      default -> {
        ModerationAction action = ModerationAction.of(body.action());
        Optional<Instant> until = Optional.ofNullable(body.until()).map(SessionCommands::instant);
        access.moderate(
            user,
            roomId,
            new ModerationRequest(
                action,
                required(body.username(), "username"),
                until,
                body.reason() == null ? "" : body.reason()));
      }
    }
  }

  private static String required(String value, String field) {
    if (value == null) {
      throw new InvalidInputException(
          ErrorCodes.INVALID_JSON, "This moderation action needs the field '" + field + "'");
    }
    return value;
  }

  private static RoomRole role(String role) {
    if ("MODERATOR".equals(role)) {
      return RoomRole.MODERATOR;
    }
    if ("MEMBER".equals(role)) {
      return RoomRole.MEMBER;
    }
    throw new InvalidInputException(
        "invalid-role", "role must be MODERATOR or MEMBER; ownership cannot be given away");
  }

  private static Instant instant(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "invalid-until", "until must be an ISO-8601 instant such as 2026-12-31T00:00:00Z");
    }
  }

  private void chat(long roomId, SendBody body, String receipt) {
    // One room check (the cached room first; a refusal is confirmed with a fresh read).
    receiptWhenStored(
        access.send(user, roomId, body.content(), body.clientMsgId(), options(body)), receipt);
  }

  private static SendOptions options(SendBody body) {
    SendOptions options = SendOptions.NONE;
    if (body.replyTo() != null) {
      options = options.withReplyTo(body.replyTo());
    }
    if (body.metadata() != null) {
      options = options.withMetadata(body.metadata());
    }
    return options;
  }

  // A chat message or change record: RECEIPT once the log stored it, else the refusal's code.
  private void receiptWhenStored(CompletableFuture<ChatMessage> stored, String receipt) {
    stored.whenComplete(
        (message, failure) -> {
          if (failure == null) {
            replies.receipt(
                receipt,
                Map.of(
                    HeaderNames.MESSAGE_ID,
                    message.id(),
                    HeaderNames.SEQ,
                    Long.toString(message.seq()),
                    HeaderNames.TIMESTAMP,
                    message.timestamp().toString()));
          } else {
            replies.applicationError(unwrap(failure), receipt);
          }
        });
  }

  private void markRead(long roomId, StompFrame frame, String receipt) {
    ReadBody body;
    try {
      body = payloads.read(frame.body());
    } catch (StompProtocolException e) {
      if (!e.code().equals(ErrorCodes.INVALID_SEQ)) {
        throw e;
      }
      throw new ChatException(ErrorCodes.INVALID_SEQ, e.getMessage());
    }
    ReadState state = access.markRead(user, roomId, body.seq());
    replies.receipt(
        receipt,
        Map.of(
            HeaderNames.LAST_READ_SEQ,
            Long.toString(state.lastReadSeq()),
            HeaderNames.UNREAD_COUNT,
            Long.toString(state.unreadCount())));
  }

  private void join(long roomId, String receipt) {
    access.join(user, roomId);
    replies.receipt(receipt, roomId(roomId));
  }

  private void leave(long roomId, String receipt) {
    access.leave(user, roomId);
    replies.receipt(receipt, roomId(roomId));
  }

  private static Map<String, String> roomId(long roomId) {
    return Map.of(HeaderNames.ROOM_ID, Long.toString(roomId));
  }

  private static ChatException unwrap(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ChatException chat
        ? chat
        : new ChatUnavailableException("Send failed: " + cause, cause);
  }
}
