package io.chatstack.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatstack.client.ChatClientException;
import io.chatstack.core.ChatMessage;
import io.chatstack.core.MessageType;
import io.chatstack.json.ChatJson;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches server frames: CONNECTED to the handshake, RECEIPTs to sends and requests, MESSAGEs to
 * subscriptions, one-shot queries and the error queue, ERROR to a failure. Runs on the Tyrus thread
 * of the link, one WebSocket message at a time; frames of a stale link are ignored. Anything that
 * does not fit the protocol closes the link with {@code malformed-frame}.
 */
final class InboundFrames implements Link.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(InboundFrames.class);
  private final ClientCore core;

  InboundFrames(ClientCore core) {
    this.core = core;
  }

  @Override
  public void onFrames(Link link, List<StompFrame> frames) {
    try {
      for (StompFrame frame : frames) {
        if (link.isClosed()) {
          return;
        }
        switch (frame.command()) {
          case "CONNECTED" -> core.connector.onConnected(link, frame);
          case "ERROR" -> link.close(serverError(frame));
          case "RECEIPT" -> receipt(frame);
          default -> message(frame);
        }
      }
    } catch (ChatClientException e) {
      link.close(e);
    }
  }

  @Override
  public void onClosed(Link link, ChatClientException cause) {
    core.connector.onLinkClosed(link, cause);
  }

  private void receipt(StompFrame frame) {
    String id = required(frame, "receipt-id");
    if (id.startsWith("send:")) {
      PendingSend send = core.sends.remove(number(id.substring(5), frame));
      if (send != null) {
        ChatMessage stored = stored(send, frame);
        core.emit(() -> send.future().complete(stored));
      }
    } else if (id.startsWith("sub:")) {
      RoomSub sub = core.subs.get(id.substring(4));
      if (sub != null) {
        sub.confirmed.complete(null);
      }
    } else {
      complete(id, frame);
    }
  }

  private ChatMessage stored(PendingSend send, StompFrame frame) {
    Instant timestamp;
    try {
      timestamp = frame.header("timestamp").map(Instant::parse).orElseGet(Instant::now);
    } catch (DateTimeParseException e) {
      throw malformed("RECEIPT timestamp is not ISO-8601", frame);
    }
    return new ChatMessage(
        required(frame, "message-id"),
        send.roomId(),
        number(required(frame, "seq"), frame),
        core.userName,
        send.content(),
        MessageType.CHAT,
        timestamp,
        send.clientMsgId());
  }

  private void message(StompFrame frame) {
    String subscription = required(frame, "subscription");
    if (subscription.equals(Connector.ERRORS_SUBSCRIPTION)) {
      error(frame);
      return;
    }
    RoomSub sub = core.subs.get(subscription);
    if (sub != null) {
      ChatMessage message;
      try {
        message = ChatJson.fromJson(frame.body(), ChatMessage.class);
      } catch (RuntimeException e) {
        throw malformed("MESSAGE body is not a ChatMessage (" + e.getMessage() + ")", frame);
      }
      sub.offer(message);
      return;
    }
    complete(subscription, frame);
  }

  private void error(StompFrame frame) {
    JsonNode json;
    try {
      json = ChatJson.mapper().readTree(frame.body());
    } catch (IOException e) {
      throw malformed("error queue body is not JSON", frame);
    }
    String code = json.path("code").asText("error");
    String text = json.path("message").asText("");
    if (code.equals("subscription-revoked")) {
      revoked(json.path("subscription").asText(""));
      return;
    }
    ChatClientException error = new ChatClientException(code, "Server refused: " + text);
    String receiptId = json.path("receiptId").asText(null);
    if (receiptId == null) {
      LOG.warn("chatstack server reported {}: {}", code, text);
    } else if (receiptId.startsWith("send:")) {
      PendingSend send = core.sends.remove(number(receiptId.substring(5), frame));
      if (send != null) {
        core.emit(() -> send.future().completeExceptionally(error));
      }
    } else if (receiptId.startsWith("sub:")) {
      RoomSub sub = core.subs.remove(receiptId.substring(4));
      if (sub != null) {
        boolean wasConfirmed = sub.confirmed.isDone();
        sub.confirmed.completeExceptionally(error);
        if (sub.deactivate() && wasConfirmed) {
          core.emit(() -> sub.listener.onError(sub, error));
        }
      }
    } else {
      CompletableFuture<StompFrame> waiter = core.waiters.remove(receiptId);
      if (waiter != null) {
        waiter.completeExceptionally(error);
      }
    }
  }

  /** The server ended a room subscription (the user left or was removed): never re-subscribed. */
  private void revoked(String subscription) {
    RoomSub sub = core.subs.remove(subscription);
    if (sub != null && sub.deactivate()) {
      // The notice can overtake the SUBSCRIBE's RECEIPT: the subscribe call returns, inactive.
      sub.confirmed.complete(null);
      core.emit(() -> sub.listener.onRevoked(sub));
    }
  }

  private void complete(String id, StompFrame frame) {
    CompletableFuture<StompFrame> waiter = core.waiters.remove(id);
    if (waiter != null) {
      waiter.complete(frame);
    }
  }

  private static ChatClientException serverError(StompFrame frame) {
    String code = frame.header("code").orElse("unknown");
    String message = frame.header("message").orElse(frame.text().trim());
    if (code.equals("slow-consumer") || code.equals("heart-beat-timeout")) {
      // The connection, not the client, failed: reconnecting with since-seq recovers.
      return new ChatClientException(
          "connection-lost", "The server dropped the connection: " + message + " (" + code + ")");
    }
    return new ChatClientException(
        "server-error",
        "The server sent ERROR and closes the connection: " + message + " (code " + code + ")");
  }

  private static String required(StompFrame frame, String header) {
    return frame
        .header(header)
        .orElseThrow(() -> malformed(frame.command() + " without '" + header + "' header", frame));
  }

  private static long number(String text, StompFrame frame) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw malformed("'" + text + "' is not a number", frame);
    }
  }

  private static ChatClientException malformed(String what, StompFrame frame) {
    return new ChatClientException(
        "malformed-frame", "The server sent a malformed " + frame.command() + " frame: " + what);
  }
}
