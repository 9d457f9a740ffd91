package io.chatstack.server.internal;

import io.chatstack.core.ChatException;
import io.chatstack.core.ChatUnavailableException;
import io.chatstack.core.DirectRoom;
import io.chatstack.core.Room;
import io.chatstack.server.ChatPrincipal;
import io.chatstack.server.RoomAccess;
import io.chatstack.stomp.Route;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * SEND frames of one {@link StompSession}: chat messages, join, leave, room creation. Each body is
 * fully validated before anything changes. Called on the inbound thread only; not thread-safe.
 */
final class SessionCommands {
  private final StompSession session;
  private final RateLimiter rate;

  SessionCommands(StompSession session) {
    this.session = session;
    this.rate =
        new RateLimiter(session.runtime().config().limits().sendsPerSecond(), System::nanoTime);
  }

  void send(InboundFrame frame) {
    if (frame.headers().containsKey("transaction")) {
      throw new StompProtocolException(
          "unsupported-transaction", "Transactions are not supported; remove 'transaction'");
    }
    Route route = session.runtime().router().forSend(frame.required("destination"));
    String receipt = frame.receipt().orElse(null);
    ChatPrincipal user = session.principal();
    Payloads payloads = session.runtime().payloads();
    if (!rate.tryAcquire()) {
      throw new ChatException(
          "rate-limited",
          "More than "
              + session.runtime().config().limits().sendsPerSecond()
              + " SEND frames per second; slow down");
    }
    if (route instanceof Route.SendToRoom r) {
      Payloads.ChatSend body = payloads.chatSend(frame.body(), user, r.roomId());
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
      access().addParticipant(user, r.roomId(), payloads.username(frame.body()));
      session.receipt(receipt, Map.of("room-id", Long.toString(r.roomId())));
    } else if (route instanceof Route.Remove r) {
      access().removeParticipant(user, r.roomId(), payloads.username(frame.body()));
      session.receipt(receipt, Map.of("room-id", Long.toString(r.roomId())));
    } else if (route instanceof Route.Direct) {
      DirectRoom direct = access().directRoom(user, payloads.username(frame.body()));
      session.receipt(
          receipt,
          Map.of(
              "room-id",
              Long.toString(direct.room().id()),
              "created",
              Boolean.toString(direct.created())));
    } else {
      Payloads.CreateRoom create = payloads.createRoom(frame.body(), user);
      Room room = access().createRoom(user, create.name(), create.visibility());
      session.receipt(receipt, Map.of("room-id", Long.toString(room.id())));
    }
  }

  private void chat(long roomId, Payloads.ChatSend body, String receipt) {
    // One room check (the cached room first; a refusal is confirmed with a fresh read).
    access()
        .send(session.principal(), roomId, body.content(), body.clientMsgId())
        .whenComplete(
            (message, failure) -> {
              if (failure == null) {
                session.receipt(
                    receipt,
                    Map.of(
                        "message-id",
                        message.id(),
                        "seq",
                        Long.toString(message.seq()),
                        "timestamp",
                        message.timestamp().toString()));
              } else {
                session.applicationError(unwrap(failure), receipt);
              }
            });
  }

  private void join(long roomId, String receipt) {
    access().join(session.principal(), roomId);
    session.receipt(receipt, Map.of("room-id", Long.toString(roomId)));
  }

  private void leave(long roomId, String receipt) {
    access().leave(session.principal(), roomId);
    session.receipt(receipt, Map.of("room-id", Long.toString(roomId)));
  }

  private RoomAccess access() {
    return session.runtime().access();
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
