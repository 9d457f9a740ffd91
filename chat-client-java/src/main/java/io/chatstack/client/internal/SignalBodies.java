package io.chatstack.client.internal;

import io.chatstack.core.PresenceEvent;
import io.chatstack.core.ReadReceipt;
import io.chatstack.core.ReadState;
import io.chatstack.core.TypingEvent;
import io.chatstack.json.ChatJson;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.PresenceBody;
import io.chatstack.stomp.ReadReceiptBody;
import io.chatstack.stomp.ReadStateBody;
import io.chatstack.stomp.StompFrame;
import io.chatstack.stomp.TypingEventBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * Reads the bodies of presence, typing, read-receipt and read-state MESSAGEs, and the RECEIPT of a
 * read mark, into chat-core's events. Each method throws an unchecked exception when the input is
 * not what the protocol says. Stateless, thread-safe.
 */
final class SignalBodies {
  private SignalBodies() {}

  static PresenceEvent presence(byte[] json, long roomId) {
    PresenceBody body = read(json, PresenceBody.class);
    String type = Objects.requireNonNull(body.type(), "type");
    return switch (type) {
      case PresenceBody.SNAPSHOT ->
          new PresenceEvent(
              PresenceEvent.Type.SNAPSHOT,
              roomId,
              "",
              Objects.requireNonNull(body.online(), "online"),
              body.count());
      case PresenceBody.ONLINE, PresenceBody.OFFLINE ->
          new PresenceEvent(
              type.equals(PresenceBody.ONLINE)
                  ? PresenceEvent.Type.ONLINE
                  : PresenceEvent.Type.OFFLINE,
              roomId,
              Objects.requireNonNull(body.user(), "user"),
              List.of(),
              body.count());
      default -> throw new IllegalArgumentException("unknown presence type '" + type + "'");
    };
  }

  static TypingEvent typing(byte[] json, long roomId) {
    TypingEventBody body = read(json, TypingEventBody.class);
    return new TypingEvent(roomId, body.user(), body.typing());
  }

  static ReadReceipt receipt(byte[] json, long roomId) {
    ReadReceiptBody body = read(json, ReadReceiptBody.class);
    return new ReadReceipt(roomId, body.user(), body.seq());
  }

  static ReadState readState(byte[] json, String user) {
    ReadStateBody body = read(json, ReadStateBody.class);
    return new ReadState(body.roomId(), user, body.lastReadSeq(), body.unreadCount());
  }

  /** The state a read mark's RECEIPT tells ({@code last-read-seq}, {@code unread-count}). */
  static ReadState markRead(StompFrame receipt, long roomId, String user) {
    return new ReadState(
        roomId,
        user,
        Long.parseLong(header(receipt, HeaderNames.LAST_READ_SEQ)),
        Long.parseLong(header(receipt, HeaderNames.UNREAD_COUNT)));
  }

  private static String header(StompFrame frame, String name) {
    return frame
        .header(name)
        .orElseThrow(() -> new IllegalArgumentException("no '" + name + "' header"));
  }

  private static <T> T read(byte[] json, Class<T> type) {
    try {
      return ChatJson.mapper().readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
