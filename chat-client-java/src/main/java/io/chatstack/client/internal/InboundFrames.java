package io.chatstack.client.internal;

import io.chatstack.client.ChatClientException;
import io.chatstack.core.ChatMessage;
import io.chatstack.json.ChatJson;
import io.chatstack.stomp.ErrorBody;
import io.chatstack.stomp.ErrorCodes;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.RevocationBody;
import io.chatstack.stomp.StompFrame;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches server frames: CONNECTED to the handshake, RECEIPTs to sends and requests, MESSAGEs to
 * subscriptions, one-shot queries and the error queue, ERROR to a failure. Runs on the Tyrus thread
 * of the link, one WebSocket message at a time; frames of a stale link are ignored. Anything that
 * does not fit the protocol closes the link with {@code malformed-frame}. Sees only what it
 * answers: the handshake, the waiting sends, subscriptions and requests, and the listener executor.
 */
final class InboundFrames {
  private static final Logger LOG = LoggerFactory.getLogger(InboundFrames.class);
  private final Handshake handshake;
  private final PendingSends sends;
  private final Subscriptions subs;
  private final Waiters waiters;
  private final Executor calls;
  private final Supplier<String> userName;

  /**
   * @param calls runs listener calls and send-future completions
   * @param userName the name the server authenticated us as, for the stored messages of RECEIPTs
   */
  InboundFrames(
      Handshake handshake,
      PendingSends sends,
      Subscriptions subs,
      Waiters waiters,
      Executor calls,
      Supplier<String> userName) {
    this.handshake = handshake;
    this.sends = sends;
    this.subs = subs;
    this.waiters = waiters;
    this.calls = calls;
    this.userName = userName;
  }

  /** Handles the frames of one WebSocket message of {@code link}. Tyrus thread of the link. */
  void onFrames(Link link, List<StompFrame> frames) {
    try {
      for (StompFrame frame : frames) {
        if (link.isClosed()) {
          return;
        }
        switch (frame.command()) {
          case CONNECTED -> handshake.answered(link, frame);
          case ERROR -> link.close(serverError(frame));
          case RECEIPT -> receipt(frame);
          default -> message(frame);
        }
      }
    } catch (ChatClientException e) {
      link.close(e);
    }
  }

  private void receipt(StompFrame frame) {
    String id = required(frame, HeaderNames.RECEIPT_ID);
    if (id.startsWith("send:")) {
      PendingSend send = sends.remove(number(id.substring(5), frame));
      if (send != null) {
        ChatMessage stored;
        try {
          stored = stored(send, frame);
        } catch (ChatClientException e) {
          // Removed already, so the failure handling would not see it: fail it here.
          calls.execute(() -> send.future().completeExceptionally(e));
          throw e;
        }
        calls.execute(() -> send.future().complete(stored));
      }
    } else if (id.startsWith("sub:")) {
      Sub sub = subs.get(id.substring(4));
      if (sub != null) {
        sub.confirmed.complete(null);
        if (!sub.isActive()) {
          // Its SUBSCRIBE timed out (or it was closed just now): the server has it, drop it there.
          calls.execute(sub::abandon);
        }
      }
    } else {
      complete(id, frame);
    }
  }

  private ChatMessage stored(PendingSend send, StompFrame frame) {
    Instant timestamp;
    try {
      timestamp = frame.header(HeaderNames.TIMESTAMP).map(Instant::parse).orElseGet(Instant::now);
    } catch (DateTimeParseException e) {
      throw malformed("RECEIPT timestamp is not ISO-8601", frame);
    }
    ChatMessage d = send.draft();
    return new ChatMessage(
        required(frame, HeaderNames.MESSAGE_ID),
        d.roomId(),
        number(required(frame, HeaderNames.SEQ), frame),
        userName.get(),
        d.content(),
        d.type(),
        timestamp,
        d.clientMsgId(),
        d.targetId(),
        d.replyTo(),
        d.metadata(),
        d.editedAt(),
        false,
        java.util.Map.of(),
        0L);
  }

  private void message(StompFrame frame) {
    String subscription = required(frame, HeaderNames.SUBSCRIPTION);
    if (subscription.equals(Connector.ERRORS_SUBSCRIPTION)) {
      error(frame);
      return;
    }
    Sub sub = subs.get(subscription);
    if (sub != null) {
      sub.offer(frame);
      return;
    }
    complete(subscription, frame);
  }

  private void error(StompFrame frame) {
    ErrorBody body = errorQueueBody(frame, ErrorBody.class);
    String code = Objects.requireNonNullElse(body.code(), "error");
    String text = Objects.requireNonNullElse(body.message(), "");
    if (code.equals(ErrorCodes.SUBSCRIPTION_REVOKED)) {
      RevocationBody revocation = errorQueueBody(frame, RevocationBody.class);
      revoked(Objects.requireNonNullElse(revocation.subscription(), ""));
      return;
    }
    ChatClientException error = new ChatClientException(code, "Server refused: " + text);
    String receiptId = body.receiptId();
    if (receiptId == null) {
      LOG.warn("chatstack server reported {}: {}", code, text);
    } else if (receiptId.startsWith("send:")) {
      PendingSend send = sends.remove(number(receiptId.substring(5), frame));
      if (send != null) {
        calls.execute(() -> send.future().completeExceptionally(error));
      }
    } else if (receiptId.startsWith("sub:")) {
      Sub sub = subs.remove(receiptId.substring(4));
      if (sub != null) {
        boolean wasConfirmed = sub.confirmed.isDone();
        sub.confirmed.completeExceptionally(error);
        if (sub.deactivate() && wasConfirmed) {
          sub.tellError(error);
        }
      }
    } else {
      waiters.fail(receiptId, error);
    }
  }

  private static <T> T errorQueueBody(StompFrame frame, Class<T> type) {
    try {
      return ChatJson.mapper().readValue(frame.body(), type);
    } catch (IOException | RuntimeException e) {
      throw malformed("error queue body is not JSON (or not an error object)", frame);
    }
  }

  /**
   * The server ended a room or room-signal subscription (the user left or was removed): never
   * re-subscribed. Dispatched by subscription id, whatever the subscription is.
   */
  private void revoked(String subscription) {
    Sub sub = subs.remove(subscription);
    if (sub != null && sub.revoke()) {
      // The notice can overtake the SUBSCRIBE's RECEIPT: the subscribe call returns, inactive.
      sub.confirmed.complete(null);
      sub.tellRevoked();
    }
  }

  private void complete(String id, StompFrame frame) {
    waiters.complete(id, frame);
  }

  private static ChatClientException serverError(StompFrame frame) {
    String code = frame.header(HeaderNames.CODE).orElse("unknown");
    String message = frame.header(HeaderNames.MESSAGE).orElse(frame.text().trim());
    if (code.equals(ErrorCodes.SLOW_CONSUMER) || code.equals(ErrorCodes.HEART_BEAT_TIMEOUT)) {
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
