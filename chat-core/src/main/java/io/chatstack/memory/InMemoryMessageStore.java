package io.chatstack.memory;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MessageStore} kept in this JVM's memory; the default. Thread-safe, locked per room.
 * Contents are lost when the process ends.
 */
public final class InMemoryMessageStore implements MessageStore {
  private final Map<Long, RoomLog> logs = new ConcurrentHashMap<>();

  @Override
  public int storeAll(List<ChatMessage> messages) {
    int stored = 0;
    for (ChatMessage m : messages) {
      if (m.seq() < 0) {
        throw new IllegalArgumentException(
            "message " + m.id() + " has no seq; only ordered messages are stored");
      }
      RoomLog log = logs.computeIfAbsent(m.roomId(), id -> new RoomLog());
      synchronized (log) {
        if (!log.bySeq.containsKey(m.seq()) && !log.byClientMsgId.containsKey(m.clientMsgId())) {
          log.bySeq.put(m.seq(), m);
          log.byClientMsgId.put(m.clientMsgId(), m);
          stored++;
        }
      }
    }
    return stored;
  }

  @Override
  public List<ChatMessage> records(long roomId, long afterSeq, int limit) {
    throw new UnsupportedOperationException("message lifecycle: in progress");
  }

  @Override
  public Optional<ChatMessage> findById(long roomId, String messageId) {
    throw new UnsupportedOperationException("message lifecycle: in progress");
  }

  @Override
  public long eraseSender(String sender) {
    throw new UnsupportedOperationException("message lifecycle: in progress");
  }

  @Override
  public HistoryPage page(long roomId, HistoryQuery query) {
    RoomLog log = logs.get(roomId);
    if (log == null) {
      return new HistoryPage(List.of(), false);
    }
    List<ChatMessage> found = new ArrayList<>(query.limit() + 1);
    synchronized (log) {
      NavigableMap<Long, ChatMessage> range =
          query.direction() == HistoryQuery.Direction.BEFORE
              ? log.bySeq.headMap(query.cursor(), false).descendingMap()
              : log.bySeq.tailMap(query.cursor(), false);
      for (ChatMessage m : range.values()) {
        found.add(m);
        if (found.size() > query.limit()) {
          break;
        }
      }
    }
    boolean more = found.size() > query.limit();
    List<ChatMessage> page = more ? found.subList(0, query.limit()) : found;
    if (query.direction() == HistoryQuery.Direction.BEFORE) {
      Collections.reverse(page);
    }
    return new HistoryPage(page, more);
  }

  @Override
  public Optional<ChatMessage> findByClientMsgId(long roomId, String clientMsgId) {
    RoomLog log = logs.get(roomId);
    if (log == null) {
      return Optional.empty();
    }
    synchronized (log) {
      return Optional.ofNullable(log.byClientMsgId.get(clientMsgId));
    }
  }

  private static final class RoomLog {
    final NavigableMap<Long, ChatMessage> bySeq = new TreeMap<>();
    final Map<String, ChatMessage> byClientMsgId = new HashMap<>();
  }
}
