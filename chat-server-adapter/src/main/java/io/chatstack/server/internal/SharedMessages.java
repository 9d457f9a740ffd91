package io.chatstack.server.internal;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.RoomEvent;
import io.chatstack.json.ChatJson;
import io.chatstack.server.StompDestinations;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes each delivered message once for all its subscribers: the JSON body and every header but
 * {@code subscription} are encoded on first delivery and reused by the other connections (a bounded
 * LRU cache keyed by the message itself). Thread-safe.
 */
public final class SharedMessages {
  private final OutboundFrames frames;
  private final StompDestinations destinations;
  private final Map<Object, String> cache;

  public SharedMessages(OutboundFrames frames, StompDestinations destinations, int capacity) {
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
          headers.put("destination", destinations.room(message.roomId()));
          headers.put("message-id", message.id());
          headers.put("seq", Long.toString(message.seq()));
          headers.put("content-type", "application/json");
          return frames.sharedMessage(headers, ChatJson.toBytes(message));
        });
  }

  /** The shared part of the MESSAGE frame carrying a room-list change. */
  public String roomEvent(RoomEvent event) {
    return cached(
        event,
        () -> {
          Map<String, String> headers = new LinkedHashMap<>();
          headers.put("destination", destinations.rooms());
          headers.put(
              "message-id", "room-" + event.room().id() + "-" + System.identityHashCode(event));
          headers.put("content-type", "application/json");
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
