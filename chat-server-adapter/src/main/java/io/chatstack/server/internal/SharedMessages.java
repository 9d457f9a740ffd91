package io.chatstack.server.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.PresenceEvent;
import io.chatstack.core.ReadReceipt;
import io.chatstack.core.ReadState;
import io.chatstack.core.RoomEvent;
import io.chatstack.core.TypingEvent;
import io.chatstack.json.ChatJson;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.PresenceBody;
import io.chatstack.stomp.ReadReceiptBody;
import io.chatstack.stomp.ReadStateBody;
import io.chatstack.stomp.StompDestinations;
import io.chatstack.stomp.TypingEventBody;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Encodes each delivered message once for all its subscribers: the JSON body and every header but
 * {@code subscription} are encoded on first delivery and reused by the other connections (a bounded
 * LRU cache keyed by the message itself). Presence, typing, receipt and read-state events are
 * shared by identity: the core hands one event object to all local subscribers, and two equal
 * events (the same user typing again later) are two messages with their own {@code message-id}. The
 * most recent encoding is also kept by the identity of what it encodes: the bus hands one message
 * object to all of a room's local subscribers, so the deliveries after the first find it without
 * hashing the message (a record's hash covers all its fields, text included). Thread-safe.
 */
public final class SharedMessages {
  private final FrameWriter frames;
  private final StompDestinations destinations;
  private final Map<Object, String> cache;
  private volatile Recent recent = new Recent(null, null);

  /** The last encoding and the very object it encodes. */
  private record Recent(Object source, String shared) {}

  public SharedMessages(FrameWriter frames, StompDestinations destinations, int capacity) {
    this.frames = frames;
    this.destinations = destinations;
    this.cache =
        new LinkedHashMap<>(capacity * 2, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Object, String> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The shared part of the MESSAGE frame carrying a room message. */
  public String chatMessage(ChatMessage message) {
    return cached(
        message,
        message,
        () -> {
          Map<String, String> headers = new LinkedHashMap<>();
          headers.put(HeaderNames.DESTINATION, destinations.room(message.roomId()));
          headers.put(HeaderNames.MESSAGE_ID, message.id());
          headers.put(HeaderNames.SEQ, Long.toString(message.seq()));
          headers.put(HeaderNames.CONTENT_TYPE, "application/json");
          return frames.sharedMessage(headers, ChatJson.toBytes(message));
        });
  }

  /** The shared part of the MESSAGE frame carrying a room-list change. */
  public String roomEvent(RoomEvent event) {
    return cached(
        event,
        event,
        () -> {
          Map<String, String> headers = new LinkedHashMap<>();
          headers.put(HeaderNames.DESTINATION, destinations.rooms());
          headers.put(
              HeaderNames.MESSAGE_ID,
              "room-" + event.room().id() + "-" + System.identityHashCode(event));
          headers.put(HeaderNames.CONTENT_TYPE, "application/json");
          return frames.sharedMessage(headers, ChatJson.toBytes(event));
        });
  }

  /** The shared part of the MESSAGE frame carrying a presence event (or a snapshot). */
  public String presence(PresenceEvent event) {
    return cached(
        event,
        new Identity(event),
        () -> {
          PresenceBody body =
              switch (event.type()) {
                case SNAPSHOT -> PresenceBody.snapshot(event.online(), event.count());
                case ONLINE -> PresenceBody.change(event.user(), true, event.count());
                case OFFLINE -> PresenceBody.change(event.user(), false, event.count());
              };
          return signal(destinations.presence(event.roomId()), body);
        });
  }

  /** The shared part of the MESSAGE frame carrying a typing event. */
  public String typing(TypingEvent event) {
    return cached(
        event,
        new Identity(event),
        () ->
            signal(
                destinations.typing(event.roomId()),
                new TypingEventBody(event.user(), event.typing())));
  }

  /** The shared part of the MESSAGE frame carrying a read receipt. */
  public String receipt(ReadReceipt receipt) {
    return cached(
        receipt,
        new Identity(receipt),
        () ->
            signal(
                destinations.reads(receipt.roomId()),
                new ReadReceiptBody(receipt.user(), receipt.seq())));
  }

  /** The shared part of the MESSAGE frame carrying a user's read state in one room. */
  public String readState(ReadState state) {
    return cached(
        state,
        new Identity(state),
        () ->
            signal(
                destinations.readState(),
                new ReadStateBody(state.roomId(), state.lastReadSeq(), state.unreadCount())));
  }

  private String signal(String destination, Object body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HeaderNames.DESTINATION, destination);
    headers.put(HeaderNames.MESSAGE_ID, UUID.randomUUID().toString());
    headers.put(HeaderNames.CONTENT_TYPE, "application/json");
    return frames.sharedMessage(headers, ChatJson.toBytes(body));
  }

  /** A cache key equal only to itself: events are shared by identity, not by value. */
  private static final class Identity {
    private final Object value;

    Identity(Object value) {
      this.value = value;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Identity identity && identity.value == value;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(value);
    }
  }

  /**
   * The encoding of {@code source}: the most recent one if it was of this very object, else the
   * cache's under {@code key}, else a new one.
   */
  private String cached(Object source, Object key, java.util.function.Supplier<String> encode) {
    Recent last = recent;
    if (last.source() == source) {
      return last.shared();
    }
    String shared;
    synchronized (cache) {
      shared = cache.get(key);
    }
    if (shared == null) {
      String encoded = encode.get();
      synchronized (cache) {
        String raced = cache.putIfAbsent(key, encoded);
        shared = raced != null ? raced : encoded;
      }
    }
    recent = new Recent(source, shared);
    return shared;
  }
}
