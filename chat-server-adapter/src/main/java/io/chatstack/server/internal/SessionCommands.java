package io.chatstack.server.internal;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.DirectRoom;
import io.chatstack.core.Room;
import io.chatstack.core.RoomVisibility;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.chatstack.stomp.CreateRoomBody;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.PayloadReader;
import io.chatstack.stomp.Route;
import io.chatstack.stomp.RouteParser;
import io.chatstack.stomp.SendBody;
import io.chatstack.stomp.StompFrame;
import io.chatstack.stomp.StompProtocolException;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * SEND frames of one connected user: chat messages, join, leave, room creation, invitations,
 * removals and direct rooms. Each body is fully validated before anything changes; answers go out
 * through {@link Replies}. Called on the inbound thread only; not thread-safe.
 */
final class SessionCommands {
  private final ChatPrincipal user;
  private final RoomAccess access;
  private final RouteParser routes;
  private final PayloadReader payloads;
  private final int sendsPerSecond;
  private final RateLimiter rate;
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
    if (!rate.tryAcquire()) {
      throw new ChatException(
          ErrorCodes.RATE_LIMITED,
          "More than " + sendsPerSecond + " SEND frames per second; slow down");
    }
    if (route instanceof Route.SendToRoom r) {
      SendBody body = payloads.chatSend(frame.body(), user.name(), r.roomId());
      switch (body.type()) {
        case JOIN -> join(r.roomId(), receipt);
        case LEAVE -> leave(r.roomId(), receipt);
        default -> chat(r.roomId(), body, receipt);
      }
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

  private void chat(long roomId, SendBody body, String receipt) {
    // One room check (the cached room first; a refusal is confirmed with a fresh read).
    access
        .send(user, roomId, body.content(), body.clientMsgId())
        .whenComplete(
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
