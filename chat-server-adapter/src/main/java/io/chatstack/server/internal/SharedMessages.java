package io.chatstack.server.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.RoomEvent;
import io.chatstack.json.ChatJson;
import io.chatstack.stomp.FrameWriter;
import io.chatstack.stomp.HeaderNames;
import io.chatstack.stomp.StompDestinations;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes each delivered message once for all its subscribers: the JSON body and every header but
 * {@code subscription} are encoded on first delivery and reused by the other connections (a bounded
 * LRU cache keyed by the message itself). Thread-safe.
 */
public final class SharedMessages {
  private final FrameWriter frames;
  private final StompDestinations destinations;
  private final Map<Object, String> cache;

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

  private String cached(Object key, java.util.function.Supplier<String> encode) {
    synchronized (cache) {
      String shared = cache.get(key);
      if (shared != null) {
        return shared;
      }
    }
    String shared = encode.get();
    synchronized (cache) {
      String raced = cache.putIfAbsent(key, shared);
      return raced != null ? raced : shared;
    }
  }
}
