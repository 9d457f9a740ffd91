package io.chatstack.memory;

import io.chatstack.core.ChatMessage;
import io.chatstack.core.HistoryPage;
import io.chatstack.core.HistoryQuery;
import io.chatstack.core.MessageStore;
import io.chatstack.core.MessageType;
import io.chatstack.core.internal.CurrentState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MessageStore} kept in this JVM's memory; the default. Thread-safe, locked per room:
 * storing a record and applying it to its target happen under one lock, so a stored change is
 * always applied. Contents are lost when the process ends.
 */
public final class InMemoryMessageStore implements MessageStore {
  private final Map<Long, RoomLog> logs = new ConcurrentHashMap<>();

  @Override
  public long eraseRoom(long roomId) {
    RoomLog log = logs.remove(roomId);
    if (log == null) {
      return 0;
    }
    synchronized (log) {
      return log.bySeq.size();
    }
  }

  @Override
  public int storeAll(List<ChatMessage> messages) {
    for (ChatMessage m : messages) {
      if (m.seq() < 0) {
        throw new IllegalArgumentException(
            "message " + m.id() + " has no seq; only ordered messages are stored");
      }
    }
    List<ChatMessage> ordered = new ArrayList<>(messages);
    ordered.sort(Comparator.comparingLong(ChatMessage::seq));
    int stored = 0;
    for (ChatMessage m : ordered) {
      RoomLog log = logs.computeIfAbsent(m.roomId(), id -> new RoomLog());
      synchronized (log) {
        if (log.add(m)) {
          stored++;
        }
      }
    }
    return stored;
  }

  @Override
  public HistoryPage page(long roomId, HistoryQuery query) {
    RoomLog log = logs.get(roomId);
    if (log == null) {
      return new HistoryPage(List.of(), false);
    }
    List<ChatMessage> found = new ArrayList<>();
    synchronized (log) {
      NavigableMap<Long, ChatMessage> range =
          query.direction() == HistoryQuery.Direction.BEFORE
              ? log.bySeq.headMap(query.cursor(), false).descendingMap()
              : log.bySeq.tailMap(query.cursor(), false);
      for (ChatMessage m : range.values()) {
        if (m.isChange()) {
          continue;
        }
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
  public List<ChatMessage> records(long roomId, long afterSeq, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    RoomLog log = logs.get(roomId);
    if (log == null) {
      return List.of();
    }
    List<ChatMessage> found = new ArrayList<>(Math.min(limit, 1024));
    synchronized (log) {
      for (ChatMessage m : log.bySeq.tailMap(afterSeq, false).values()) {
        found.add(m);
        if (found.size() == limit) {
          break;
        }
      }
    }
    return found;
  }

  @Override
  public Optional<ChatMessage> findByClientMsgId(long roomId, String clientMsgId) {
    RoomLog log = logs.get(roomId);
    if (log == null) {
      return Optional.empty();
    }
    synchronized (log) {
      Long seq = log.seqByClientMsgId.get(clientMsgId);
      return seq == null ? Optional.empty() : Optional.of(log.bySeq.get(seq));
    }
  }

  @Override
  public Optional<ChatMessage> findById(long roomId, String messageId) {
    RoomLog log = logs.get(roomId);
    if (log == null) {
      return Optional.empty();
    }
    synchronized (log) {
      Long seq = log.seqById.get(messageId);
      return seq == null ? Optional.empty() : Optional.of(log.bySeq.get(seq));
    }
  }

  @Override
  public long eraseSender(String sender) {
    long erased = 0;
    for (RoomLog log : logs.values()) {
      synchronized (log) {
        erased += log.erase(sender);
      }
    }
    return erased;
  }

  /** One room's records (messages in their current state) and indexes. Guarded by itself. */
  private static final class RoomLog {
    final NavigableMap<Long, ChatMessage> bySeq = new TreeMap<>();
    final Map<String, Long> seqByClientMsgId = new HashMap<>();
    final Map<String, Long> seqById = new HashMap<>();
    final Map<String, Map<String, Set<String>>> reactions = new HashMap<>();

    /** Stores {@code m} unless its seq or clientMsgId is taken; applies it if it is a change. */
    boolean add(ChatMessage m) {
      if (bySeq.containsKey(m.seq()) || seqByClientMsgId.containsKey(m.clientMsgId())) {
        return false;
      }
      bySeq.put(m.seq(), m);
      seqByClientMsgId.put(m.clientMsgId(), m.seq());
      if (m.isChange()) {
        apply(m);
      } else {
        seqById.putIfAbsent(m.id(), m.seq());
      }
      return true;
    }

    private void apply(ChatMessage change) {
      Long targetSeq = seqById.get(change.targetId());
      ChatMessage target = targetSeq == null ? null : bySeq.get(targetSeq);
      if (target == null || !CurrentState.applies(target, change)) {
        return;
      }
      Map<String, Set<String>> users =
          reactions.computeIfAbsent(target.id(), id -> new LinkedHashMap<>());
      ChatMessage next = CurrentState.applied(target, change, users);
      if (users.isEmpty()) {
        reactions.remove(target.id());
      }
      bySeq.put(targetSeq, next);
    }

    long erase(String sender) {
      long erased = 0;
      for (Map.Entry<Long, ChatMessage> e : bySeq.entrySet()) {
        ChatMessage m = e.getValue();
        if (!m.sender().equals(sender)) {
          continue;
        }
        if (m.type() == MessageType.CHAT && !m.deleted()) {
          reactions.remove(m.id());
          e.setValue(CurrentState.tombstone(m, 0));
          erased++;
        } else if (m.type() == MessageType.EDIT && !m.content().isEmpty()) {
          e.setValue(CurrentState.blanked(m));
        }
      }
      return erased;
    }
  }
}
